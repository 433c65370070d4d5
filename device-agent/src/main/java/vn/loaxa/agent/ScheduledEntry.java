package vn.loaxa.agent;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import vn.loaxa.agent.live.LivePlayout;
import vn.loaxa.agent.protocol.ManifestEntry;

/**
 * The agent's live state for one manifest entry: its audio download, its play timer, and whether it was
 * cancelled, started or finished. Shared between the control, timer and playback threads, hence volatile.
 */
final class ScheduledEntry {

    private final ManifestEntry entry;
    private volatile CompletableFuture<Path> audio;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean cancelled;
    private volatile boolean started;
    private volatile boolean finished;
    private volatile String cancelledBy;
    private volatile boolean agentStopping;
    private volatile String preemptedBy;
    private volatile long resumeAtMillis;
    private volatile LivePlayout livePlayout;
    private final boolean reportsEvents;

    ScheduledEntry(ManifestEntry entry) {
        this(entry, true);
    }

    /** @param reportsEvents false for the test tone, which is nobody's delivery */
    ScheduledEntry(ManifestEntry entry, boolean reportsEvents) {
        this.entry = entry;
        this.reportsEvents = reportsEvents;
    }

    boolean reportsEvents() {
        return reportsEvents;
    }

    /** Asks the playing entry to stop because a higher-priority entry is due. */
    void preempt(String byOccurrenceId) {
        preemptedBy = byOccurrenceId;
        wakeLivePlayout();
    }

    /** The occurrence that interrupted this one, or null. */
    String preemptedBy() {
        return preemptedBy;
    }

    /** Forgets the interruption before the entry goes back in line, resuming at {@code positionMillis}. */
    void resumeLater(long positionMillis) {
        preemptedBy = null;
        resumeAtMillis = positionMillis;
    }

    /** Where playback (re)starts, in milliseconds into the clip. */
    long resumeAtMillis() {
        return resumeAtMillis;
    }

    /** True when playback should stop now: cancelled or pre-empted. */
    boolean shouldStop() {
        return cancelled || preemptedBy != null;
    }

    ManifestEntry entry() {
        return entry;
    }

    String occurrenceId() {
        return entry.occurrenceId();
    }

    CompletableFuture<Path> audio() {
        return audio;
    }

    void audio(CompletableFuture<Path> audio) {
        this.audio = audio;
    }

    /** The playout of a live entry once it first played, kept across interruptions; null before. */
    LivePlayout livePlayout() {
        return livePlayout;
    }

    void livePlayout(LivePlayout playout) {
        this.livePlayout = playout;
    }

    void timer(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    /** Cancels the play timer and stops playback if it is running. */
    void cancel(String why) {
        cancelledBy = why;
        cancelled = true;
        ScheduledFuture<?> current = timer;
        if (current != null) {
            current.cancel(false);
        }
        wakeLivePlayout();
    }

    /** A live playout waits for its next frame's time: it looks at {@link #shouldStop} now instead. */
    private void wakeLivePlayout() {
        LivePlayout playout = livePlayout;
        if (playout != null) {
            playout.wakeUp();
        }
    }

    /** Cancels the entry because the agent is stopping: a live session it plays is rejoined after a restart. */
    void cancelForShutdown() {
        agentStopping = true;
        cancel("the agent shut down");
    }

    /** Whether it was cancelled because the agent is stopping. */
    boolean isAgentStopping() {
        return agentStopping;
    }

    boolean isCancelled() {
        return cancelled;
    }

    String cancelledBy() {
        return cancelledBy;
    }

    void markStarted() {
        started = true;
    }

    boolean isStarted() {
        return started;
    }

    /** Marks the entry finished (PLAYED, FAILED or MISSED) and stops its timer. */
    void markFinished() {
        finished = true;
        ScheduledFuture<?> current = timer;
        if (current != null) {
            current.cancel(false);
        }
    }

    boolean isFinished() {
        return finished;
    }
}
