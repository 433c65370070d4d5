package vn.loaxa.report.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import vn.loaxa.report.api.PlaysReport;

/**
 * Adds up the plays report from its grouped rows (see {@link PlaysReports} for their columns): per audio, topic,
 * language, area and day.
 */
final class PlaysTally {
    static final String RELAY_TOPIC = "relay";
    /** ISO 639-3 "undetermined". */
    static final String RELAY_LANGUAGE = "und";

    /** The plays of one occurrence's audio in one area. */
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

    private PlaysTally() {}

    static PlaysReport report(
            ReportRange range, List<Object[]> rows, Map<UUID, List<LanguageShares.Part>> segments, ZoneId zone) {
        List<Play> plays = rows.stream().map(row -> play(row, segments, zone)).toList();
        Map<LocalDate, PlaysReport.Day> days = new LinkedHashMap<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            days.put(day, new PlaysReport.Day(day, 0, 0));
        }
        plays.forEach(p -> days.computeIfPresent(
                p.day(), (d, sum) -> new PlaysReport.Day(d, sum.plays() + p.plays(), sum.seconds() + p.seconds())));
        return new PlaysReport(
                range.from(),
                range.to(),
                range.areaCode(),
                plays.stream().mapToLong(Play::plays).sum(),
                plays.stream().mapToLong(Play::seconds).sum(),
                plays.stream().mapToLong(Play::reportedLate).sum(),
                group(plays, Play::mediaId, Play::mediaTitle),
                group(plays, Play::topic, Play::topic),
                byLanguage(plays),
                group(plays, Play::areaCode, Play::areaName),
                List.copyOf(days.values()));
    }

    private static Play play(Object[] row, Map<UUID, List<LanguageShares.Part>> segments, ZoneId zone) {
        boolean relay = row[7] != null;
        Long plannedMs = relay ? Long.valueOf(((Integer) row[7]) * 1000L) : (Long) row[6];
        long plays = ((Number) row[11]).longValue();
        long measured = ((Number) row[14]).longValue();
        long seconds = ((Number) row[13]).longValue() + (plays - measured) * PlayedSeconds.of(null, null, plannedMs);
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
}
