package vn.loaxa.report.api;

import java.time.LocalDate;
import java.util.List;

/**
 * Plays and seconds played, per content item, topic, language and area, and per day of the range (for the chart).
 * {@code reportedLate} counts the plays among them that the receiver reported after the window had closed and that
 * overturned MISSED.
 */
public record PlaysReport(
        LocalDate from,
        LocalDate to,
        String area,
        long plays,
        long seconds,
        long reportedLate,
        List<Line> byContent,
        List<Line> byTopic,
        List<Line> byLanguage,
        List<Line> byArea,
        List<Day> byDay) {

    /** One group: its key (media id, topic, language code or area code), a label, plays, seconds, late reports. */
    public record Line(String key, String label, long plays, long seconds, long reportedLate) {}

    /** One day of the range in the report's zone, every day present (zero when nothing played). */
    public record Day(LocalDate day, long plays, long seconds) {}
}
