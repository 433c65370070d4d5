package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.loaxa.common.db.DatabaseProduct;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.report.api.PlaysReport;

/**
 * The plays report. Test broadcasts never count as plays.
 *
 * <p>A relay window counts as a play of its broadcast (key: the broadcast id, name: the relay title), under the
 * topic {@value PlaysTally#RELAY_TOPIC} and the language {@value PlaysTally#RELAY_LANGUAGE} (a stream's language is
 * not recorded); its seconds are those the receiver reported, or the window. A bulletin play counts the audio the
 * receiver was sent (its language variant), so that plays per language and per content item are what was heard: its
 * seconds divide among the languages of the variant's segments ({@link LanguageShares}), and it counts as a play of
 * each of them. A play that a late report turned from MISSED counts like any other, and once more under "reported
 * late".
 *
 * <p>The plays come grouped per occurrence, audio and receiver area ({@link PlaysGroups}), and titles and names are
 * joined to the groups. Closed days that the {@link PlaysSummary} holds and no change has marked dirty are read
 * from it; the other days (today, days not summarised yet, dirty days) are grouped from the deliveries, so the
 * report is exact either way.
 */
@ApplicationScoped
public class PlaysReports {
    private static final String REPORT = """
            select coalesce(m.id, br.id), coalesce(m.title, br.relayTitle), m.language, b.topic, a.code, a.name,
                m.durationMs, br.relayWindowSeconds, b.id, v.key.languages, o.playAt,
                g.plays, g.late, g.measuredSeconds, g.measured
            from (%s) g
            join Occurrence o on o.id = g.occurrenceId
            join Broadcast br on br.id = o.broadcastId
            left join Bulletin b on b.id = br.bulletinId
            left join Media m on m.id = coalesce(g.mediaId, o.mediaId)
            left join BulletinVariant v on v.mediaId = g.mediaId and v.key.bulletinId = b.id
            join Area a on a.code = g.areaCode
            where a.path like :subtree and br.testMode = false
              and (m.id is not null or br.relayUrl is not null or br.liveSessionId is not null)""";

    /** Consecutive days read from one source. */
    private record Run(LocalDate first, LocalDate last, boolean summarised) {}

    private final EntityManager em;
    private final LanguageShares languageShares;
    private final ReportRanges ranges;
    private final PlaysGroups groups;
    private final PlaysSummaryDays summaryDays;
    private final DatabaseProduct database;
    private final String workMem;

    public PlaysReports(
            EntityManager em,
            LanguageShares languageShares,
            ReportRanges ranges,
            PlaysGroups groups,
            PlaysSummaryDays summaryDays,
            DatabaseProduct database,
            ReportConfig config) {
        this.em = em;
        this.languageShares = languageShares;
        this.ranges = ranges;
        this.groups = groups;
        this.summaryDays = summaryDays;
        this.database = database;
        this.workMem = config.playsWorkMem();
    }

    @Transactional
    public PlaysReport plays(LocalDate from, LocalDate to, String areaCode) {
        ReportRange range = ranges.check(from, to, areaCode);
        List<Object[]> rows = new ArrayList<>();
        for (Run run : runs(from, to, summaryDays.readable(from, to))) {
            rows.addAll(rows(run, range.subtree()));
        }
        Map<UUID, List<LanguageShares.Part>> segments = languageShares.segmentsOf(rows.stream()
                .filter(row -> row[9] != null)
                .map(row -> (UUID) row[8])
                .collect(Collectors.toSet()));
        return PlaysTally.report(range, rows, segments, ranges.zone());
    }

    private List<Object[]> rows(Run run, String subtree) {
        if (!run.summarised() && database.postgres()) {
            // A year is about 50,000 groups over 1.7 M deliveries: with the default work_mem the hashed aggregate
            // spills them to disk in 129 batches (docs/performance.md); compiling the plan (JIT) bought nothing.
            em.createNativeQuery("select set_config('work_mem', ?1, true), set_config('jit', 'off', true)")
                    .setParameter(1, workMem)
                    .getSingleResult();
        }
        TypedQuery<Object[]> query = em.createQuery(
                        REPORT.formatted(run.summarised() ? groups.fromSummary() : groups.fromDeliveries()),
                        Object[].class)
                .setParameter("subtree", subtree)
                .setParameter("from", ranges.start(run.first()))
                .setParameter("to", ranges.end(run.last()));
        if (!run.summarised()) {
            query.setParameter("played", DeliveryState.PLAYED);
        }
        return query.getResultList();
    }

    /** The range cut into runs of consecutive days that are all read from the summary, or all from deliveries. */
    private static List<Run> runs(LocalDate from, LocalDate to, Set<LocalDate> summarised) {
        List<Run> runs = new ArrayList<>();
        LocalDate first = from;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate next = day.plusDays(1);
            boolean source = summarised.contains(day);
            if (next.isAfter(to) || summarised.contains(next) != source) {
                runs.add(new Run(first, day, source));
                first = next;
            }
        }
        return runs;
    }
}
