package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.language.service.RequiredLanguages;
import vn.loaxa.report.api.CoverageReport;

/**
 * The coverage report: per commune, the airtime of bulletins per language, counted by the segments of the variant
 * each receiver played ({@link LanguageShares}); for each language the commune requires, how many of the bulletins
 * aired there reached it (a receiver there played a variant with a segment in it); and the aired bulletins that did
 * not. A receiver in a village counts under its commune. Test broadcasts, relays and live sessions are left out.
 */
@ApplicationScoped
public class CoverageReports {
    private final EntityManager em;
    private final LanguageShares languageShares;
    private final RequiredLanguages requiredLanguages;

    private final ReportRanges ranges;

    public CoverageReports(
            EntityManager em, LanguageShares languageShares, RequiredLanguages requiredLanguages, ReportRanges ranges) {
        this.em = em;
        this.ranges = ranges;
        this.languageShares = languageShares;
        this.requiredLanguages = requiredLanguages;
    }

    /** One receiver's play of a bulletin: where, when, how long, and the seconds in each language. */
    private record Play(
            UUID bulletinId, String title, OffsetDateTime playAt, String communeCode, Map<String, Double> seconds) {}

    /** A bulletin as aired in one commune: first aired when, and the languages any receiver there heard. */
    private static final class Aired {
        final UUID bulletinId;
        final String title;
        OffsetDateTime first;
        final Set<String> languages = new TreeSet<>();

        Aired(UUID bulletinId, String title, OffsetDateTime first) {
            this.bulletinId = bulletinId;
            this.title = title;
            this.first = first;
        }
    }

    /** Per commune: bulletin airtime per language, the reach of each required language, what lacked one. */
    @Transactional
    public CoverageReport coverage(LocalDate from, LocalDate to, String areaCode) {
        ReportRange range = ranges.check(from, to, areaCode);
        String subtree = range.subtree();
        OffsetDateTime start = range.start();
        OffsetDateTime end = range.end();
        Map<String, Area> areas = areas(subtree, areaCode);
        List<Object[]> rows = em.createQuery("""
                select b.id, b.title, o.playAt, r.areaCode, d.startedAt, d.finishedAt, m.durationMs, m.language,
                    v.key.languages
                from Delivery d
                join Occurrence o on o.id = d.occurrenceId
                join Broadcast br on br.id = o.broadcastId
                join Bulletin b on b.id = br.bulletinId
                left join Media m on m.id = coalesce(d.mediaId, o.mediaId)
                left join BulletinVariant v on v.mediaId = d.mediaId and v.key.bulletinId = b.id
                join Receiver r on r.id = d.receiverId
                join Area a on a.code = r.areaCode
                where a.path like :subtree and d.state = :played and o.playAt >= :from and o.playAt < :to
                  and br.testMode = false and m.id is not null""", Object[].class)
                .setParameter("subtree", subtree)
                .setParameter("played", DeliveryState.PLAYED)
                .setParameter("from", start)
                .setParameter("to", end)
                .getResultList();
        Map<UUID, List<LanguageShares.Part>> segments = languageShares.segmentsOf(
                rows.stream().map(row -> (UUID) row[0]).collect(Collectors.toSet()));
        List<Play> plays = rows.stream().map(row -> play(row, segments, areas)).toList();
        Map<String, List<Play>> byCommune = new TreeMap<>();
        plays.forEach(p -> byCommune
                .computeIfAbsent(p.communeCode(), c -> new ArrayList<>())
                .add(p));
        Set<String> communeCodes = new TreeSet<>(byCommune.keySet());
        areas.values().stream()
                .filter(a -> a.kind == AreaKind.COMMUNE && a.path.startsWith(unescaped(subtree)))
                .forEach(a -> communeCodes.add(a.code));
        Map<String, Set<String>> required = requiredLanguages.effective(communeCodes);
        List<CoverageReport.Coverage> communes = new ArrayList<>();
        for (String code : communeCodes) {
            List<Play> own = byCommune.getOrDefault(code, List.of());
            Set<String> requires = required.getOrDefault(code, Set.of());
            if (own.isEmpty() && requires.isEmpty()) {
                continue; // a commune that heard nothing and requires nothing has nothing to report
            }
            Area commune = areas.get(code);
            communes.add(coverage(code, commune == null ? code : commune.name, own, requires));
        }
        communes.sort(Comparator.comparing(CoverageReport.Coverage::areaName)
                .thenComparing(CoverageReport.Coverage::areaCode));
        Area area = areaCode == null ? null : areas.get(areaCode);
        return new CoverageReport(
                from, to, areaCode, rollUp(areaCode, area == null ? null : area.name, plays, communes), communes);
    }

    private Play play(Object[] row, Map<UUID, List<LanguageShares.Part>> segments, Map<String, Area> areas) {
        UUID bulletinId = (UUID) row[0];
        long seconds = PlayedSeconds.of((OffsetDateTime) row[4], (OffsetDateTime) row[5], (Long) row[6]);
        Map<String, Double> perLanguage = new LinkedHashMap<>();
        LanguageShares.shares(segments.get(bulletinId), (String) row[8], (String) row[7])
                .forEach((language, share) -> perLanguage.put(language, seconds * share));
        return new Play(
                bulletinId, (String) row[1], (OffsetDateTime) row[2], commune((String) row[3], areas), perLanguage);
    }

