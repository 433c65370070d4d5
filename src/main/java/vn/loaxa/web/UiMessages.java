package vn.loaxa.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every string of the web UI. The texts here are Vietnamese, the default; English is in
 * {@code messages/msg_en.properties}. Templates use them as {@code {msg:key}}.
 */
@MessageBundle(value = "msg", locale = "vi")
public interface UiMessages {

    @Message("Bỏ qua, tới nội dung")
    String skip_to_content();

    @Message("Các địa bàn trên bản đồ")
    String areas_drawn();

    @Message("Không có quyền truy cập")
    String error_forbidden();

    @Message("Không tìm thấy")
    String error_not_found();

    @Message("Về trang tổng quan")
    String error_back();

    @Message("Điều hướng chính")
    String nav_label();

    @Message("Tổng quan")
    String nav_overview();

    @Message("Bản đồ")
    String nav_map();

    @Message("Thư viện")
    String nav_library();

    @Message("Lịch phát")
    String nav_schedule();

    @Message("Báo cáo")
    String nav_reports();

    @Message("English")
    String switch_language();

    @Message("Đăng xuất")
    String logout();

    @Message("Tổng quan")
    String overview_title();

    @Message("Cụm thu")
    String receivers_heading();

    @Message("trực tuyến")
    String online();

    @Message("mất kết nối")
    String offline();

    @Message("Phát sóng hôm nay")
    String today_broadcasts();

    @Message("Cảnh báo")
    String alerts();

    @Message("mất kết nối từ")
    String offline_since();

    @Message("Không có cảnh báo")
    String no_alerts();

    @Message("{count} lượt phát đã lên lịch nhưng chưa gửi được tới cụm thu (máy chủ MQTT từ chối); đang thử lại, từ")
    String publish_pending(long count);

    @Message("Chưa có cụm thu nào")
    String no_receivers();

    @Message("Hôm nay không có lịch phát")
    String no_broadcasts_today();

    @Message("Mã")
    String col_id();

    @Message("Tên")
    String col_name();

    @Message("Địa bàn")
    String col_area();

    @Message("Ngôn ngữ")
    String col_languages();

    @Message("Trạng thái")
    String col_status();

    @Message("Lần cuối")
    String col_last_seen();

    @Message("Bản tin")
    String col_bulletin();

    @Message("Giờ phát")
    String col_start();

    @Message("Tiến độ")
    String col_progress();

    @Message("Đã phát")
    String col_played();

    @Message("Lỗi / lỡ")
    String col_problems();

    @Message("Báo muộn")
    String reported_late();

    @Message("{count} báo muộn")
    String reported_late_count(long count);

    @Message("Cụm thu đã phát đúng giờ khi mất kết nối và báo lại sau khi hết khung giờ")
    String reported_late_hint();

    @Message("Cập nhật")
    String col_updated();

    @Message("Trạng thái")
    String col_state();

    @Message("Lý do")
    String col_reason();

    @Message("Bắt đầu")
    String col_started();

    @Message("Kết thúc")
    String col_finished();

    @Message("Đã nhận")
    String col_delivered();

    @Message("Đã tải")
    String col_downloaded();

    @Message("Cụm thu")
    String col_receiver();

    @Message("Tạo lúc")
    String col_created();

    @Message("Thời lượng")
    String col_duration();

    @Message("Độ lớn (LUFS)")
    String col_loudness();

    @Message("Lượt phát")
    String col_plays();

    @Message("Số giây")
    String col_seconds();

    @Message("Thời gian mất kết nối")
    String col_downtime();

    @Message("Tỷ lệ hoạt động (%)")
    String col_uptime();

    @Message("Bản đồ cụm thu")
    String map_title();

    @Message("chưa có tọa độ")
    String no_position();

    @Message("Chưa cụm thu nào có tọa độ")
    String no_positions();

    @Message("Phiên bản")
    String agent_version();

    @Message("Nhịp tim gần nhất")
    String heartbeat();

    @Message("Thời điểm")
    String hb_at();

    @Message("Thời gian chạy (giây)")
    String hb_uptime();

    @Message("Âm lượng")
    String hb_volume();

