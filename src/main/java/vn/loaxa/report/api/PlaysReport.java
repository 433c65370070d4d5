package vn.loaxa.report.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays and seconds played, per content item, topic, language and area. {@code reportedLate} counts the plays among
 * them that the receiver reported after the window had closed and that overturned MISSED.
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
        List<Line> byArea) {

    /** One group: its key (media id, topic, language code or area code), a label, plays, seconds, late reports. */
    public record Line(String key, String label, long plays, long seconds, long reportedLate) {}

    public List<ReportTable> tables() {
        return List.of(
                table("Plays per content item", byContent),
                table("Plays per topic", byTopic),
                table("Plays per language", byLanguage),
                table("Plays per area", byArea));
    }

    private ReportTable table(String title, List<Line> lines) {
        List<List<Object>> rows = new ArrayList<>();
        lines.forEach(l -> rows.add(List.of(l.key(), l.label(), l.plays(), l.seconds(), l.reportedLate())));
        rows.add(List.of("Total", "", plays, seconds, reportedLate));
        return new ReportTable(title, List.of("Key", "Name", "Plays", "Seconds", "Reported late"), rows);
    }
}
