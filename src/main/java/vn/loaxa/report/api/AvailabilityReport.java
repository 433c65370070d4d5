package vn.loaxa.report.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Outages with start, end and duration, and the uptime percentage per receiver and per area (the receivers' own
 * area, a commune in practice).
 */
public record AvailabilityReport(
        LocalDate from,
        LocalDate to,
        String area,
        int outageCount,
        long downtimeSeconds,
        List<ReceiverLine> receivers,
        List<Outage> outages,
        List<AreaLine> byArea) {

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

    /** The receivers of one area together: their downtime over their observed time. */
    public record AreaLine(
            String areaCode,
            String areaName,
            int receivers,
            long downtimeSeconds,
            long observedSeconds,
            BigDecimal uptimePercent) {}
}
