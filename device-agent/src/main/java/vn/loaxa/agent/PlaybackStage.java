package vn.loaxa.agent;

import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what one agent plays: one entry at a time; a due entry of higher priority interrupts the one playing
 * (which then asks to be {@linkplain #requeue requeued} or finishes); otherwise due entries wait, highest priority
 * first, then earliest play time. The playing itself runs on the shared playback pool.
 */
final class PlaybackStage {

    private static final Logger LOG = Logger.getLogger(PlaybackStage.class.getName());
    private static final Comparator<ScheduledEntry> ORDER = Comparator.comparing(
                    (ScheduledEntry e) -> e.entry().effectivePriority())
            .reversed()
            .thenComparing(e -> e.entry().playAt())
            .thenComparing(ScheduledEntry::occurrenceId);

    private final Executor pool;
    private final Consumer<ScheduledEntry> performer;
    private final PriorityQueue<ScheduledEntry> waiting = new PriorityQueue<>(ORDER);
    private ScheduledEntry current;

    /**
     * @param pool      the playback pool
     * @param performer plays one entry, blocking until it ends; it may call {@link #requeue} for that entry
     */
    PlaybackStage(Executor pool, Consumer<ScheduledEntry> performer) {
        this.pool = pool;
        this.performer = performer;
    }

    /** An entry is due: play it now, interrupt a lower-priority one for it, or let it wait. */
    synchronized void offer(ScheduledEntry entry) {
        if (current == null) {
            start(entry);
            return;
        }
        if (current == entry || waiting.contains(entry)) {
            return;
        }
        waiting.add(entry);
        if (entry.entry().effectivePriority().compareTo(current.entry().effectivePriority()) > 0) {
            LOG.info(() -> "pre-empting " + current.occurrenceId() + " ("
                    + current.entry().effectivePriority() + ") for " + entry.occurrenceId() + " ("
                    + entry.entry().effectivePriority() + ")");
            current.preempt(entry.occurrenceId());
        }
    }

    /** Puts the entry that was interrupted back in line; called by the performer before it returns. */
    synchronized void requeue(ScheduledEntry entry) {
        waiting.add(entry);
    }

    /** True if the entry holding the stage has a lower priority than {@code entry}. */
    synchronized boolean holdsLowerPriorityThan(ScheduledEntry entry) {
        return current != null
                && current.entry().effectivePriority().compareTo(entry.entry().effectivePriority()) < 0;
    }

    /** The entry playing now, if any. */
    synchronized Optional<ScheduledEntry> current() {
        return Optional.ofNullable(current);
    }

    /** True if nothing plays and nothing waits. */
    synchronized boolean isIdle() {
        return current == null && waiting.isEmpty();
    }

    private void start(ScheduledEntry entry) {
        current = entry;
        try {
            pool.execute(() -> {
                try {
                    performer.accept(entry);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "playback of " + entry.occurrenceId() + " failed unexpectedly", e);
                } finally {
                    next();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("playback pool stopped; " + entry.occurrenceId() + " not played");
            current = null;
        }
    }

    private synchronized void next() {
        current = null;
        ScheduledEntry candidate;
        while ((candidate = waiting.poll()) != null) {
            if (!candidate.isCancelled() && !candidate.isFinished()) {
                start(candidate);
                return;
            }
        }
    }
}
