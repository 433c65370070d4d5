package vn.loaxa.dispatch.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs an action per key at most once per interval. A request within the interval is not lost: it runs the action
 * once more at the interval's end, shared by every request until then, so that each request is followed by a run
 * that started after it.
 */
final class TrailingThrottle {
    private final long intervalNanos;
    private final LongSupplier nanos;
    private final ScheduledExecutorService scheduler;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        boolean ran;
        long lastRun;
        boolean scheduled;
    }

    TrailingThrottle(Duration interval, LongSupplier nanos, ScheduledExecutorService scheduler) {
        this.intervalNanos = interval.toNanos();
        this.nanos = nanos;
        this.scheduler = scheduler;
    }

    /** Runs {@code action} now on the caller's thread (true), or later on the scheduler, or not at all (false). */
    boolean request(String key, Runnable action) {
        State state = states.computeIfAbsent(key, k -> new State());
        long wait;
        synchronized (state) {
            if (state.scheduled) {
                return false;
            }
            long now = nanos.getAsLong();
            if (!state.ran || now - state.lastRun >= intervalNanos) {
                state.ran = true;
                state.lastRun = now;
                wait = -1;
            } else {
                state.scheduled = true;
                wait = intervalNanos - (now - state.lastRun);
            }
        }
        if (wait < 0) {
            action.run();
            return true;
        }
        scheduler.schedule(
                () -> {
                    synchronized (state) {
                        state.scheduled = false;
                        state.lastRun = nanos.getAsLong();
                    }
                    action.run();
                },
                wait,
                TimeUnit.NANOSECONDS);
        return false;
    }
}
