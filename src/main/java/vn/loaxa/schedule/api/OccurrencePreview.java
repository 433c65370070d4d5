package vn.loaxa.schedule.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Instances of a timing, each in the broadcast's zone and in UTC. */
public record OccurrencePreview(String timeZone, List<Instance> occurrences) {

    public record Instance(LocalDateTime localTime, String utcOffset, Instant utcTime) {}
}