    private static CoverageReport.Coverage coverage(String code, String name, List<Play> plays, Set<String> requires) {
        Map<UUID, Aired> aired = new LinkedHashMap<>();
        for (Play play : plays) {
            Aired bulletin = aired.computeIfAbsent(play.bulletinId(), id -> new Aired(id, play.title(), play.playAt()));
            if (play.playAt().isBefore(bulletin.first)) {
                bulletin.first = play.playAt();
            }
            bulletin.languages.addAll(play.seconds().keySet());
        }
        List<CoverageReport.Reach> reach = new ArrayList<>();
        List<CoverageReport.Lacking> lacking = new ArrayList<>();
        for (String language : requires) {
            long reached = aired.values().stream()
                    .filter(a -> a.languages.contains(language))
                    .count();
            reach.add(new CoverageReport.Reach(language, aired.size(), reached, percent(reached, aired.size())));
            aired.values().stream()
                    .filter(a -> !a.languages.contains(language))
                    .forEach(a -> lacking.add(
                            new CoverageReport.Lacking(a.bulletinId, a.title, a.first, language, code, name)));
        }
        lacking.sort(LACKING_ORDER);
        return new CoverageReport.Coverage(code, name, airtime(plays), reach, lacking);
    }

    /** The communes together: airtime summed, each required language's aired and reached bulletins summed. */
    private static CoverageReport.Coverage rollUp(
            String code, String name, List<Play> plays, List<CoverageReport.Coverage> communes) {
        Map<String, long[]> sums = new TreeMap<>();
        communes.forEach(c -> c.required().forEach(r -> {
            long[] sum = sums.computeIfAbsent(r.language(), l -> new long[2]);
            sum[0] += r.aired();
            sum[1] += r.reached();
        }));
        List<CoverageReport.Reach> reach = new ArrayList<>();
        sums.forEach((language, sum) ->
                reach.add(new CoverageReport.Reach(language, sum[0], sum[1], percent(sum[1], sum[0]))));
        List<CoverageReport.Lacking> lacking = communes.stream()
                .flatMap(c -> c.lacking().stream())
                .sorted(LACKING_ORDER)
                .toList();
        return new CoverageReport.Coverage(code, name, airtime(plays), reach, lacking);
    }

    private static final Comparator<CoverageReport.Lacking> LACKING_ORDER = Comparator.comparing(
                    CoverageReport.Lacking::airedAt)
            .thenComparing(CoverageReport.Lacking::title)
            .thenComparing(CoverageReport.Lacking::areaName)
            .thenComparing(CoverageReport.Lacking::language);

    /** Seconds per language, most first. */
    private static List<CoverageReport.Airtime> airtime(List<Play> plays) {
        Map<String, Double> seconds = new HashMap<>();
        plays.forEach(p -> p.seconds().forEach((language, s) -> seconds.merge(language, s, Double::sum)));
        return seconds.entrySet().stream()
                .map(e -> new CoverageReport.Airtime(e.getKey(), Math.round(e.getValue())))
                .sorted(Comparator.comparing(CoverageReport.Airtime::seconds)
                        .reversed()
                        .thenComparing(CoverageReport.Airtime::language))
                .toList();
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(100.0 * part / whole).setScale(2, RoundingMode.HALF_UP);
    }

    /** The code of the commune the area lies in, or the area's own when it lies in no commune. */
    private static String commune(String areaCode, Map<String, Area> areas) {
        Area area = areas.get(areaCode);
        if (area == null) {
            return areaCode;
        }
        List<String> chain = Area.chainOf(area.path);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Area up = areas.get(chain.get(i));
            if (up != null && up.kind == AreaKind.COMMUNE) {
                return up.code;
            }
        }
        return area.code;
    }

    /** The areas of the subtree and those above its root (a village's commune may lie above the report's area). */
    private Map<String, Area> areas(String subtree, String areaCode) {
        Map<String, Area> byCode = new HashMap<>();
        em.createQuery("from Area a where a.path like :subtree", Area.class)
                .setParameter("subtree", subtree)
                .getResultList()
                .forEach(a -> byCode.put(a.code, a));
        Area root = areaCode == null ? null : byCode.get(areaCode);
        if (root != null) {
            List<String> above = Area.chainOf(root.path);
            em.createQuery("from Area a where a.code in :codes", Area.class)
                    .setParameter("codes", above)
                    .getResultList()
                    .forEach(a -> byCode.put(a.code, a));
        }
        return byCode;
    }

    /** The subtree's path prefix, from its LIKE pattern. */
    private static String unescaped(String subtree) {
        return subtree.substring(0, subtree.length() - 1).replace("\\%", "%").replace("\\_", "_");
    }
}
