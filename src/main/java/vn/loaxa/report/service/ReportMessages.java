package vn.loaxa.report.service;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import vn.loaxa.delivery.model.DeliveryState;

/**
 * Every title, heading and column name of the exported reports (CSV, XLSX, PDF), one method per key. The Vietnamese
 * texts, the default, are in {@code messages/report_vi.properties}, the English ones in
 * {@code messages/report_en.properties}; only the message that chooses among values keeps its Vietnamese text here.
 */
@MessageBundle(value = "report", locale = "vi")
public interface ReportMessages {

    String title_plays();

    String title_as_run();

    String title_availability();

    String period(String from, String to);

    String area(String area);

    String all_areas();

    String generated(String at, String zone);

    String total();

    String table_plays_content();

    String table_plays_topic();

    String table_plays_language();

    String table_plays_area();

    String table_as_run();

    String table_states();

    String table_uptime();

    String table_outages();

    String col_key();

    String col_name();

    String col_plays();

    String col_seconds();

    String col_reported_late();

    String col_occurrence();

    String col_bulletin();

    String col_receiver();

    String col_area();

    String col_planned();

    String col_started();

    String col_finished();

    String col_state();

    String col_reason();

    String col_test();

    String col_reported_late_at();

    String col_count();

    String col_outages();

    String col_downtime();

    String col_observed();

    String col_uptime();

    String col_ended();

    String col_duration();

    String test_mark();

    String title_coverage();

    String table_coverage_airtime();

    String table_coverage_reach();

    String table_coverage_lacking();

    String col_commune();

    String col_language();

    String col_aired();

    String col_reached();

    String col_share();

    String col_first_aired();

    String col_missing_language();

    @Message(
            "{#when state}{#is SCHEDULED}đã lên lịch{#is DELIVERED}đã nhận lịch{#is DOWNLOADED}đã tải{#is PLAYING}đang phát{#is PLAYED}đã phát{#is FAILED}lỗi{#is MISSED}lỡ{#is PREEMPTED}bị chen ngang{#is CANCELLED}đã hủy{/when}")
    String state(DeliveryState state);
}
