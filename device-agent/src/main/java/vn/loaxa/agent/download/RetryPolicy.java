package vn.loaxa.agent.download;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How downloads are retried: exponential backoff with jitter between {@code initialDelay} and {@code maxDelay}.
 * A checksum mismatch is retried at most {@code maxMismatchAttempts - 1} times; transient errors are retried up
 * to {@code maxTransientAttempts} attempts in total, but never past the entry's play time.
 *
 * @param maxMismatchAttempts  total attempts while the file keeps failing its SHA-256 check
 * @param maxTransientAttempts total attempts while the network or server fails
 * @param initialDelay         delay before the second attempt
 * @param maxDelay             upper bound of any delay
 */
public record RetryPolicy(int maxMismatchAttempts, int maxTransientAttempts, Duration initialDelay, Duration maxDelay) {

    /** Default total attempts when the SHA-256 check fails. */
    public static final int DEFAULT_MAX_MISMATCH_ATTEMPTS = 3;
    /** Default total attempts on network or server errors. */
    public static final int DEFAULT_MAX_TRANSIENT_ATTEMPTS = 20;
    /** Default delay before the second attempt. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    /** Default upper bound of a delay. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(2);
    /** Share of a delay that is randomised, so that a fleet does not retry in lock-step. */
    private static final double JITTER = 0.2;

    /** The production defaults. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(
                DEFAULT_MAX_MISMATCH_ATTEMPTS,
                DEFAULT_MAX_TRANSIENT_ATTEMPTS,
                DEFAULT_INITIAL_DELAY,
                DEFAULT_MAX_DELAY);
    }

    /** The delay after the given failed attempt (1-based). */
    public Duration delayAfter(int attempt) {
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
        long jitter = (long) (capped * JITTER * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }
}
