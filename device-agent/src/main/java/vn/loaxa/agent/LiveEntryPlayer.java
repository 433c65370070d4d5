package vn.loaxa.agent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.live.FrameAuthenticator;
import vn.loaxa.agent.live.LivePlayout;
import vn.loaxa.agent.live.PlayoutTiming;
import vn.loaxa.agent.playback.OpusDecoder;
import vn.loaxa.agent.playback.PlaybackException;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.playback.SinkException;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.LiveRef;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.store.LiveCounts;
import vn.loaxa.agent.time.ClockOffset;

/**
 * Plays the live-session entries of one agent for its {@link EntryPlayer}: takes the session's topic while it plays,
 * plays its frames through a {@link LivePlayout} (docs/protocol.md, "Live sessions") and reports how it went. Its
 * PLAYING goes out at a random moment within {@link SpreadReports#SPREAD} of the first frame's arrival.
 */
final class LiveEntryPlayer {
    private static final Logger LOG = Logger.getLogger(LiveEntryPlayer.class.getName());

    private final String receiverId;
    private final ClockOffset time;
    private final Sink sink;
    private final LiveSessions live;
    private final LiveCounts counts;
    private final StatusReporter status;
    private final ScheduledExecutorService clock;
    private final SpreadReports spread;

    LiveEntryPlayer(
            String receiverId,
            ClockOffset time,
            Sink sink,
            LiveSessions live,
            LiveCounts counts,
            StatusReporter status,
            ScheduledExecutorService clock,
            SpreadReports spread) {
        this.receiverId = receiverId;
        this.time = time;
        this.sink = sink;
        this.live = live;
        this.counts = counts;
        this.status = status;
        this.clock = clock;
        this.spread = spread;
    }

    /**
     * Plays a live session from its live point until it ends for this receiver: its end frame, {@code endsAt}, or
     * 15 s without a frame while connected. Its topic is taken only while it plays. PLAYING is reported when the
     * first frame will be heard, PLAYED with the session's counts; an interrupted session that resumes (or
     * restarts: there is nothing to rewind) joins it again at the live point.
     *
     * @param gain the entry's volume, 0 to 1
     * @return true when a higher priority interrupted it: the caller applies its {@code onPreempt}
     */
    boolean play(ScheduledEntry scheduled, boolean resuming, double gain) {
        ManifestEntry entry = scheduled.entry();
        LiveRef session = entry.live();
        if (!time.serverNow().isBefore(session.endsAt())) {
            end(scheduled, LivePlayout.Outcome.WINDOW_CLOSED);
            return false;
        }
        LivePlayout playout = scheduled.livePlayout();
        if (playout == null) {
            playout = new LivePlayout(
                    new FrameAuthenticator(session.frameKeyBytes().orElseThrow()),
                    session.delayMs(),
                    ChronoUnit.MICROS.between(Instant.EPOCH, session.endsAt()),
                    PlayoutTiming.of(time),
                    live::linkUp);
            counts.load(scheduled.occurrenceId()).ifPresent(playout.stats()::carry);
            scheduled.livePlayout(playout);
        }
        if (resuming) {
            LOG.info(() -> receiverId + " rejoins live session " + session.sessionId() + " of "
                    + scheduled.occurrenceId() + " at the live point");
        }
        live.open(session.sessionId(), playout);
        LongConsumer firstPlay = firstHeardMicros -> {
            scheduled.markStarted();
            Instant heardAt = Instant.EPOCH.plus(firstHeardMicros, ChronoUnit.MICROS);
            // once per session: after a restart the journal already has it
            spread.report(() -> status.report(scheduled, EventType.PLAYING, null, heardAt));
        };
        try {
            LivePlayout.Outcome outcome = play(playout, gain, scheduled::shouldStop, firstPlay);
            status.audioOutput(true);
            if (outcome != LivePlayout.Outcome.STOPPED) {
                end(scheduled, outcome);
            } else if (scheduled.isAgentStopping()) {
                // not FAILED: the session goes on, and the agent rejoins it when it starts again
                counts.save(scheduled.occurrenceId(), playout.stats().report());
            } else if (scheduled.isCancelled() || scheduled.preemptedBy() == null) {
                String why = scheduled.cancelledBy() != null ? scheduled.cancelledBy() : "the agent shut down";
                status.finish(scheduled, EventType.FAILED, "playback stopped before the end: " + why);
            } else {
                return true;
            }
        } catch (PlaybackException e) {
            if (e.getCause() instanceof SinkException) {
                status.audioOutput(false);
            }
            status.finish(scheduled, EventType.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected live playback error for " + scheduled.occurrenceId(), e);
            status.finish(scheduled, EventType.FAILED, "unexpected live playback error: " + e);
        } finally {
            live.close(session.sessionId(), playout);
        }
        return false;
    }

    private LivePlayout.Outcome play(
            LivePlayout playout, double gain, BooleanSupplier stopRequested, LongConsumer firstPlay)
            throws PlaybackException {
        if (sink.discardsAudio()) {
            return playout.play(clock, sink, stopRequested, firstPlay);
        }
        try (OpusDecoder decoder = new OpusDecoder()) {
            return playout.play(sink, decoder, gain, stopRequested, firstPlay);
        }
    }

    /** A session that played reports PLAYED with its counts; one that never played was missed, or never came. */
    private void end(ScheduledEntry scheduled, LivePlayout.Outcome outcome) {
        LivePlayout playout = scheduled.livePlayout();
        counts.load(scheduled.occurrenceId()).ifPresent(earlier -> {
            if (playout == null) {
                // it played before a restart, and its window closed while the agent was away
                status.finishLive(scheduled, earlier);
            }
        });
        counts.forget(scheduled.occurrenceId());
        if (scheduled.isFinished()) {
            return;
        }
        String sessionId = scheduled.entry().live().sessionId();
        if (playout != null && playout.stats().joins() > 0) {
            LOG.info(() -> receiverId + " live session " + sessionId + " ended (" + outcome + "): "
                    + playout.stats().report());
            status.finishLive(scheduled, playout.stats().report());
        } else if (outcome == LivePlayout.Outcome.IDLE) {
            status.finish(
                    scheduled,
                    EventType.FAILED,
                    "no frame of live session " + sessionId + " came for 15 s while connected to the broker");
        } else {
            status.finish(scheduled, EventType.MISSED, null);
        }
    }
}
