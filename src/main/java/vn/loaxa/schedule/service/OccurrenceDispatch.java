package vn.loaxa.schedule.service;

import java.util.UUID;

/** Sending an occurrence to its receivers, done by the dispatch feature when the occurrence's trigger fires. */
public interface OccurrenceDispatch {

    /**
     * Records the occurrence's deliveries and runs {@code inSameTransaction} (the series' next occurrence) in one
     * transaction, then publishes.
     */
    void dispatch(UUID occurrenceId, Runnable inSameTransaction);

    /** Records an occurrence that could not air on any of its receivers, without sending anything. */
    void recordMissed(UUID occurrenceId, String reason, Runnable inSameTransaction);
}
