package vn.loaxa.agent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread pools shared by every agent in the JVM (one, or a whole fleet). Agents never own threads; they run
 * on serial lanes over these pools.
 */
public final class AgentExecutors implements AutoCloseable {

    /** Threads that fire timers (play times, retries, reconnects). */
    public static final int SCHEDULER_THREADS = 2;
    /** Parallel downloads in the JVM. */
    public static final int DOWNLOAD_THREADS = 4;

    /** Control threads of a simulated fleet, whose thousands of agents would otherwise grow the pool at connect. */
    public static final int SIMULATED_CONTROL_THREADS = 8;

    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final ScheduledExecutorService scheduler;
    private final ExecutorService control;
    private final ExecutorService downloads;
    private final ExecutorService playback;
    private final ScheduledExecutorService liveClock;

    /** Pools for one agent or a fleet: control threads as many as are busy at once. */
    public AgentExecutors() {
        this(0);
    }

    /**
     * @param controlThreads a fixed number of control threads (control tasks never block, so a simulated fleet of
     *                       thousands queues behind a few), or 0 for as many as are busy at once
     */
    public AgentExecutors(int controlThreads) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, threads("timer"));
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        this.control = controlThreads > 0
                ? Executors.newFixedThreadPool(controlThreads, threads("control"))
                : Executors.newCachedThreadPool(threads("control"));
        this.downloads = Executors.newFixedThreadPool(DOWNLOAD_THREADS, threads("download"));
        this.playback = Executors.newCachedThreadPool(threads("playback"));
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, threads("live-clock"));
        clock.setRemoveOnCancelPolicy(true);
        this.liveClock = clock;
    }

    /** Timers: play times, download retries, connect retries. Tasks must be short. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Short tasks: manifest handling, event bookkeeping. */
    public ExecutorService control() {
        return control;
    }

    /** HTTP downloads and SHA-256 checks. */
    public ExecutorService downloads() {
        return downloads;
    }

    /** Decoding and playing; a task holds its thread for the length of a clip. */
    public ExecutorService playback() {
        return playback;
    }

    /**
     * The one thread that steps the live sessions of every receiver in the JVM whose sink discards audio (a
     * simulated fleet): each step is short and never blocks.
     */
    public ScheduledExecutorService liveClock() {
        return liveClock;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        liveClock.shutdownNow();
        downloads.shutdownNow();
        playback.shutdownNow();
        control.shutdown();
        try {
            control.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        control.shutdownNow();
    }

    private static ThreadFactory threads(String role) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "loaxa-" + role + "-" + counter.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }
}
