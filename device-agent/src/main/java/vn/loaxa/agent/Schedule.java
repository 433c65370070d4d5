package vn.loaxa.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import vn.loaxa.agent.download.AudioFetcher;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.store.AudioCache;
import vn.loaxa.agent.store.EntryJournal;
import vn.loaxa.agent.time.ClockOffset;

/**
 * What one agent has scheduled: a {@link ScheduledEntry} per occurrence of the merged manifests. A new entry is
 * reported DELIVERED, its audio is fetched ahead of time, and a timer hands it to the {@link PlaybackStage} a
 * {@linkplain #PREROLL pre-roll} before its play time (or at its play time, if it interrupts a lower priority).
 * Entries that were finished before a restart, by the journal, are not played again.
 */
final class Schedule {

    private static final Logger LOG = Logger.getLogger(Schedule.class.getName());
    /** A play timer that fires earlier than this before its target (wall clock adjusted) is re-armed. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMillis(5);
    /**
     * How long before {@code playAt} the entry takes the stage: the audio is verified and opened in this time, so
     * that the first sample leaves at the exact instant.
     */
    static final Duration PREROLL = Duration.ofSeconds(1);

    private final String receiverId;
    private final ClockOffset time;
    private final ScheduledExecutorService scheduler;
    private final ControlLane lane;
    private final AudioFetcher fetcher;
    private final AudioCache cache;
    private final EntryJournal journal;
    private final EventPublisher events;
    private final StatusReporter status;
    private final PlaybackStage stage;
    private final Map<String, ScheduledEntry> entries = new ConcurrentHashMap<>();

    Schedule(
            String receiverId,
            ClockOffset time,
            ScheduledExecutorService scheduler,
            ControlLane lane,
            AudioFetcher fetcher,
            AudioCache cache,
            EntryJournal journal,
            EventPublisher events,
            StatusReporter status,
            PlaybackStage stage) {
        this.receiverId = receiverId;
        this.time = time;
        this.scheduler = scheduler;
        this.lane = lane;
        this.fetcher = fetcher;
        this.cache = cache;
        this.journal = journal;
        this.events = events;
        this.status = status;
        this.stage = stage;
    }

    /**
     * Schedules exactly these entries (by occurrence id): entries no longer there, or changed before they started,
     * are cancelled; new and changed ones are scheduled. Runs on the control lane.
     *
     * @param cause what changed, for the log and the reason of a cancellation
     */
    void apply(Map<String, ManifestEntry> incoming, String cause) {
        LOG.info(() -> receiverId + " applying " + cause + ": " + incoming.size() + " entries");
        for (ScheduledEntry existing : entries.values()) {
            if (!incoming.containsKey(existing.occurrenceId())) {
                LOG.info(() -> receiverId + " cancelling " + existing.occurrenceId() + ": it is no longer in " + cause);
                existing.cancel("the entry was removed by " + cause);
                entries.remove(existing.occurrenceId());
            }
        }
        for (ManifestEntry entry : incoming.values()) {
            ScheduledEntry existing = entries.get(entry.occurrenceId());
            if (existing != null) {
                if (existing.entry().equals(entry) || existing.isStarted() || existing.isFinished()) {
                    continue;
                }
                existing.cancel("the entry was changed by " + cause);
            }
            ScheduledEntry scheduled = new ScheduledEntry(entry);
            entries.put(entry.occurrenceId(), scheduled);
            activate(scheduled);
        }
        pruneJournal(incoming.keySet());
    }

    /** The agent stops: cancels every entry's timer, and its playback if it plays. */
    void shutDown() {
        for (ScheduledEntry scheduled : entries.values()) {
            scheduled.cancelForShutdown();
        }
    }

