package vn.loaxa.agent.config;

import java.time.Duration;
import vn.loaxa.agent.mqtt.ReconnectBackoff;

/**
 * The agent's operating limits and intervals; every one has a default (see {@link #defaults()}).
 *
 * @param heartbeatInterval  how often a heartbeat is published
 * @param timeSyncInterval   how often the clock offset against the server is measured (needs {@code server-url})
 * @param volume             volume of non-emergency entries at first start, 0–100 (later set by commands)
 * @param emergencyVolume    volume of emergency entries, 0–100; they ignore mute
 * @param outboxMaxEvents    most events kept in the outbox; beyond it the oldest low-value ones are dropped
 * @param flushRatePerSecond most outbox events republished per second after a reconnect
 * @param flushJitter        the republishing after a reconnect starts after a random delay up to this
 * @param ackTimeout         a sent event not acknowledged by the server within this is sent again (the wait
 *                           doubles with every send, with jitter, up to {@link #LONGEST_ACK_TIMEOUT})
 * @param cacheMaxBytes      size limit of the audio cache; least recently used audio not still scheduled goes first
 * @param reconnectMaxDelay  longest wait between two attempts to reach the broker (jittered exponential backoff)
 * @param catchUpWait        after each connect, how long the retained manifests may take before the agent asks the
 *                           server for what did not come
 */
public record Tuning(
        Duration heartbeatInterval,
        Duration timeSyncInterval,
        int volume,
        int emergencyVolume,
        int outboxMaxEvents,
        int flushRatePerSecond,
        Duration flushJitter,
        Duration ackTimeout,
        long cacheMaxBytes,
        Duration reconnectMaxDelay,
        Duration catchUpWait) {

    /** Default heartbeat interval. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(60);
    /** Default clock-offset measurement interval. */
    public static final Duration DEFAULT_TIME_SYNC_INTERVAL = Duration.ofMinutes(10);
    /** Default volume of non-emergency entries. */
    public static final int DEFAULT_VOLUME = 100;
    /** Default emergency volume. */
    public static final int DEFAULT_EMERGENCY_VOLUME = 100;
    /** Default outbox bound: days of events for a receiver with a busy schedule. */
    public static final int DEFAULT_OUTBOX_MAX_EVENTS = 10_000;
    /** Default republish rate after a reconnect. */
    public static final int DEFAULT_FLUSH_RATE_PER_SECOND = 20;
    /** Default upper bound of the random delay before republishing after a reconnect. */
    public static final Duration DEFAULT_FLUSH_JITTER = Duration.ofSeconds(10);
    /** Default first wait for the server's acknowledgement of a sent event. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(20);
    /** The longest wait between two sends of an unacknowledged event. */
    public static final Duration LONGEST_ACK_TIMEOUT = Duration.ofMinutes(5);
    /** Default audio cache limit: 512 MiB, about 45 hours of Opus at 24 kbit/s. */
    public static final long DEFAULT_CACHE_MAX_BYTES = 512L * 1024 * 1024;
    /** Default longest wait between connect attempts: back within 30 s of the broker, connect timeout included. */
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = ReconnectBackoff.DEFAULT_MAX_DELAY;
    /**
     * Default wait for the retained manifests after a connect: they come within milliseconds of subscribing on a
     * healthy broker, and the answer to a catch-up request still arrives well within 5 s.
     */
    public static final Duration DEFAULT_CATCH_UP_WAIT = Duration.ofSeconds(1);

    /** Every default. */
    public static Tuning defaults() {
        return new Tuning(
                DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_TIME_SYNC_INTERVAL,
                DEFAULT_VOLUME,
                DEFAULT_EMERGENCY_VOLUME,
                DEFAULT_OUTBOX_MAX_EVENTS,
                DEFAULT_FLUSH_RATE_PER_SECOND,
                DEFAULT_FLUSH_JITTER,
                DEFAULT_ACK_TIMEOUT,
                DEFAULT_CACHE_MAX_BYTES,
                DEFAULT_RECONNECT_MAX_DELAY,
                DEFAULT_CATCH_UP_WAIT);
    }

    public Tuning withHeartbeatInterval(Duration interval) {
        return new Tuning(
                interval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                outboxMaxEvents,
                flushRatePerSecond,
                flushJitter,
                ackTimeout,
                cacheMaxBytes,
                reconnectMaxDelay,
                catchUpWait);
    }

    public Tuning withOutboxMaxEvents(int max) {
        return new Tuning(
                heartbeatInterval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                max,
                flushRatePerSecond,
                flushJitter,
                ackTimeout,
                cacheMaxBytes,
                reconnectMaxDelay,
                catchUpWait);
    }

    public Tuning withFlush(int ratePerSecond, Duration jitter) {
        return new Tuning(
                heartbeatInterval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                outboxMaxEvents,
                ratePerSecond,
                jitter,
                ackTimeout,
                cacheMaxBytes,
                reconnectMaxDelay,
                catchUpWait);
    }

    public Tuning withCacheMaxBytes(long bytes) {
        return new Tuning(
                heartbeatInterval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                outboxMaxEvents,
                flushRatePerSecond,
                flushJitter,
                ackTimeout,
                bytes,
                reconnectMaxDelay,
                catchUpWait);
    }

    public Tuning withReconnectMaxDelay(Duration maxDelay) {
        return new Tuning(
                heartbeatInterval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                outboxMaxEvents,
                flushRatePerSecond,
                flushJitter,
                ackTimeout,
                cacheMaxBytes,
                maxDelay,
                catchUpWait);
    }

    public Tuning withAckTimeout(Duration timeout) {
        return new Tuning(
                heartbeatInterval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                outboxMaxEvents,
                flushRatePerSecond,
                flushJitter,
                timeout,
                cacheMaxBytes,
                reconnectMaxDelay,
                catchUpWait);
    }

    public Tuning withCatchUpWait(Duration wait) {
        return new Tuning(
                heartbeatInterval,
                timeSyncInterval,
                volume,
                emergencyVolume,
                outboxMaxEvents,
                flushRatePerSecond,
                flushJitter,
                ackTimeout,
                cacheMaxBytes,
                reconnectMaxDelay,
                wait);
    }
}
