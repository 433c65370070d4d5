package vn.loaxa.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every string of the web UI, one method per key, so that templates ({@code {msg:key}}) are checked at build time.
 * The Vietnamese texts, the default, are in {@code messages/msg_vi.properties}, the English ones in
 * {@code messages/msg_en.properties}; only the messages that choose among values keep their Vietnamese text here.
 */
@MessageBundle(value = "msg", locale = "vi")
public interface UiMessages {

    String skip_to_content();

    String areas_drawn();

    String error_forbidden();

    String error_not_found();

    String error_back();

    String nav_label();

    String nav_overview();

    String nav_map();

    String nav_library();

    String nav_schedule();

    String nav_reports();

    String switch_language();

    String logout();

    String overview_title();

    String receivers_heading();

    String online();

    String offline();

    String today_broadcasts();

    String alerts();

    String offline_since();

    String no_alerts();

    String offline_more(int count);

    String receivers_shown(int shown, int total);

    String receivers_all();

    @Message("{count} lượt phát đã lên lịch nhưng chưa gửi được tới cụm thu (máy chủ MQTT từ chối); đang thử lại, từ")
    String publish_pending(long count);

    String no_receivers();

    String no_broadcasts_today();

    String col_id();

    String col_name();

    String col_area();

    String col_languages();

    String col_status();

    String col_last_seen();

    String col_bulletin();

    String col_start();

    String col_progress();

    String col_played();

    String col_problems();

    String reported_late();

    @Message("{count} báo muộn")
    String reported_late_count(long count);

    String reported_late_hint();

    String col_updated();

    String col_state();

    String col_reason();

    String col_started();

    String col_finished();

    String col_delivered();

    String col_downloaded();

    String col_receiver();

    String col_created();

    String col_duration();

    String col_loudness();

    String col_plays();

    String col_seconds();

    String col_downtime();

    String col_uptime();

    String map_title();

    String no_position();

    String no_positions();

    String agent_version();

    String heartbeat();

    String hb_at();

    String hb_uptime();

    String hb_volume();

    String hb_muted();

    String hb_cache();

    String hb_clock();

    String hb_audio();

    String hb_error();

    String hb_outbox();

    String no_heartbeat();

    String commands();

    String set_volume();

    String test_tone();

    String resync();

    String command_sent();

    String outages();

    String ongoing();

    String no_outages();

    String recent_deliveries();

    String no_deliveries();

    String library_title();

    String upload_heading();

    String rec_legend();

    String rec_start();

    String rec_stop();

    String rec_level();

    String rec_time();

    String rec_hint();

    String rec_recorded();

    String rec_denied();

    String rec_file_name();

    String field_file();

    String field_title();

    String field_language();

    String language_hint();

    String field_transcript();

    String upload();

    String uploading();

    String tts_heading();

    String field_text();

    String speak();

    String media_heading();

    String no_media();

    String media_PROCESSING();

    String media_READY();

    String media_FAILED();

    String new_bulletin();

    String field_topic();

    String field_source();

    String field_priority();

    String priority_NORMAL();

    String priority_PRIORITY();

    String priority_EMERGENCY();

    String segments();

    String segment();

    String submit_for_approval();

    String save_bulletin();

    String saved();

    String approval_queue();

    String approve();

    String reject();

    String reject_reason();

    String approver_only();

    String queue_empty();

    String bulletins_heading();

    String no_bulletins();

    String variants();

    String all_languages();

    String no_variants();

    String schedule_title();

    String week();

    String previous_week();

    String this_week();

    String next_week();

    String cancelled();

    String new_broadcast();

    String field_start();

    String start_hint();

    String field_areas();

    String field_receivers();

    String field_rrule();

    String rrule_hint();

    String preview();

    String schedule_it();

    String commune_inbox();

    String commune_inbox_pending();

    String filter_state();

    String all_states();

    String filter();

    String total();

    String reports_title();

    String field_from();

    String field_to();

    String all_areas();

    String show();

    String exports();

    String report_plays();

    String report_as_run();

    String report_availability();

    String no_data();

    String error_date();

    String error_to_before();

    String error_area();

    String request_failed();

    String field_required();

    String cancel_broadcast();

    String cancel_confirm();

    @Message(
            "{#when state}{#is SCHEDULED}đã lên lịch{#is DELIVERED}đã nhận lịch{#is DOWNLOADED}đã tải{#is PLAYING}đang phát{#is PLAYED}đã phát{#is FAILED}lỗi{#is MISSED}lỡ{#is PREEMPTED}bị chen ngang{#is CANCELLED}đã hủy{/when}")
    String state(vn.loaxa.delivery.model.DeliveryState state);

    @Message("{#when status}{#is PROCESSING}đang xử lý{#is READY}sẵn sàng{#is FAILED}lỗi{/when}")
    String media(vn.loaxa.media.model.MediaStatus status);

