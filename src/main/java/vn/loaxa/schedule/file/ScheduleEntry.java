package vn.loaxa.schedule.file;

import java.time.Duration;
import java.time.LocalDateTime;
import vn.loaxa.bulletin.model.Priority;
import java.util.List;
import java.util.UUID;

/**
 * One broadcast as declared in a schedule file. {@code start} is a local date-time in {@code timeZone}; the
 * bulletin is named by id or by its exact title, or a {@code relay} stream airs instead.
 */
public record ScheduleEntry(
        String key,
        UUID bulletinId,
        String bulletinTitle,
        Targets targets,
        LocalDateTime start,
        String timeZone,
        String rrule,
        List<LocalDateTime> exdates,
        String lateStartGrace,
        Boolean allowOverlap,
        Relay relay) {

    /** A live stream relayed for {@code window} from each start, instead of a bulletin. */
    public record Relay(String url, String title, Duration window, Priority priority) {
    }

    public record Targets(List<String> areas, List<String> receivers) {
    }
}
