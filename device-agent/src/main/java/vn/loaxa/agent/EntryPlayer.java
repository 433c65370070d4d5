package vn.loaxa.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.download.AudioFetcher;
import vn.loaxa.agent.download.Sha256;
import vn.loaxa.agent.playback.AudioPlayer;
import vn.loaxa.agent.playback.PlaybackException;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.playback.SinkException;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.store.AudioCache;
import vn.loaxa.agent.store.LiveCounts;
import vn.loaxa.agent.store.OutputSettings;
import vn.loaxa.agent.time.ClockOffset;

/**
 * The play loop of one agent: owns its {@link PlaybackStage} and plays the entry that holds it, on the playback
 * pool. Downloaded audio is checked against its SHA-256 and starts on the exact {@code playAt}; a relay plays the
 * live stream until its window closes; a live session plays its frames, each at its capture time plus the session's
 * delay, until it ends. An entry interrupted by a higher priority resumes where it was, restarts, or
 * is dropped, as its {@code onPreempt} says.
 */
final class EntryPlayer {

    private static final Logger LOG = Logger.getLogger(EntryPlayer.class.getName());
    private static final double FULL_VOLUME = 100.0;

    private final String receiverId;
    private final ClockOffset time;
    private final AudioPlayer player;
    private final LiveEntryPlayer liveSessions;
    private final AudioCache cache;
    private final AudioFetcher fetcher;
    private final OutputSettings output;
    private final int emergencyVolume;
    private final ControlLane lane;
    private final StatusReporter status;
    private final PlaybackStage stage;

    /**
     * @param sink            where the audio goes: {@code player}'s, which live sessions write to as well
     * @param live            the live sessions playing now, whose frames reach them
     * @param playbackPool    where entries play, shared by all agents in the JVM
     * @param liveClock       where live sessions step when {@code sink} discards audio, shared likewise
     * @param timers          the agent's timers, shared likewise
     * @param emergencyVolume the volume of an EMERGENCY entry, muted or not
     */
    EntryPlayer(
            String receiverId,
            ClockOffset time,
            AudioPlayer player,
            Sink sink,
            LiveSessions live,
            LiveCounts liveCounts,
            AudioCache cache,
            AudioFetcher fetcher,
            OutputSettings output,
            int emergencyVolume,
            ControlLane lane,
            StatusReporter status,
            Executor playbackPool,
            ScheduledExecutorService liveClock,
            ScheduledExecutorService timers) {
        this.receiverId = receiverId;
        this.time = time;
        this.player = player;
        this.liveSessions = new LiveEntryPlayer(
                receiverId, time, sink, live, liveCounts, status, liveClock, new SpreadReports(timers, lane));
        this.cache = cache;
        this.fetcher = fetcher;
        this.output = output;
        this.emergencyVolume = emergencyVolume;
        this.lane = lane;
        this.status = status;
        this.stage = new PlaybackStage(playbackPool, this::perform);
    }

    /** The stage that decides which entry plays. */
    PlaybackStage stage() {
        return stage;
    }

