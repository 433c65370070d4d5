package vn.loaxa.schedule.file;

import java.util.List;
import java.util.UUID;

/** What applying a set of schedule files does, entry by entry, or why it cannot. */
public record SchedulePlan(List<Step> steps, List<ScheduleFileError> errors) {

    public enum Action {
        CREATE,
        REPLACE,
        CANCEL,
        UNCHANGED
    }

    /** {@code broadcastId} is the existing broadcast, or the new one once applied. */
    public record Step(Action action, String key, String file, Integer line, UUID broadcastId) {}

    public boolean valid() {
        return errors.isEmpty();
    }
}
