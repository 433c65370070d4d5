package vn.loaxa.report.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Outages with start, end and duration, and the uptime percentage per receiver. */
public record AvailabilityReport(
        LocalDate from,
        LocalDate to,
        String area,
        int outageCount,
        long downtimeSeconds,
        List<ReceiverLine> receivers,
        List<Outage> outages) {

    /** Uptime over the part of the range in which the receiver existed and which has passed. */
    public record ReceiverLine(
            String receiverId,
            String areaCode,
            int outages,
            long downtimeSeconds,
            long observedSeconds,
            BigDecimal uptimePercent) {}

    /** One outage clipped to the range; {@code endedAt} is null while it lasts. */
    public record Outage(String receiverId, OffsetDateTime startedAt, OffsetDateTime endedAt, long durationSeconds) {}

    public List<ReportTable> tables() {
        List<List<Object>> perReceiver = new ArrayList<>();
        receivers.forEach(r -> perReceiver.add(Arrays.asList(
                r.receiverId(),
                r.areaCode(),
                r.outages(),
                r.downtimeSeconds(),
                r.observedSeconds(),
                r.uptimePercent())));
        perReceiver.add(Arrays.asList("Total", "", outageCount, downtimeSeconds, null, null));
        List<List<Object>> lines = new ArrayList<>();
        outages.forEach(o -> lines.add(Arrays.asList(o.receiverId(), o.startedAt(), o.endedAt(), o.durationSeconds())));
        lines.add(Arrays.asList("Total", null, null, downtimeSeconds));
        return List.of(
                new ReportTable(
                        "Uptime per receiver",
                        List.of("Receiver", "Area", "Outages", "Downtime seconds", "Observed seconds", "Uptime %"),
                        perReceiver),
                new ReportTable("Outages", List.of("Receiver", "Started", "Ended", "Duration seconds"), lines));
    }
}
