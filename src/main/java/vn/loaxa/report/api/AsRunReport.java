package vn.loaxa.report.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loaxa.delivery.model.DeliveryState;

/**
 * Every occurrence × receiver in the range: planned time, actual start and end, final state, and when a late report
 * from inside the window turned it from MISSED.
 */
public record AsRunReport(
        LocalDate from, LocalDate to, String area, int total, Map<DeliveryState, Long> counts, List<Row> rows) {

    public record Row(
            UUID occurrenceId,
            String bulletin,
            String receiverId,
            String areaCode,
            OffsetDateTime plannedAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            DeliveryState state,
            String reason,
            boolean test,
            OffsetDateTime reportedLateAt) {}
}
