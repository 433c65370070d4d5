package vn.loaxa.schedule.file;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One broadcast as declared in a schedule file. {@code start} is a local date-time in {@code timeZone}; the
 * bulletin is named by id or by its exact title.
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
        Boolean allowOverlap) {

    public record Targets(List<String> areas, List<String> receivers) {
    }
}
