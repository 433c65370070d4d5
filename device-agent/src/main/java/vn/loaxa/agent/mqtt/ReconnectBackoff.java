package vn.loaxa.agent.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When one receiver tries the broker again: retry {@code n} waits {@code min(maxDelay, initialDelay × 2^(n−1))},
 * shortened by a random fraction of up to {@code jitter}. No wait is ever longer than {@code maxDelay}, so a receiver
 * is back at most {@code maxDelay} (plus the connect itself) after the broker is; the jitter spreads a fleet that lost
 * the broker together so that it does not return in lock-step.
 *
 * <p>Each link keeps its own count. Paho's built-in automatic reconnect is not used: in Paho 1.2.5 its delay is a
 * static field shared by every client of the JVM, so each failure of any fleet member doubled everyone's delay up to
 * 128 s, and its configured maximum is ignored.
 *
 * @param initialDelay the wait before the first retry
 * @param maxDelay     the longest wait between two attempts
 * @param jitter       the largest fraction, 0 to 1, by which a wait is randomly shortened
 */
public record ReconnectBackoff(Duration initialDelay, Duration maxDelay, double jitter) {

    /** Wait before the first retry. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** Longest wait between attempts; with the connect timeout it keeps a receiver within 30 s of the broker. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(20);
    /** Each wait is shortened by a random 0–50 %. */
    public static final double DEFAULT_JITTER = 0.5;

    private static final int MAX_DOUBLINGS = 30;

    public ReconnectBackoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "need 0 < initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** The defaults with this longest wait. */
    public static ReconnectBackoff withMaxDelay(Duration maxDelay) {
        return new ReconnectBackoff(
                DEFAULT_INITIAL_DELAY.compareTo(maxDelay) < 0 ? DEFAULT_INITIAL_DELAY : maxDelay,
                maxDelay,
                DEFAULT_JITTER);
    }

    /** Every default. */
    public static ReconnectBackoff defaults() {
        return withMaxDelay(DEFAULT_MAX_DELAY);
    }

    /** The wait before retry {@code retry} (1 for the first), with a fresh random jitter. */
    public Duration delay(int retry) {
        return delay(retry, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait before retry {@code retry} (1 for the first).
     *
     * @param random a number in [0, 1) choosing how much of the jitter applies
     */
    public Duration delay(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        long initialMillis = initialDelay.toMillis();
        long maxMillis = maxDelay.toMillis();
        int doublings = Math.min(retry - 1, MAX_DOUBLINGS);
        long uncapped = initialMillis > (maxMillis >> doublings) ? maxMillis : initialMillis << doublings;
        long capped = Math.min(uncapped, maxMillis);
        return Duration.ofMillis(capped - (long) (capped * jitter * random));
    }
}