    @Message("Tắt tiếng")
    String hb_muted();

    @Message("Bộ nhớ đệm còn trống (byte)")
    String hb_cache();

    @Message("Lệch đồng hồ (ms)")
    String hb_clock();

    @Message("Đầu ra âm thanh tốt")
    String hb_audio();

    @Message("Lỗi gần nhất")
    String hb_error();

    @Message("Sự kiện chờ gửi / bị bỏ")
    String hb_outbox();

    @Message("Chưa nhận được nhịp tim")
    String no_heartbeat();

    @Message("Lệnh điều khiển từ xa")
    String commands();

    @Message("Đặt âm lượng")
    String set_volume();

    @Message("Phát âm thử")
    String test_tone();

    @Message("Đồng bộ lại")
    String resync();

    @Message("Đã gửi lệnh")
    String command_sent();

    @Message("Lịch sử mất kết nối")
    String outages();

    @Message("đang mất kết nối")
    String ongoing();

    @Message("Không có lần mất kết nối nào trong 30 ngày")
    String no_outages();

    @Message("Phân phát gần đây")
    String recent_deliveries();

    @Message("Chưa có phân phát nào")
    String no_deliveries();

    @Message("Thư viện")
    String library_title();

    @Message("Tải tệp âm thanh lên")
    String upload_heading();

    @Message("Tệp âm thanh")
    String field_file();

    @Message("Tiêu đề")
    String field_title();

    @Message("Ngôn ngữ (mã ISO 639-3)")
    String field_language();

    @Message("Ví dụ: vie (tiếng Việt), tyz (Tày), nut (Nùng)")
    String language_hint();

    @Message("Nội dung văn bản (không bắt buộc)")
    String field_transcript();

    @Message("Tải lên")
    String upload();

    @Message("Đang tải lên")
    String uploading();

    @Message("Chuyển văn bản thành giọng nói")
    String tts_heading();

    @Message("Văn bản")
    String field_text();

    @Message("Tạo âm thanh")
    String speak();

    @Message("Tệp âm thanh")
    String media_heading();

    @Message("Chưa có tệp âm thanh nào")
    String no_media();

    @Message("đang xử lý")
    String media_PROCESSING();

    @Message("sẵn sàng")
    String media_READY();

    @Message("lỗi")
    String media_FAILED();

    @Message("Tạo bản tin")
    String new_bulletin();

    @Message("Chủ đề")
    String field_topic();

    @Message("Cơ quan cung cấp")
    String field_source();

    @Message("Loại bản tin")
    String field_priority();

    @Message("Thông thường")
    String priority_NORMAL();

    @Message("Ưu tiên")
    String priority_PRIORITY();

    @Message("Khẩn cấp")
    String priority_EMERGENCY();

    @Message("Các đoạn")
    String segments();

    @Message("Đoạn")
    String segment();

    @Message("Gửi duyệt ngay")
    String submit_for_approval();

    @Message("Lưu bản tin")
    String save_bulletin();

    @Message("Đã lưu")
    String saved();

    @Message("Chờ duyệt")
    String approval_queue();

    @Message("Duyệt")
    String approve();

    @Message("Từ chối")
    String reject();

    @Message("Lý do từ chối")
    String reject_reason();

    @Message("Chỉ người duyệt mới duyệt được")
    String approver_only();

    @Message("Không có bản tin nào chờ duyệt")
    String queue_empty();

    @Message("Bản tin")
    String bulletins_heading();

    @Message("Chưa có bản tin nào")
    String no_bulletins();

    @Message("Các phiên bản ngôn ngữ")
    String variants();

    @Message("chung (mọi ngôn ngữ)")
    String all_languages();

    @Message("Chưa có phiên bản nào")
    String no_variants();

    @Message("Lịch phát")
    String schedule_title();

    @Message("Tuần")
    String week();

    @Message("Tuần trước")
    String previous_week();

    @Message("Tuần này")
    String this_week();

    @Message("Tuần sau")
    String next_week();

    @Message("đã hủy")
    String cancelled();

    @Message("Lên lịch phát")
    String new_broadcast();

    @Message("Giờ phát")
    String field_start();

