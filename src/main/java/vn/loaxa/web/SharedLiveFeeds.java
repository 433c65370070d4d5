package vn.loaxa.web;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One reading per tick for every open live page that would read the same thing (same scope, same language), instead
 * of one per page: the first page to open a feed starts its ticks, every later one shares them, and the feed stops
 * when the last page leaves (or its ticks end after their hour). A page that cannot take a reading loses it alone.
 */
@ApplicationScoped
public class SharedLiveFeeds {
    private final Map<Object, Multi<?>> feeds = new ConcurrentHashMap<>();

    /**
     * The feed of {@code key}: {@code read} once per {@code interval} while any page listens, shared by all. A key
     * stands for one kind of reading: every caller with an equal key must read the same thing.
     */
    @SuppressWarnings("unchecked") // a key's feed is only ever made by the reading of that key's kind
    public <T> Multi<T> feed(Object key, Duration interval, Supplier<T> read) {
        Multi<T> shared = (Multi<T>) feeds.computeIfAbsent(key, k -> start(k, interval, read));
        return shared.onOverflow().drop();
    }

    private <T> Multi<T> start(Object key, Duration interval, Supplier<T> read) {
        AtomicReference<Multi<T>> self = new AtomicReference<>();
        Multi<T> shared = LiveTicks.every(interval)
                .map(tick -> read.get())
                .onTermination()
                .invoke(() -> feeds.remove(key, self.get()))
                .broadcast()
                .withCancellationAfterLastSubscriberDeparture()
                .toAllSubscribers();
        self.set(shared);
        return shared;
    }

    /** Feeds running now; for tests. */
    int running() {
        return feeds.size();
    }
}
