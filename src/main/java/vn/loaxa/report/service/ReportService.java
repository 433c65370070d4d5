package vn.loaxa.report.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.receiver.model.ReceiverOutage;
import vn.loaxa.receiver.model.ReceiverOutageRepository;
import vn.loaxa.report.api.AsRunReport;
import vn.loaxa.report.api.AvailabilityReport;
import vn.loaxa.report.api.CoverageReport;
import vn.loaxa.report.api.PlaysReport;

/**
 * The reports supervisors hand upward. Test broadcasts never count as plays, and the as-run log marks them.
 * A range is whole days in {@code loaxa.report.zone} (Vietnam's by default), both ends included; an area
 * includes its whole subtree, and no area means every area.
 */
@ApplicationScoped
public class ReportService {
    /** The default of {@code loaxa.report.zone}. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final int MAX_DAYS = 366;
    static final String RELAY_TOPIC = "relay";
    /** ISO 639-3 "undetermined". */
    static final String RELAY_LANGUAGE = "und";

    private final EntityManager em;
    private final LanguageShares languageShares;
    private final AreaRepository areas;
    private final ReceiverOutageRepository outages;
    private final ZoneId zone;
    private final CoverageReports coverage;
    private final boolean postgres;
    private final String playsWorkMem;
    /** A play's reported seconds, rounded, in the plays query. */
    private final String playedSeconds;

    public ReportService(
            EntityManager em,
            LanguageShares languageShares,
            AreaRepository areas,
            ReceiverOutageRepository outages,
            ReportConfig config,
            CoverageReports coverage,
            AgroalDataSource dataSource)
            throws SQLException {
        this.em = em;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
        this.playsWorkMem = config.playsWorkMem();
        // bigint sums keep PostgreSQL's hashed aggregate a third smaller than numeric ones; H2 keeps its plan
        this.playedSeconds = postgres
                ? "cast(floor((d.finishedAt - d.startedAt) by second + 0.5) as Long)"
                : "floor((d.finishedAt - d.startedAt) by second + 0.5)";
        this.coverage = coverage;
        this.languageShares = languageShares;
        this.areas = areas;
        this.outages = outages;
        this.zone = config.zone();
    }

    /** The plays of one occurrence's audio in one area: counted and summed by the database. */
    private record Play(
            String mediaId,
            String mediaTitle,
            Map<String, Double> languages,
            String topic,
            String areaCode,
            String areaName,
            long plays,
            long seconds,
            long reportedLate,
            LocalDate day) {}

