package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import vn.loaxa.common.db.DatabaseProduct;

/**
 * The plays of a range grouped per occurrence, audio and receiver area: the one query that both the plays report
 * (for days it reads from {@code delivery}) and the summary of closed days run, so that the two cannot disagree.
 * Parameters: {@code :played}, {@code :from}, {@code :to} (occurrences playing in [from, to)).
 */
@ApplicationScoped
public class PlaysGroups {
    private static final String GROUPED = """
            select d.occurrenceId as occurrenceId, d.mediaId as mediaId, r.areaCode as areaCode,
                count(*) as plays, count(d.reportedLateAt) as late,
                cast(sum(case when d.finishedAt >= d.startedAt then %s else 0 end) as Long) as measuredSeconds,
                sum(case when d.finishedAt >= d.startedAt then 1 else 0 end) as measured
            from Delivery d
            join Occurrence p on p.id = d.occurrenceId
            join Receiver r on r.id = d.receiverId
            where d.state = :played and p.playAt >= :from and p.playAt < :to
            group by d.occurrenceId, d.mediaId, r.areaCode""";

    private static final String SUMMARISED = """
            select s.occurrenceId as occurrenceId, s.mediaId as mediaId, s.areaCode as areaCode,
                s.plays as plays, s.late as late, s.measuredSeconds as measuredSeconds, s.measured as measured
            from PlaysSummaryRow s
            join Occurrence p on p.id = s.occurrenceId
            where p.playAt >= :from and p.playAt < :to""";

    private final String grouped;

    public PlaysGroups(DatabaseProduct database) {
        // a play's reported seconds, rounded; bigint sums keep PostgreSQL's hashed aggregate a third smaller than
        // numeric ones, and H2 keeps its plan
        this.grouped = GROUPED.formatted(
                database.postgres()
                        ? "cast(floor((d.finishedAt - d.startedAt) by second + 0.5) as Long)"
                        : "floor((d.finishedAt - d.startedAt) by second + 0.5)");
    }

    /** Grouped from the deliveries. */
    String fromDeliveries() {
        return grouped;
    }

    /** The same groups as stored in the summary (no {@code :played} parameter). */
    String fromSummary() {
        return SUMMARISED;
    }
}
