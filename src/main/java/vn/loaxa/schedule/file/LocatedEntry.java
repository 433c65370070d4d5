package vn.loaxa.schedule.file;

/** An entry and the file line where it starts. */
public record LocatedEntry(String file, int line, ScheduleEntry entry) {}
