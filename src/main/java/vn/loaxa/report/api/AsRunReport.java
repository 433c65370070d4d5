package vn.loaxa.report.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    public List<ReportTable> tables() {
        List<List<Object>> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(java.util.Arrays.asList(
                r.occurrenceId(),
                r.bulletin(),
                r.receiverId(),
                r.areaCode(),
                r.plannedAt(),
                r.startedAt(),
                r.finishedAt(),
                r.state(),
                r.reason(),
                r.test() ? "TEST" : null,
                r.reportedLateAt())));
        lines.add(java.util.Arrays.asList("Total", total, null, null, null, null, null, null, null, null, null));
        List<List<Object>> states = new ArrayList<>();
        counts.forEach((state, count) -> states.add(List.of(state, count)));
        states.add(List.of("Total", (long) total));
        return List.of(
                new ReportTable(
                        "As-run log",
                        List.of(
                                "Occurrence",
                                "Bulletin",
                                "Receiver",
                                "Area",
                                "Planned",
                                "Started",
                                "Finished",
                                "State",
                                "Reason",
                                "Test",
                                "Reported late"),
                        lines),
                new ReportTable("Deliveries per final state", List.of("State", "Count"), states));
    }
}
