package vn.loaxa.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Formatting used by the templates: {@code {fmt:time(x)}} shows a time in Vietnam's zone, a dash when absent. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final String NONE = "—";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Formats() {}

    static String time(OffsetDateTime at) {
        return at == null ? NONE : at.atZoneSameInstant(Ui.ZONE).format(TIME);
    }

    static String instant(Instant at) {
        return at == null ? NONE : at.atZone(Ui.ZONE).format(TIME);
    }

    static String clock(OffsetDateTime at) {
        return at == null ? NONE : at.atZoneSameInstant(Ui.ZONE).format(CLOCK);
    }

    static String value(Object value) {
        return value == null ? NONE : value.toString();
    }

    static String millis(Long millis) {
        return millis == null ? NONE : duration(millis / 1000);
    }

    static String duration(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    // --- calendar: Vietnamese day and time (dd/MM/yyyy HH:mm), read in the time's own zone ---
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    static String day(java.time.LocalDate date) {
        return date == null ? NONE : date.format(DAY);
    }

    static String dayTime(java.time.ZonedDateTime at) {
        return at == null ? NONE : at.format(DAY_TIME);
    }

    static String localClock(java.time.ZonedDateTime at) {
        return at == null ? NONE : at.format(CLOCK);
    }

    // --- the audit log: JSON laid out one field a line, and a request's path in parts a line may break between ---

    /** JSON text indented one field a line; text that is not JSON as it is. */
    static String json(String text) {
        try {
            return JSON.readTree(text).toPrettyString();
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /** The parts of a path between its slashes ({@code /api/v1/areas} gives "", api, v1, areas). */
    static List<String> pathParts(String path) {
        return path == null ? List.of() : List.of(path.split("/", -1));
    }
}