    private void perform(ScheduledEntry scheduled) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        ManifestEntry entry = scheduled.entry();
        boolean resuming = scheduled.isStarted();
        if (!resuming && time.serverNow().isAfter(entry.expiresAt())) {
            status.finish(scheduled, EventType.MISSED, null);
            return;
        }
        if (entry.playsLive()) {
            if (liveSessions.play(scheduled, resuming, gainFor(entry))) {
                afterPreemption(scheduled, 0);
            }
            return;
        }
        if (entry.relays()) {
            relay(scheduled, resuming);
            return;
        }
        Optional<Path> file = verifiedAudio(scheduled);
        if (file.isEmpty()) {
            return;
        }
        try (AudioPlayer.Clip clip = player.open(file.get())) {
            cache.touch(file.get());
            Instant startedHere = null;
            if (!resuming) {
                Instant playAt = entry.playAt();
                Instant now = time.serverNow();
                if (entry.isTest()) {
                    LOG.info(() ->
                            receiverId + " plays TEST broadcast " + entry.occurrenceId() + " (" + entry.title() + ")");
                }
                // Recorded before the wait, so that the first sample is not delayed by a disk write; stamped
                // with the instant it will start.
                status.report(scheduled, EventType.PLAYING, null, now.isAfter(playAt) ? now : playAt);
                scheduled.markStarted();
                waitUntil(playAt);
                startedHere = time.clock().instant();
            }
            if (scheduled.shouldStop() && scheduled.preemptedBy() != null && !scheduled.isCancelled()) {
                scheduled.resumeLater(scheduled.resumeAtMillis());
                stage.requeue(scheduled);
                return;
            }
            AudioPlayer.Result result = clip.play(scheduled.resumeAtMillis(), gainFor(entry), scheduled::shouldStop);
            status.audioOutput(true);
            if (startedHere != null) {
                logStart(entry, startedHere);
            }
            if (result.outcome() == AudioPlayer.Outcome.COMPLETED) {
                status.finish(scheduled, EventType.PLAYED, null);
            } else if (scheduled.isCancelled() || scheduled.preemptedBy() == null) {
                String why = scheduled.cancelledBy() != null ? scheduled.cancelledBy() : "the agent shut down";
                status.finish(scheduled, EventType.FAILED, "playback stopped before the end: " + why);
            } else {
                afterPreemption(scheduled, result.positionMillis());
            }
        } catch (PlaybackException e) {
            if (e.getCause() instanceof SinkException) {
                status.audioOutput(false);
            }
            status.finish(scheduled, EventType.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected playback error for " + scheduled.occurrenceId(), e);
            status.finish(scheduled, EventType.FAILED, "unexpected playback error: " + e);
        }
    }

