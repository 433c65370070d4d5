package vn.loaxa.schedule.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The deliveries of an occurrence, kept by the delivery feature. Runs in the caller's transaction. */
public interface OccurrenceDeliveries {

    /**
     * Closes the occurrence's deliveries that are not final yet as CANCELLED with {@code reason}; returns the
     * receivers of all its deliveries.
     */
    List<String> cancel(UUID occurrenceId, String reason, OffsetDateTime now);
}