    private void activate(ScheduledEntry scheduled) {
        String occurrenceId = scheduled.occurrenceId();
        ManifestEntry entry = scheduled.entry();
        for (EventType type : EventType.values()) {
            if (type.isFinal() && events.happened(occurrenceId, type)) {
                scheduled.markFinished();
                return;
            }
        }
        if (events.happened(occurrenceId, EventType.PLAYING) && !entry.playsLive()) {
            // a live session has no position to lose: it is rejoined at the live point below
            status.finish(
                    scheduled, EventType.FAILED, "playback was interrupted: the agent stopped while it was playing");
            return;
        }
        events.record(occurrenceId, EventType.DELIVERED, null);
        if (time.serverNow().isAfter(entry.expiresAt())) {
            status.finish(scheduled, EventType.MISSED, null);
            return;
        }
        boolean late = !time.serverNow().isBefore(entry.playAt());
        if (entry.playsLive()) {
            Optional<String> unplayable = entry.live().unplayableReason();
            if (unplayable.isPresent()) {
                status.finish(scheduled, EventType.FAILED, unplayable.get());
                return;
            }
        }
        if (entry.streams()) {
            // nothing to download: the stream is opened, or the session's topic taken, at play time
            armTimer(scheduled);
            return;
        }
        CompletableFuture<Path> audio = fetcher.fetch(entry.audio(), late ? entry.expiresAt() : entry.playAt());
        scheduled.audio(audio);
        audio.whenComplete((path, error) -> lane.run(() -> onAudioSettled(scheduled, path, error)));
        if (late) {
            // Received after playAt (agent was offline or restarted): play as soon as the audio is ready,
            // as long as expiresAt has not passed by then.
            audio.thenRun(() -> armTimer(scheduled));
        } else {
            armTimer(scheduled);
        }
    }

    private void onAudioSettled(ScheduledEntry scheduled, Path file, Throwable error) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        if (error != null) {
            status.finish(scheduled, EventType.FAILED, StatusReporter.reasonOf(error));
            return;
        }
        cache.touch(file);
        cache.evict(scheduledAudio());
        if (!scheduled.isStarted()) {
            status.reportDownloadedOnce(scheduled);
        }
    }

    /** The SHA-256 of every audio file an entry that has not finished still needs. */
    private Set<String> scheduledAudio() {
        return entries.values().stream()
                .filter(e -> !e.isFinished() && !e.isCancelled() && !e.entry().streams())
                .map(e -> e.entry().audio().sha256())
                .collect(Collectors.toSet());
    }

    private void pruneJournal(Collection<String> occurrenceIds) {
        Set<UUID> keep = new HashSet<>();
        for (String occurrenceId : occurrenceIds) {
            for (EventType type : EventType.values()) {
                keep.add(AgentEvent.idFor(occurrenceId, receiverId, type));
            }
        }
        // Entries cancelled a moment ago may still be finishing on the playback lane; their markers go next time.
        for (ScheduledEntry scheduled : entries.values()) {
            for (EventType type : EventType.values()) {
                keep.add(AgentEvent.idFor(scheduled.occurrenceId(), receiverId, type));
            }
        }
        journal.retainOnly(keep);
    }

    // ---- timing (timer threads) ----

    private void armTimer(ScheduledEntry scheduled) {
        Instant target = scheduled.entry().playAt().minus(PREROLL);
        long delayNanos = Math.max(0, Duration.between(time.serverNow(), target).toNanos());
        try {
            scheduled.timer(scheduler.schedule(() -> onPlayTime(scheduled), delayNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; " + scheduled.occurrenceId() + " not scheduled");
        }
    }

    private void onPlayTime(ScheduledEntry scheduled) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        Duration early =
                Duration.between(time.serverNow(), scheduled.entry().playAt().minus(PREROLL));
        if (early.compareTo(CLOCK_TOLERANCE) > 0) {
            armTimer(scheduled);
            return;
        }
        Duration untilPlay =
                Duration.between(time.serverNow(), scheduled.entry().playAt());
        if (untilPlay.compareTo(CLOCK_TOLERANCE) > 0 && stage.holdsLowerPriorityThan(scheduled)) {
            // A lower-priority entry is playing: interrupt it at playAt, not a pre-roll earlier.
            try {
                scheduled.timer(scheduler.schedule(
                        () -> {
                            if (!scheduled.isCancelled() && !scheduled.isFinished()) {
                                stage.offer(scheduled);
                            }
                        },
                        untilPlay.toNanos(),
                        TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                LOG.fine("agent is shutting down; " + scheduled.occurrenceId() + " not scheduled");
            }
            return;
        }
        stage.offer(scheduled);
    }
}
