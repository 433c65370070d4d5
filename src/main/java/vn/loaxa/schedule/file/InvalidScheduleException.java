package vn.loaxa.schedule.file;

import java.util.List;

/** Schedule files with errors; nothing of them was applied. Mapped to 422 listing every error with its line. */
public class InvalidScheduleException extends RuntimeException {
    private final List<ScheduleFileError> errors;

    public InvalidScheduleException(List<ScheduleFileError> errors) {
        super(errors.size() + " error(s) in the schedule files; nothing was applied");
        this.errors = List.copyOf(errors);
    }

    public List<ScheduleFileError> errors() {
        return errors;
    }
}
