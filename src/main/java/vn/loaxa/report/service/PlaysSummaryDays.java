package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import vn.loaxa.common.db.DatabaseProduct;

/**
 * The state of each closed day in the plays summary ({@code plays_summary_day}). Writers mark a day dirty in their
 * own transaction, inserting its row if there is none yet, so that a summary pass that began before them cannot
 * take their change for summarised (see {@link PlaysSummary}).
 */
@ApplicationScoped
public class PlaysSummaryDays {
    /** Inserts the day's row as {@code (dirty = ?2, ready = false)}, or updates the row there is by {@code %s}. */
    private static final String POSTGRES_UPSERT = "insert into plays_summary_day (play_day, dirty, ready)"
            + " values (?1, ?2, false) on conflict (play_day) do update set %s";

    private static final String H2_UPSERT =
            "merge into plays_summary_day t using (select cast(?1 as date) as play_day) v"
                    + " on t.play_day = v.play_day when matched then update set %s"
                    + " when not matched then insert (play_day, dirty, ready) values (v.play_day, ?2, false)";

    private final EntityManager em;
    private final ReportRanges ranges;
    private final String upsert;

    public PlaysSummaryDays(EntityManager em, ReportRanges ranges, DatabaseProduct database) {
        this.em = em;
        this.ranges = ranges;
        this.upsert = database.postgres() ? POSTGRES_UPSERT : H2_UPSERT;
    }

    /**
     * Marks dirty the closed days (before today in the report zone) of these play times; today is never
     * summarised, so its changes need no mark. Runs in the writer's transaction.
     */
    public void changed(Collection<OffsetDateTime> playTimes, OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(ranges.zone()).toLocalDate();
        Set<LocalDate> days = new TreeSet<>();
        playTimes.forEach(at -> days.add(at.atZoneSameInstant(ranges.zone()).toLocalDate()));
        days.stream().filter(day -> day.isBefore(today)).forEach(day -> upsert(day, true, "dirty = true"));
    }

    /** Starts summarising a day: clean, not ready yet. Commit it before reading the deliveries. */
    void claim(LocalDate day) {
        upsert(day, false, "dirty = false, ready = false");
    }

    /** The day's summary rows are written: the report may read them while no change marks it dirty. */
    void ready(LocalDate day) {
        em.createQuery("update PlaysSummaryDay d set d.ready = true where d.day = :day")
                .setParameter("day", day)
                .executeUpdate();
    }

    /** The days from {@code from} to {@code to} whose summary the report may read. */
    Set<LocalDate> readable(LocalDate from, LocalDate to) {
        return new TreeSet<>(em.createQuery(
                        "select d.day from PlaysSummaryDay d where d.ready = true and d.dirty = false"
                                + " and d.day >= :from and d.day <= :to",
                        LocalDate.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList());
    }

    /** Forgets every day, so that the report reads the deliveries until the summary is built again. */
    void clear() {
        em.createQuery("delete from PlaysSummaryDay").executeUpdate();
        em.createQuery("delete from PlaysSummaryRow").executeUpdate();
    }

    private void upsert(LocalDate day, boolean dirty, String set) {
        em.createNativeQuery(upsert.formatted(set))
                .setParameter(1, day)
                .setParameter(2, dirty)
                .executeUpdate();
    }
}
