package vn.loaxa.schedule.file;

import java.util.List;
import java.util.stream.Collectors;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;

/** Schedule files with errors; nothing of them was applied. Mapped to 422 listing every error with its line. */
public class InvalidScheduleException extends InvalidRequestException {
    private final List<ScheduleFileError> errors;

    public InvalidScheduleException(List<ScheduleFileError> errors) {
        super(
                ErrorMessage.of("schedule-files.title"),
                ErrorMessage.of(
                        "schedule-files.invalid",
                        errors.size(),
                        errors.stream().map(Object::toString).collect(Collectors.joining("; "))),
                errors.stream()
                        .map(e -> new FieldError(e.file() + ":" + e.line(), e.message()))
                        .toList());
        this.errors = List.copyOf(errors);
    }

    public List<ScheduleFileError> errors() {
        return errors;
    }
}
