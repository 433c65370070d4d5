package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.loaxa.receiver.model.ReceiverOutage;
import vn.loaxa.receiver.model.ReceiverOutageRepository;
import vn.loaxa.report.api.AvailabilityReport;

/**
 * Receiver availability: each receiver's outages clipped to the range (which ends now at the latest), its downtime
 * against the time it was observed (from its creation on), and the same per area.
 */
@ApplicationScoped
public class AvailabilityReports {
    private final EntityManager em;
    private final ReceiverOutageRepository outages;
    private final ReportRanges ranges;

    public AvailabilityReports(EntityManager em, ReceiverOutageRepository outages, ReportRanges ranges) {
        this.em = em;
        this.outages = outages;
        this.ranges = ranges;
    }

    @Transactional
    public AvailabilityReport availability(LocalDate from, LocalDate to, String areaCode) {
        ReportRange range = ranges.check(from, to, areaCode);
        OffsetDateTime start = range.start();
        OffsetDateTime end = earliest(range.end(), OffsetDateTime.now());
        Map<String, Object[]> receivers = new LinkedHashMap<>();
        em.createQuery("""
                select r.id, r.areaCode, r.createdAt, a.name from Receiver r, Area a
                where r.areaCode = a.code and a.path like :subtree order by r.id""", Object[].class)
                .setParameter("subtree", range.subtree())
                .getResultList()
                .forEach(row -> receivers.put((String) row[0], row));
        List<AvailabilityReport.Outage> clipped = new ArrayList<>();
        if (end.isAfter(start)) {
            for (ReceiverOutage o : outages.overlapping(receivers.keySet(), start, end)) {
                OffsetDateTime outageStart = latest(o.startedAt, start);
                OffsetDateTime outageEnd = o.endedAt == null ? end : earliest(o.endedAt, end);
                clipped.add(new AvailabilityReport.Outage(
                        o.receiverId,
                        o.startedAt,
                        o.endedAt,
                        Math.max(0, Duration.between(outageStart, outageEnd).toSeconds())));
            }
        }
        List<AvailabilityReport.ReceiverLine> lines = new ArrayList<>();
        receivers.forEach((id, row) -> {
            List<AvailabilityReport.Outage> own =
                    clipped.stream().filter(o -> o.receiverId().equals(id)).toList();
            long down = own.stream()
                    .mapToLong(AvailabilityReport.Outage::durationSeconds)
                    .sum();
            long observed = Math.max(
                    0,
                    Duration.between(latest(start, (OffsetDateTime) row[2]), end)
                            .toSeconds());
            lines.add(new AvailabilityReport.ReceiverLine(
                    id, (String) row[1], own.size(), down, observed, uptime(observed, down)));
        });
        return new AvailabilityReport(
                from,
                to,
                areaCode,
                clipped.size(),
                clipped.stream()
                        .mapToLong(AvailabilityReport.Outage::durationSeconds)
                        .sum(),
                lines,
                clipped,
                byArea(lines, receivers));
    }

    /** The receivers of each area together, in the order of the area codes. */
    private static List<AvailabilityReport.AreaLine> byArea(
            List<AvailabilityReport.ReceiverLine> lines, Map<String, Object[]> receivers) {
        Map<String, List<AvailabilityReport.ReceiverLine>> perArea = new TreeMap<>();
        lines.forEach(l ->
                perArea.computeIfAbsent(l.areaCode(), k -> new ArrayList<>()).add(l));
        List<AvailabilityReport.AreaLine> areaLines = new ArrayList<>();
        perArea.forEach((code, own) -> {
            long down = own.stream()
                    .mapToLong(AvailabilityReport.ReceiverLine::downtimeSeconds)
                    .sum();
            long observed = own.stream()
                    .mapToLong(AvailabilityReport.ReceiverLine::observedSeconds)
                    .sum();
            String name = (String) receivers.get(own.get(0).receiverId())[3];
            areaLines.add(
                    new AvailabilityReport.AreaLine(code, name, own.size(), down, observed, uptime(observed, down)));
        });
        return areaLines;
    }

    private static BigDecimal uptime(long observed, long down) {
        return observed == 0
                ? null
                : BigDecimal.valueOf(100.0 * Math.max(0, observed - down) / observed)
                        .setScale(2, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
