package vn.loaxa.agent;

import vn.loaxa.agent.protocol.ManifestEntry;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

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

    ScheduledEntry(ManifestEntry entry) {
        this.entry = entry;
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
