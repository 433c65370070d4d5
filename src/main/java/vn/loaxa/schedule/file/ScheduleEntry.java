package vn.loaxa.schedule.file;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.schedule.model.PreemptPolicy;

/**
 * One broadcast as declared in a schedule file. {@code start} is a local date-time in {@code timeZone}; the
 * bulletin is named by id or by its exact title, or a {@code relay} stream airs instead. {@code onPreempt} says what
 * an airing does when a higher-priority item interrupts it, and {@code test} marks a test broadcast.
 * {@code missingLanguageReason} airs a bulletin in communes that require a language it lacks, for that reason
 * (audited); without it such an entry is refused.
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
        Relay relay,
        PreemptPolicy onPreempt,
        Boolean test,
        String missingLanguageReason) {

    /** A live stream relayed for {@code window} from each start, instead of a bulletin. */
    public record Relay(String url, String title, Duration window, Priority priority) {}

    /** Area codes (each with its subtree), receiver ids and named receiver groups. */
    public record Targets(List<String> areas, List<String> receivers, List<String> groups) {}
}
