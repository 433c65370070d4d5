package vn.loaxa.schedule.file;

/** A problem in a schedule file, where it is. */
public record ScheduleFileError(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
