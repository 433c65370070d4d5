package vn.loaxa.report.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.report.model.PlaysSummaryDay;

/**
 * Keeps the plays summary of closed days: every {@code loaxa.report.summary-interval} it summarises each day that
 * ended at least {@code loaxa.report.summary-settle} ago and is not summarised yet, or was marked dirty since by a
 * late report ({@link PlaysSummaryDays#changed}).
 *
 * <p>A day is summarised in two transactions. The first commits the day's row as clean and not ready; the second
 * locks that row, replaces the day's summary rows with the groups of {@link PlaysGroups} read from the deliveries,
 * and sets it ready. A writer whose change the second transaction did not see committed after the first, so its
 * mark found the row (or waited for it) and left the day dirty: the report reads the day from the deliveries and
 * the next pass summarises it again. Replicas running a pass at once take turns on the row lock.
 */
@ApplicationScoped
public class PlaysSummary {
    private static final Logger LOG = Logger.getLogger(PlaysSummary.class);

    private final EntityManager em;
    private final PlaysGroups groups;
    private final PlaysSummaryDays days;
    private final ReportRanges ranges;
    private final ReportConfig config;

    public PlaysSummary(
            EntityManager em, PlaysGroups groups, PlaysSummaryDays days, ReportRanges ranges, ReportConfig config) {
        this.em = em;
        this.groups = groups;
        this.days = days;
        this.ranges = ranges;
        this.config = config;
    }

    @Scheduled(
            identity = "plays-summary",
            every = "${loaxa.report.summary-interval:15m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        List<LocalDate> summarised = catchUp(OffsetDateTime.now());
        if (!summarised.isEmpty()) {
            LOG.infof(
                    "Plays summary: %d days summarised, %s to %s",
                    summarised.size(), summarised.get(0), summarised.get(summarised.size() - 1));
        }
    }

    /**
     * Summarises every closed day, as of {@code now}, that the report cannot read from the summary: from the day of
     * the first occurrence to the last day that ended {@code loaxa.report.summary-settle} before now. Returns them.
     */
    public List<LocalDate> catchUp(OffsetDateTime now) {
        LocalDate last = now.minus(config.summarySettle())
                .atZoneSameInstant(ranges.zone())
                .toLocalDate()
                .minusDays(1);
        OffsetDateTime first = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("select min(o.playAt) from Occurrence o", OffsetDateTime.class)
                        .getSingleResult());
        List<LocalDate> summarised = new ArrayList<>();
        if (first == null) {
            return summarised;
        }
        LocalDate from = first.atZoneSameInstant(ranges.zone()).toLocalDate();
        Set<LocalDate> readable = QuarkusTransaction.requiringNew().call(() -> days.readable(from, last));
        for (LocalDate day = from; !day.isAfter(last); day = day.plusDays(1)) {
            if (!readable.contains(day)) {
                summarise(day);
                summarised.add(day);
            }
        }
        return summarised;
    }

    /** Summarises one day from the deliveries (see the class comment for why in two transactions). */
    void summarise(LocalDate day) {
        QuarkusTransaction.requiringNew().run(() -> days.claim(day));
        QuarkusTransaction.requiringNew().run(() -> {
            em.find(PlaysSummaryDay.class, day, LockModeType.PESSIMISTIC_WRITE);
            OffsetDateTime start = ranges.start(day);
            OffsetDateTime end = ranges.end(day);
            em.createQuery("delete from PlaysSummaryRow s where s.occurrenceId in"
                            + " (select o.id from Occurrence o where o.playAt >= :from and o.playAt < :to)")
                    .setParameter("from", start)
                    .setParameter("to", end)
                    .executeUpdate();
            em.createQuery("insert into PlaysSummaryRow"
                            + " (occurrenceId, mediaId, areaCode, plays, late, measuredSeconds, measured) "
                            + groups.fromDeliveries())
                    .setParameter("played", DeliveryState.PLAYED)
                    .setParameter("from", start)
                    .setParameter("to", end)
                    .executeUpdate();
            days.ready(day);
        });
    }

    /** Drops the whole summary: the report reads every day from the deliveries until the next pass. */
    public void clear() {
        QuarkusTransaction.requiringNew().run(days::clear);
    }
}
