package vn.loaxa.dispatch.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per receiver: a receiver may send {@code burst} messages at once and {@code perSecond} a second
 * after that. A healthy agent stays far below (it paces its outbox replay at 20 a second); a flooding or hijacked
 * one cannot make the server do more work for it.
 */
public final class ReceiverRateLimit {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public ReceiverRateLimit(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one message's token; false when the receiver is over its rate. */
    public boolean tryAcquire(String receiverId) {
        long now = nanos.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(receiverId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) / 1e9 * perSecond);
            bucket.last = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }
}
