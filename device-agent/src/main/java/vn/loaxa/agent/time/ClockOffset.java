package vn.loaxa.agent.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The server clock as the agent estimates it: the local clock plus the last measured offset. Every play time and
 * expiry in a manifest is server time, so the agent compares them with {@link #serverNow()}. Thread-safe.
 */
public final class ClockOffset {

    private final Clock clock;
    private volatile Duration offset = Duration.ZERO;
    private volatile boolean measured;

    public ClockOffset(Clock clock) {
        this.clock = clock;
    }

    /** The local clock this offset corrects. */
    public Clock clock() {
        return clock;
    }

    /** The estimated server time now. */
    public Instant serverNow() {
        return clock.instant().plus(offset);
    }

    /** Server clock minus local clock, or zero before the first measurement. */
    public Duration offset() {
        return offset;
    }

    /** The measured offset in milliseconds, if it was ever measured. */
    public Optional<Long> measuredMillis() {
        return measured ? Optional.of(offset.toMillis()) : Optional.empty();
    }

    /** Records a new measurement. */
    public void update(Duration measuredOffset) {
        this.offset = measuredOffset;
        this.measured = true;
    }
}
