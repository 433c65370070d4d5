package vn.loaxa.agent.live;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import vn.loaxa.agent.time.ClockOffset;

/** The clock a live playout keeps time by, and how it waits; a test drives its own. */
public interface PlayoutTiming {

    /** The server clock now, in microseconds since the epoch. */
    long nowMicros();

    /**
     * Waits until {@code deadlineMicros} or until {@code condition} is signalled, whichever comes first; returns at
     * once if the deadline has passed. Called with the condition's lock held.
     */
    void await(Condition condition, long deadlineMicros) throws InterruptedException;

    /** The agent's corrected server clock. */
    static PlayoutTiming of(ClockOffset time) {
        return new PlayoutTiming() {
            @Override
            public long nowMicros() {
                return ChronoUnit.MICROS.between(Instant.EPOCH, time.serverNow());
            }

            @Override
            public void await(Condition condition, long deadlineMicros) throws InterruptedException {
                long remaining = deadlineMicros - nowMicros();
                if (remaining > 0) {
                    condition.awaitNanos(TimeUnit.MICROSECONDS.toNanos(remaining));
                }
            }
        };
    }
}