    @Message("{#when priority}{#is NORMAL}Thông thường{#is PRIORITY}Ưu tiên{#is EMERGENCY}Khẩn cấp{/when}")
    String priority(vn.loaxa.bulletin.model.Priority priority);

    @Message(
            "{#when status}{#is DRAFT}bản nháp{#is SUBMITTED}chờ duyệt{#is APPROVED}đã duyệt{#is REJECTED}bị từ chối{/when}")
    String bulletin_status(vn.loaxa.bulletin.model.BulletinStatus status);

    @Message(
            "{#when day}{#is MONDAY}Thứ Hai{#is TUESDAY}Thứ Ba{#is WEDNESDAY}Thứ Tư{#is THURSDAY}Thứ Năm{#is FRIDAY}Thứ Sáu{#is SATURDAY}Thứ Bảy{#is SUNDAY}Chủ Nhật{/when}")
    String weekday(java.time.DayOfWeek day);

    String nav_audit();

    String audit_title();

    String col_actor();

    String col_action();

    String col_target();

    String col_before();

    String col_after();

    String test_banner();

    String test_tag();

    // --- reports ---

    String charts_heading();

    String chart_plays_per_day();

    String chart_availability_per_area();

    String chart_airtime_per_language();

    String chart_minutes();

    String chart_language_unknown();
    // --- library and commune inbox ---

    String lib_spoken_language();

    String lib_not_audio();

    String lib_audio_only_hint();

    String lib_listen();

    String lib_col_actions();

    String lib_delete();

    String lib_delete_confirm();

    String lib_media_in_use();

    String lib_media_deleted();

    String nav_inbox();

    String inbox_title();

    String inbox_intro();

    String inbox_commune();

    String inbox_show();

    String inbox_airs_at();

    String inbox_recurring();

    String inbox_accept_default();

    String inbox_own_time();

    String inbox_accept_own();

    String inbox_decline_reason();

    String inbox_decline();

    String inbox_nothing_pending();

    String inbox_policy_heading();

    String inbox_policy_legend();

    String inbox_policy_auto();

    String inbox_policy_manual();

    String inbox_policy_inherited();

    String inbox_policy_save();

    String inbox_decided_heading();

    String inbox_own_airing();

    String inbox_reason();

    String inbox_nothing_decided();

    String inbox_no_commune();

    String inbox_go();

    String inbox_default_time();

    String inbox_default_time_hint();

    String inbox_pending_heading(String name);

    @Message("{#when status}{#is PENDING}chờ quyết định{#is ACCEPTED}đã nhận{#is DECLINED}đã từ chối{/when}")
    String inbox_status(vn.loaxa.inbox.model.InboxStatus status);
    // --- calendar: every occurrence, cancel one or the series, the recurrence builder ---

    String cancel_occurrence();

    String cancel_series();

    String cancel_occurrence_confirm(String title, String when);

    String cancel_single_confirm(String title, String when);

    String cancel_series_confirm(String title);

    String series_tag();

    String occurrence_cancelled();

    String field_repeat();

    String repeat_none();

    String repeat_daily();

    String repeat_weekly();

    String repeat_monthly();

    String repeat_weekdays();

    String repeat_month_day();

    String repeat_end();

    String repeat_until();

    String repeat_count();

    String repeat_never();

    String advanced();

    String rrule_raw_hint();

    String preview_empty();
    // --- live overview and map ---
    @Message(
            "{#when status}{#is 'online'}trực tuyến{#is 'offline'}mất kết nối{#is 'playing'}đang phát{#is 'failed'}lỗi phát{/when}")
    String fleet_status(String status);

    String status_playing();

    String status_failed();

    String map_live_note();
    // --- i18n ---

    String error_unexpected();
    // --- approval (approval by a second person, the approval queue, the schedule hint) ---

    @Message("Gửi duyệt: {who},")
    String submitted_by(String who);

    @Message("Từ chối bởi {who},")
    String rejected_by(String who);

    String listen();

    String own_bulletin_wait();

    String not_approved_group();

    String not_approved_hint();

    // --- scheduling from the bulletin: targets by name, play now ---

    String targets_legend();

    String targets_hint();

    String area_tree_hint();

    String area_covered();

    String no_target_areas();

    String field_groups();

    String no_groups();

    String receiver_filter();

    String targets_missing();

    String play_now();

    String play_now_hint();

    String play_now_confirm();

    String schedule_bulletin();

    @Message("{count} cụm thu")
    String group_size(int count);

    String override_legend();

    String override_anyway();

    String override_reason();

    String override_hint();

    String report_coverage();

    String coverage_intro();

    String chart_airtime_per_commune();

    String coverage_reach();

    String coverage_lacking();

    String coverage_none_lacking();

    String col_commune();

    String col_aired();

    String col_reached();

    String col_share();

    String col_first_aired();

    String col_missing_language();
}
