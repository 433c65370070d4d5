package vn.loaxa.agent.time;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link TimeSync} the way an NTP client polls: at once, then after 2 s, 4 s, 8 s… doubling up to the
 * configured interval. A freshly started agent's first measurements are its least certain (cold JVM, cold
 * connections), so it measures often until the offset has settled, and rarely after.
 */
public final class TimeSyncPolling {
    /** The first wait between measurements. */
    public static final Duration FIRST_INTERVAL = Duration.ofSeconds(2);

    private final TimeSync sync;
    private final ScheduledExecutorService scheduler;
    private final Executor work;
    private final Duration longest;
    private Duration next;

    /**
     * @param scheduler keeps the time between measurements
     * @param work      runs the measurement itself (blocking HTTP)
     * @param longest   the interval once the offset has settled
     */
    public TimeSyncPolling(TimeSync sync, ScheduledExecutorService scheduler, Executor work, Duration longest) {
        this.sync = sync;
        this.scheduler = scheduler;
        this.work = work;
        this.longest = longest;
        this.next = shortest(longest);
    }

    /** Measures now, then on the widening schedule until the executors shut down. */
    public void start() {
        measureThenWait();
    }

    /** The wait after {@code current}: doubled, but never longer than {@code longest}. */
    static Duration after(Duration current, Duration longest) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(longest) > 0 ? longest : doubled;
    }

    static Duration shortest(Duration longest) {
        return FIRST_INTERVAL.compareTo(longest) > 0 ? longest : FIRST_INTERVAL;
    }

    private void measureThenWait() {
        try {
            work.execute(() -> {
                try {
                    sync.measure();
                } finally {
                    waitThenMeasure();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the agent is stopping
        }
    }

    private void waitThenMeasure() {
        Duration wait = next;
        next = after(next, longest);
        try {
            scheduler.schedule(this::measureThenWait, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the agent is stopping
        }
    }
}
