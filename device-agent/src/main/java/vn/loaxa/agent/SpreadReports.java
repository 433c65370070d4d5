package vn.loaxa.agent;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends a report that every receiver of a session would otherwise send in the same instant at a random moment
 * within {@link #SPREAD}: a thousand receivers that join a live session together then do not write, publish and
 * have acknowledged a thousand events in one burst, which the broker, the server and (in a simulated fleet) the
 * receivers' shared CPU would all feel at the session's first frame. The report keeps the time it is about.
 */
final class SpreadReports {
    static final Duration SPREAD = Duration.ofSeconds(1);

    private final ScheduledExecutorService timers;
    private final Executor lane;

    /**
     * @param timers where the wait goes; tasks there must be short
     * @param lane   where the report is written and sent
     */
    SpreadReports(ScheduledExecutorService timers, Executor lane) {
        this.timers = timers;
        this.lane = lane;
    }

    void report(Runnable report) {
        long delayMillis = ThreadLocalRandom.current().nextLong(SPREAD.toMillis());
        try {
            timers.schedule(() -> lane.execute(report), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the agent is stopping: the report is written now, so that its journal and outbox keep it
            report.run();
        }
    }
}