    @Message("Giờ Việt Nam (UTC+7)")
    String start_hint();

    @Message("Địa bàn nhận")
    String field_areas();

    @Message("Cụm thu nhận")
    String field_receivers();

    @Message("Mã cụm thu, cách nhau bởi dấu phẩy")
    String receivers_hint();

    @Message("Lặp lại (RRULE, không bắt buộc)")
    String field_rrule();

    @Message("Ví dụ: FREQ=DAILY;COUNT=5")
    String rrule_hint();

    @Message("Xem trước các lần phát")
    String preview();

    @Message("Lên lịch")
    String schedule_it();

    @Message("Hộp thư bản tin thông thường của xã")
    String commune_inbox();

    @Message("Đang được xây dựng.")
    String commune_inbox_pending();

    @Message("Lọc theo trạng thái")
    String filter_state();

    @Message("Tất cả")
    String all_states();

    @Message("Lọc")
    String filter();

    @Message("Tổng")
    String total();

    @Message("Báo cáo")
    String reports_title();

    @Message("Từ ngày")
    String field_from();

    @Message("Đến ngày")
    String field_to();

    @Message("Tất cả địa bàn")
    String all_areas();

    @Message("Xem")
    String show();

    @Message("Tải báo cáo")
    String exports();

    @Message("Lượt phát")
    String report_plays();

    @Message("Nhật ký phát")
    String report_as_run();

    @Message("Tình trạng hoạt động")
    String report_availability();

    @Message("Không có dữ liệu")
    String no_data();

    @Message("Nhập ngày theo dạng năm-tháng-ngày")
    String error_date();

    @Message("Ngày kết thúc phải sau ngày bắt đầu")
    String error_to_before();

    @Message("Không có địa bàn này")
    String error_area();

    @Message("Không thực hiện được")
    String request_failed();

    @Message("Bắt buộc nhập")
    String field_required();

    @Message("Hủy lịch phát này")
    String cancel_broadcast();

    @Message("Hủy lịch phát này trên mọi cụm thu?")
    String cancel_confirm();

    @Message("{#when state}{#is SCHEDULED}đã lên lịch{#is DELIVERED}đã nhận lịch{#is DOWNLOADED}đã tải{#is PLAYING}đang phát{#is PLAYED}đã phát{#is FAILED}lỗi{#is MISSED}lỡ{#is PREEMPTED}bị chen ngang{#is CANCELLED}đã hủy{/when}")
    String state(vn.loaxa.delivery.model.DeliveryState state);

    @Message("{#when status}{#is PROCESSING}đang xử lý{#is READY}sẵn sàng{#is FAILED}lỗi{/when}")
    String media(vn.loaxa.media.model.MediaStatus status);

    @Message("{#when priority}{#is NORMAL}Thông thường{#is PRIORITY}Ưu tiên{#is EMERGENCY}Khẩn cấp{/when}")
    String priority(vn.loaxa.bulletin.model.Priority priority);

    @Message("{#when status}{#is DRAFT}bản nháp{#is SUBMITTED}chờ duyệt{#is APPROVED}đã duyệt{#is REJECTED}bị từ chối{/when}")
    String bulletin_status(vn.loaxa.bulletin.model.BulletinStatus status);

    @Message("{#when day}{#is MONDAY}Thứ Hai{#is TUESDAY}Thứ Ba{#is WEDNESDAY}Thứ Tư{#is THURSDAY}Thứ Năm{#is FRIDAY}Thứ Sáu{#is SATURDAY}Thứ Bảy{#is SUNDAY}Chủ Nhật{/when}")
    String weekday(java.time.DayOfWeek day);

    @Message("Nhật ký")
    String nav_audit();

    @Message("Nhật ký thao tác")
    String audit_title();

    @Message("Người thực hiện")
    String col_actor();

    @Message("Thao tác")
    String col_action();

    @Message("Đối tượng")
    String col_target();

    @Message("Trước")
    String col_before();

    @Message("Sau")
    String col_after();

    @Message("PHÁT THỬ NGHIỆM: đây là buổi phát thử, không phải phát thật")
    String test_banner();

    @Message("THỬ")
    String test_tag();
}