    /**
     * A relay window counts as a play of its broadcast (key: the broadcast id, name: the relay title), under the
     * topic {@value #RELAY_TOPIC} and the language {@value #RELAY_LANGUAGE} (a stream's language is not recorded);
     * its seconds are those the receiver reported, or the window. A bulletin play counts the audio the receiver was
     * sent (its language variant), so that plays per language and per content item are what was heard: its seconds
     * divide among the languages of the variant's segments ({@link LanguageShares}), and it counts as a play of each
     * of them. A play that a late report turned from MISSED counts like any other, and once more under "reported
     * late". The database counts the plays and sums their reported seconds per occurrence, audio and area (each
     * rounded to the second as {@link #seconds} does), grouping on those narrow keys before it joins titles and names,
     * so that a year of deliveries never travels row by row.
     */
    @Transactional
    public PlaysReport plays(LocalDate from, LocalDate to, String areaCode) {
        String subtree = subtree(from, to, areaCode);
        if (postgres) {
            // A year is about 50,000 groups over 1.7 M deliveries: with the default work_mem the hashed aggregate
            // spills them to disk in 129 batches (docs/performance.md); compiling the plan (JIT) bought nothing.
            em.createNativeQuery("select set_config('work_mem', ?1, true), set_config('jit', 'off', true)")
                    .setParameter(1, playsWorkMem)
                    .getSingleResult();
        }
        List<Object[]> rows = em.createQuery("""
                select coalesce(m.id, br.id), coalesce(m.title, br.relayTitle), m.language, b.topic, a.code, a.name,
                    m.durationMs, br.relayWindowSeconds, b.id, v.key.languages, o.playAt,
                    g.plays, g.late, g.measuredSeconds, g.measured
                from (select d.occurrenceId as occurrenceId, d.mediaId as mediaId, r.areaCode as areaCode,
                        count(*) as plays, count(d.reportedLateAt) as late,
                        sum(case when d.finishedAt >= d.startedAt
                            then %s else 0 end)
                            as measuredSeconds,
                        sum(case when d.finishedAt >= d.startedAt then 1 else 0 end) as measured
                    from Delivery d
                    join Occurrence p on p.id = d.occurrenceId
                    join Receiver r on r.id = d.receiverId
                    where d.state = :played and p.playAt >= :from and p.playAt < :to
                    group by d.occurrenceId, d.mediaId, r.areaCode) g
                join Occurrence o on o.id = g.occurrenceId
                join Broadcast br on br.id = o.broadcastId
                left join Bulletin b on b.id = br.bulletinId
                left join Media m on m.id = coalesce(g.mediaId, o.mediaId)
                left join BulletinVariant v on v.mediaId = g.mediaId and v.key.bulletinId = b.id
                join Area a on a.code = g.areaCode
                where a.path like :subtree and br.testMode = false
                  and (m.id is not null or br.relayUrl is not null or br.liveSessionId is not null)""".formatted(playedSeconds), Object[].class)
                .setParameter("subtree", subtree)
                .setParameter("played", DeliveryState.PLAYED)
                .setParameter("from", start(from))
                .setParameter("to", end(to))
                .getResultList();
        Map<UUID, List<LanguageShares.Part>> segments = languageShares.segmentsOf(rows.stream()
                .filter(row -> row[9] != null)
                .map(row -> (UUID) row[8])
                .collect(Collectors.toSet()));
        List<Play> plays = rows.stream().map(row -> play(row, segments)).toList();
        Map<LocalDate, PlaysReport.Day> days = new LinkedHashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.put(day, new PlaysReport.Day(day, 0, 0));
        }
        plays.forEach(p -> days.computeIfPresent(
                p.day(), (d, sum) -> new PlaysReport.Day(d, sum.plays() + p.plays(), sum.seconds() + p.seconds())));
        return new PlaysReport(
                from,
                to,
                areaCode,
                plays.stream().mapToLong(Play::plays).sum(),
                plays.stream().mapToLong(Play::seconds).sum(),
                plays.stream().mapToLong(Play::reportedLate).sum(),
                group(plays, Play::mediaId, Play::mediaTitle),
                group(plays, Play::topic, Play::topic),
                byLanguage(plays),
                group(plays, Play::areaCode, Play::areaName),
                List.copyOf(days.values()));
    }

    private Play play(Object[] row, Map<UUID, List<LanguageShares.Part>> segments) {
        boolean relay = row[7] != null;
        Long plannedMs = relay ? Long.valueOf(((Integer) row[7]) * 1000L) : (Long) row[6];
        long plays = ((Number) row[11]).longValue();
        long measured = ((Number) row[14]).longValue();
        long seconds = ((Number) row[13]).longValue() + (plays - measured) * seconds(null, null, plannedMs);
        return new Play(
                row[0].toString(),
                (String) row[1],
                relay
                        ? Map.of(RELAY_LANGUAGE, 1.0)
                        : LanguageShares.shares(segments.get((UUID) row[8]), (String) row[9], (String) row[2]),
                relay ? RELAY_TOPIC : (String) row[3],
                (String) row[4],
                (String) row[5],
                plays,
                seconds,
                ((Number) row[12]).longValue(),
                ((OffsetDateTime) row[10]).atZoneSameInstant(zone).toLocalDate());
    }

    /** Per commune: bulletin airtime per language, the reach of each required language, what lacked one. */
    @Transactional
    public CoverageReport coverage(LocalDate from, LocalDate to, String areaCode) {
        String subtree = subtree(from, to, areaCode);
        return coverage.build(from, to, areaCode, subtree, start(from), end(to));
    }

    @Transactional
    public AsRunReport asRun(LocalDate from, LocalDate to, String areaCode) {
        String subtree = subtree(from, to, areaCode);
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
                .setParameter("subtree", subtree)
                .setParameter("from", start(from))
                .setParameter("to", end(to))
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

    @Transactional
    public AvailabilityReport availability(LocalDate from, LocalDate to, String areaCode) {
        String subtree = subtree(from, to, areaCode);
        OffsetDateTime start = start(from);
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime end = earliest(end(to), now);
        TypedQuery<Object[]> query = em.createQuery("""
                select r.id, r.areaCode, r.createdAt, a.name from Receiver r, Area a
                where r.areaCode = a.code and a.path like :subtree order by r.id""", Object[].class).setParameter("subtree", subtree);
        Map<String, Object[]> receivers = new LinkedHashMap<>();
        query.getResultList().forEach(row -> receivers.put((String) row[0], row));
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
        Map<String, List<AvailabilityReport.ReceiverLine>> perArea = new java.util.TreeMap<>();
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

    /** Validates the range and returns the LIKE pattern of the area's subtree. */
    String subtree(LocalDate from, LocalDate to, String areaCode) {
        if (from == null || to == null) {
            throw new InvalidRequestException(from == null ? "from" : "to", ErrorMessage.of("report.date-required"));
        }
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", ErrorMessage.of("report.to-before-from"));
        }
        if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
            throw new InvalidRequestException("to", ErrorMessage.of("report.too-long", MAX_DAYS));
        }
        if (areaCode == null || areaCode.isBlank()) {
            return "%";
        }
        Area area = areas.findByIdOptional(areaCode).orElseThrow(() -> NotFoundException.referenced("Area", areaCode));
        return area.path.replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static List<PlaysReport.Line> group(
            List<Play> plays, Function<Play, String> key, Function<Play, String> label) {
        Map<String, PlaysReport.Line> lines = new LinkedHashMap<>();
        for (Play play : plays) {
            lines.merge(
                    key.apply(play),
                    new PlaysReport.Line(
                            key.apply(play), label.apply(play), play.plays(), play.seconds(), play.reportedLate()),
                    (a, b) -> new PlaysReport.Line(
                            a.key(),
                            a.label(),
                            a.plays() + b.plays(),
                            a.seconds() + b.seconds(),
                            a.reportedLate() + b.reportedLate()));
        }
        return lines.values().stream()
                .sorted(Comparator.comparing(PlaysReport.Line::plays).reversed().thenComparing(PlaysReport.Line::key))
                .toList();
    }

    /** Per language: the plays that carried it and their seconds in it, most played first. */
    private static List<PlaysReport.Line> byLanguage(List<Play> plays) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Play play : plays) {
            play.languages().forEach((language, share) -> {
                double[] sum = sums.computeIfAbsent(language, k -> new double[3]);
                sum[0] += play.plays();
                sum[1] += play.seconds() * share;
                sum[2] += play.reportedLate();
            });
        }
        return sums.entrySet().stream()
                .map(e -> new PlaysReport.Line(
                        e.getKey(), e.getKey(), (long) e.getValue()[0], Math.round(e.getValue()[1]), (long)
                                e.getValue()[2]))
                .sorted(Comparator.comparing(PlaysReport.Line::plays).reversed().thenComparing(PlaysReport.Line::key))
                .toList();
    }

    /** Seconds actually played if the receiver reported start and end, else the duration of the audio. */
    static long seconds(OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMs) {
        if (startedAt != null && finishedAt != null && !finishedAt.isBefore(startedAt)) {
            return Math.round(Duration.between(startedAt, finishedAt).toMillis() / 1000.0);
        }
        return durationMs == null ? 0 : Math.round(durationMs / 1000.0);
    }

    OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    OffsetDateTime end(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }
}
