package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.report.api.AsRunReport;

/** The as-run log: every delivery of the range's occurrences in the area, test broadcasts marked, with state counts. */
@ApplicationScoped
public class AsRunReports {
    private final EntityManager em;
    private final ReportRanges ranges;

    public AsRunReports(EntityManager em, ReportRanges ranges) {
        this.em = em;
        this.ranges = ranges;
    }

    @Transactional
    public AsRunReport asRun(LocalDate from, LocalDate to, String areaCode) {
        ReportRange range = ranges.check(from, to, areaCode);
        List<AsRunReport.Row> rows = em
                .createQuery("""
                select o.id, coalesce(b.title, br.relayTitle), d.receiverId, r.areaCode, o.playAt, d.startedAt,
                    d.finishedAt, d.state, d.reason, br.testMode, d.reportedLateAt
                from Delivery d
                join Occurrence o on o.id = d.occurrenceId
                join Broadcast br on br.id = o.broadcastId
                left join Bulletin b on b.id = br.bulletinId
                join Receiver r on r.id = d.receiverId
                join Area a on a.code = r.areaCode
                where a.path like :subtree and o.playAt >= :from and o.playAt < :to
                order by o.playAt, o.id, d.receiverId""", Object[].class)
                .setParameter("subtree", range.subtree())
                .setParameter("from", range.start())
                .setParameter("to", range.end())
                .getResultList()
                .stream()
                .map(row -> new AsRunReport.Row(
                        (UUID) row[0],
                        (String) row[1],
                        (String) row[2],
                        (String) row[3],
                        (OffsetDateTime) row[4],
                        (OffsetDateTime) row[5],
                        (OffsetDateTime) row[6],
                        (DeliveryState) row[7],
                        (String) row[8],
                        (Boolean) row[9],
                        (OffsetDateTime) row[10]))
                .toList();
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState state : DeliveryState.values()) {
            counts.put(state, 0L);
        }
        rows.forEach(r -> counts.merge(r.state(), 1L, Long::sum));
        return new AsRunReport(from, to, areaCode, rows.size(), counts, rows);
    }
}
