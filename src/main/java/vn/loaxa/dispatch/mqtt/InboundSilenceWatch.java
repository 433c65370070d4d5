package vn.loaxa.dispatch.mqtt;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Notices when a subscribed connection has brought in nothing for longer than a limit although the server keeps
 * publishing probes that its own subscription matches. The connection then looks healthy (it is up, pings are
 * answered) while no receiver is heard: a subscription lost or never routed by the broker, or a client that stopped
 * delivering. Only a fresh connection is known to cure that.
 */
final class InboundSilenceWatch {
    private static final long NONE = Long.MIN_VALUE;

    private final long limitNanos;
    private final LongSupplier nanoClock;
    private volatile long subscribedAt = NONE;
    private volatile long lastArrival = NONE;

    InboundSilenceWatch(Duration limit, LongSupplier nanoClock) {
        this.limitNanos = limit.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The broker granted the subscriptions of a (new) connection: silence is measured from now. */
    void subscribed() {
        lastArrival = NONE;
        subscribedAt = nanoClock.getAsLong();
    }

    /** The connection is gone; its silence no longer counts. */
    void unsubscribed() {
        subscribedAt = NONE;
    }

    /** On Paho's callback thread, for every message. */
    void arrived() {
        lastArrival = nanoClock.getAsLong();
    }

    /** A description of the silence when the subscribed connection has heard nothing for over the limit. */
    Optional<String> check() {
        long since = subscribedAt;
        if (since == NONE) {
            return Optional.empty();
        }
        long heard = Math.max(since, lastArrival == NONE ? since : lastArrival);
        long silent = nanoClock.getAsLong() - heard;
        if (silent < limitNanos) {
            return Optional.empty();
        }
        return Optional.of("Nothing has arrived from the broker for "
                + Duration.ofNanos(silent).toSeconds()
                + " s, not even the server's own probes, although the connection is up and subscribed"
                + (lastArrival == NONE ? " (nothing at all since it subscribed)" : ""));
    }
}