    /**
     * Plays a live stream from now until the relay window closes. A stream that cannot be opened or that breaks
     * off before the window closes reports FAILED with the reason; a stream that is pre-empted and resumed joins
     * the live stream again.
     */
    private void relay(ScheduledEntry scheduled, boolean resuming) {
        ManifestEntry entry = scheduled.entry();
        Instant endsAt = entry.relay().endsAt();
        if (!time.serverNow().isBefore(endsAt)) {
            status.finish(scheduled, resuming ? EventType.PLAYED : EventType.MISSED, null);
            return;
        }
        try (AudioPlayer.Clip stream = player.openStream(entry.relay().url())) {
            if (!resuming) {
                waitUntil(entry.playAt());
                Instant now = time.serverNow();
                status.report(scheduled, EventType.PLAYING, null, now.isAfter(entry.playAt()) ? now : entry.playAt());
                scheduled.markStarted();
            }
            AudioPlayer.Result result = stream.play(
                    0,
                    gainFor(entry),
                    () -> scheduled.shouldStop() || !time.serverNow().isBefore(endsAt));
            status.audioOutput(true);
            boolean windowClosed = !time.serverNow().isBefore(endsAt);
            if (scheduled.isCancelled() || (scheduled.shouldStop() && scheduled.preemptedBy() == null)) {
                String why = scheduled.cancelledBy() != null ? scheduled.cancelledBy() : "the agent shut down";
                status.finish(scheduled, EventType.FAILED, "relay stopped before the end of its window: " + why);
            } else if (result.outcome() == AudioPlayer.Outcome.STOPPED
                    && scheduled.preemptedBy() != null
                    && !windowClosed) {
                afterPreemption(scheduled, 0);
            } else if (windowClosed) {
                status.finish(scheduled, EventType.PLAYED, null);
            } else {
                status.finish(
                        scheduled,
                        EventType.FAILED,
                        "the relay stream " + entry.relay().url() + " ended before its window closed at " + endsAt);
            }
        } catch (PlaybackException e) {
            if (e.getCause() instanceof SinkException) {
                status.audioOutput(false);
            }
            status.noteError(e.getMessage());
            status.finish(scheduled, EventType.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected relay error for " + scheduled.occurrenceId(), e);
            status.finish(scheduled, EventType.FAILED, "unexpected relay error: " + e);
        }
    }

    private void afterPreemption(ScheduledEntry scheduled, long positionMillis) {
        String by = scheduled.preemptedBy();
        switch (scheduled.entry().effectivePreemptPolicy()) {
            case RESUME -> {
                LOG.info(() -> receiverId + " " + scheduled.occurrenceId() + " interrupted by " + by + " at "
                        + positionMillis + " ms; it resumes there afterwards");
                scheduled.resumeLater(positionMillis);
                stage.requeue(scheduled);
            }
            case RESTART -> {
                LOG.info(() -> receiverId + " " + scheduled.occurrenceId() + " interrupted by " + by
                        + "; it restarts afterwards");
                scheduled.resumeLater(0);
                stage.requeue(scheduled);
            }
            case DROP -> status.finish(scheduled, EventType.PREEMPTED, "pre-empted by occurrence " + by);
        }
    }

    private double gainFor(ManifestEntry entry) {
        if (entry.effectivePriority() == Priority.EMERGENCY) {
            return emergencyVolume / FULL_VOLUME;
        }
        return output.muted() ? 0.0 : output.volume() / FULL_VOLUME;
    }

    /**
     * The as-run line of a start, on both clocks: the host's clock is what lets starts on different receivers be
     * compared (docs/operations.md). Written after the clip, so that logging never delays its first sample.
     */
    private void logStart(ManifestEntry entry, Instant startedHere) {
        Duration offset = time.offset();
        LOG.info(() -> receiverId + " started " + entry.occurrenceId() + " at " + startedHere
                + " host clock, due " + entry.playAt() + " server clock, offset " + offset.toNanos() / 1000
                + " us");
    }

    private void waitUntil(Instant instant) {
        long remaining;
        while ((remaining = Duration.between(time.serverNow(), instant).toNanos()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * The cached audio if it is downloaded and still matches its SHA-256. A cached file that no longer matches is
     * deleted and fetched again; the entry comes back to the stage when it is there (or fails if it cannot be).
     */
    private Optional<Path> verifiedAudio(ScheduledEntry scheduled) {
        ManifestEntry entry = scheduled.entry();
        CompletableFuture<Path> audio = scheduled.audio();
        if (audio == null) {
            status.finish(scheduled, EventType.FAILED, "the audio was never requested");
            return Optional.empty();
        }
        if (!audio.isDone()) {
            // Still downloading at play time: play late once it is here, unless expiresAt passes first.
            LOG.warning(receiverId + " " + scheduled.occurrenceId() + ": the audio is still downloading at the play"
                    + " time " + entry.playAt() + "; it plays when it arrives, if before " + entry.expiresAt());
            audio.whenComplete((path, error) -> lane.run(() -> {
                if (!scheduled.isCancelled() && !scheduled.isFinished()) {
                    // the download may settle here before the schedule hears of it: report it before playing
                    if (error == null) {
                        status.reportDownloadedOnce(scheduled);
                    }
                    stage.offer(scheduled);
                }
            }));
            return Optional.empty();
        }
        if (audio.isCompletedExceptionally()) {
            String reason = audio.handle((path, error) -> StatusReporter.reasonOf(error))
                    .join();
            status.finish(scheduled, EventType.FAILED, reason);
            return Optional.empty();
        }
        Path file = audio.join();
        String expected = entry.audio().sha256();
        try {
            if (Sha256.matches(file, expected)) {
                return Optional.of(file);
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            status.finish(scheduled, EventType.FAILED, "cannot read the cached audio " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        status.noteError("the cached audio " + file.getFileName() + " no longer matched its sha256 "
                + Sha256.abbreviate(expected) + "; deleted, not played, fetching it again");
        if (!scheduled.reportsEvents()) {
            return Optional.empty();
        }
        CompletableFuture<Path> again = fetcher.fetch(entry.audio(), entry.expiresAt());
        scheduled.audio(again);
        again.whenComplete((path, error) -> lane.run(() -> {
            if (scheduled.isCancelled() || scheduled.isFinished()) {
                return;
            }
            if (error != null) {
                status.finish(scheduled, EventType.FAILED, StatusReporter.reasonOf(error));
            } else {
                stage.offer(scheduled);
            }
        }));
        return Optional.empty();
    }
}
