package vn.loaxa.agent.live;

import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import vn.loaxa.agent.playback.Gain;
import vn.loaxa.agent.playback.OpusDecoder;
import vn.loaxa.agent.playback.PcmFormat;
import vn.loaxa.agent.playback.PlaybackException;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.playback.SinkException;

/**
 * Plays one live session on this receiver: a jitter buffer of its frames, by sequence, each played at its capture
 * time plus the session's delay on the server clock (docs/protocol.md, "Playout").
 *
 * <ul>
 *   <li>Joining: the first frame whose time is still ahead starts the timeline; the playout waits precisely until
 *       that instant, so that every receiver starts in step. The same happens after the stream was lost and after
 *       an interruption: it rejoins at the live point, never behind it.
 *   <li>A frame that arrives after its time is dropped (late); one that has not come when its time comes is played
 *       as silence (lost). A sequence at or below the last one played is never played.
 *   <li>Every write is placed on its due time: the playout follows when the output will play what it is given
 *       (as a sound card does: after everything written before it, or at once if it ran dry). Output more than
 *       {@value #ALIGN_TOLERANCE_MICROS} µs behind the due time loses the samples it is behind, a whole frame when
 *       it is a frame or more behind (late, or lost if it never came); output that would start early is preceded
 *       by silence. So a burst of frames stamped close together, or a stalled output, never leaves the receiver
 *       behind its neighbours.
 *   <li>With nothing buffered and the link down, or after {@link #STREAM_LOST_AFTER_MICROS} of silence, the stream
 *       is lost: nothing more is concealed until frames come again, and then it rejoins.
 *   <li>It ends at the end frame (once every frame before it had its turn), at {@code endsAt}, or when no valid
 *       frame has come for {@link #IDLE_LIMIT_MICROS} while the link was up; it stops at once when asked.
 * </ul>
 *
 * One playout serves the entry for its whole life, across interruptions: what was played stays played, and the
 * counts go on. {@link #offer} is thread-safe; {@link #play} runs on one playback thread at a time.
 */
public final class LivePlayout {

    /** How a run of {@link #play} ended. */
    public enum Outcome {
        /** The end frame came and every frame before it had its turn. */
        ENDED,
        /** {@code endsAt} was reached. */
        WINDOW_CLOSED,
        /** No valid frame came for {@link #IDLE_LIMIT_MICROS} while the link was up. */
        IDLE,
        /** Stopped on request (pre-emption, cancellation, a command, shutdown). */
        STOPPED
    }

    /** A frame is written at most this long before its time: the output then holds about two frames. */
    static final long WRITE_AHEAD_MICROS = TimeUnit.MILLISECONDS.toMicros(40);
    /** A missing frame is concealed this long before its time, so that the output does not run dry. */
    static final long CONCEAL_MARGIN_MICROS = TimeUnit.MILLISECONDS.toMicros(10);
    /**
     * How far the output may be off a frame's due time before samples are cut or silence is added: the server's
     * stamps jitter by a few hundred microseconds, which is not worth a cut in the audio.
     */
    static final long ALIGN_TOLERANCE_MICROS = 2_000;
    /** The session ends for this receiver after this long without a valid frame while the link was up. */
    static final long IDLE_LIMIT_MICROS = TimeUnit.SECONDS.toMicros(15);
    /** Silence concealed in a row, with nothing buffered, after which the stream counts as lost. */
    static final long STREAM_LOST_AFTER_MICROS = TimeUnit.SECONDS.toMicros(1);
    /** Frames kept waiting at most (20 s of 20 ms frames); more are dropped. */
    static final int MAX_BUFFERED = 1_000;
    /** The longest single wait, so that stop requests and the link state are looked at often. */
    static final long MAX_WAIT_MICROS = TimeUnit.MILLISECONDS.toMicros(20);

    private static final long NO_END = Long.MAX_VALUE;

    private final FrameAuthenticator authenticator;
    private final long delayMicros;
    private final long endsAtMicros;
    private final PlayoutTiming timing;
    private final BooleanSupplier linkUp;
    private final LiveStats stats = new LiveStats();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private final NavigableMap<Long, LiveFrame> buffer = new TreeMap<>();
    private long lastPlayed = -1;
    private long endSequence = NO_END;
    private long lastValidFrameMicros = Long.MIN_VALUE;
    /** The playout waits for a frame to come (to join, or before concealing the next): an arrival wakes it. */
    private boolean awaitingFrames;

    private boolean announced;

    /**
     * @param authenticator checks the session's frames
     * @param delayMillis   the session's playout delay after capture
     * @param endsAtMicros  the session's latest end, server clock
     * @param timing        the server clock and how to wait on it
     * @param linkUp        whether the MQTT link is up now
     */
    public LivePlayout(
            FrameAuthenticator authenticator,
            long delayMillis,
            long endsAtMicros,
            PlayoutTiming timing,
            BooleanSupplier linkUp) {
        this.authenticator = authenticator;
        this.delayMicros = TimeUnit.MILLISECONDS.toMicros(delayMillis);
        this.endsAtMicros = endsAtMicros;
        this.timing = timing;
        this.linkUp = linkUp;
    }

    /** Checks the frames of this session. */
    public FrameAuthenticator authenticator() {
        return authenticator;
    }

    /** The session's counts so far. */
    public LiveStats stats() {
        return stats;
    }

    /**
     * A frame whose tag was checked has arrived. Never blocks for long: it runs on the MQTT thread. It wakes the
     * playout only when the playout waits for a frame; otherwise the frame waits for its time in the buffer.
     */
    public void offer(LiveFrame frame) {
        lock.lock();
        try {
            long now = timing.nowMicros();
            lastValidFrameMicros = now;
            if (frame.isEnd()) {
                endSequence = Math.min(endSequence, frame.sequence());
            } else if (frame.sequence() <= lastPlayed || dueMicros(frame) < now) {
                stats.late();
            } else if (frame.sequence() < endSequence && buffer.size() < MAX_BUFFERED) {
                buffer.putIfAbsent(frame.sequence(), frame);
            }
            // a playout that holds its next frame sleeps until that frame's time: waking it for every arrival
            // costs a thousand simulated receivers more than the two cores they share
            if (awaitingFrames || frame.isEnd()) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Plays the session from the live point until it ends or {@code stopRequested} turns true, blocking.
     *
     * @param sink          where the PCM goes; opened and closed here
     * @param decoder       the session's Opus decoder
     * @param gain          linear gain, 0 (silent) to 1 (as sent)
     * @param stopRequested polled at least every {@link #MAX_WAIT_MICROS}; when true playback stops at once
     * @param firstPlay     told once in the session's life, before the wait, when its first frame will be heard
     *                      (server clock, microseconds)
     * @throws PlaybackException if the output fails or a packet cannot be decoded
     */
    public Outcome play(
            Sink sink, OpusDecoder decoder, double gain, BooleanSupplier stopRequested, LongConsumer firstPlay)
            throws PlaybackException {
        Run run = new Run(timing.nowMicros());
        lock.lock();
        try {
            buffer.clear();
        } finally {
            lock.unlock();
        }
        try {
            sink.open(PcmFormat.PLAYBACK);
            try {
                Outcome outcome = loop(run, sink, decoder, gain, stopRequested, firstPlay);
                if (outcome != Outcome.STOPPED) {
                    sink.drain();
                }
                return outcome;
            } finally {
                sink.close();
            }
        } catch (SinkException e) {
            throw new PlaybackException(e.getMessage(), e);
        }
    }

    private Outcome loop(
            Run run, Sink sink, OpusDecoder decoder, double gain, BooleanSupplier stopRequested, LongConsumer firstPlay)
            throws PlaybackException, SinkException {
        while (true) {
            Step step;
            lock.lock();
            try {
                step = decide(run, stopRequested);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.STOPPED;
            } finally {
                lock.unlock();
            }
            if (step.outcome() != null) {
                return step.outcome();
            }
            if (step.joinTarget() != null) {
                // decoded before the wait, so that the first sample leaves on the instant
                run.joinPcm = pcmOf(sink, decoder, step.joinTarget());
                if (!announced) {
                    announced = true;
                    firstPlay.accept(dueMicros(step.joinTarget()));
                }
            } else if (step.frame() != null) {
                byte[] pcm = run.joinPcm != null ? run.joinPcm : pcmOf(sink, decoder, step.frame());
                run.joinPcm = null;
                Gain.apply(pcm, 0, pcm.length, gain);
                writeOnTime(run, sink, pcm, dueMicros(step.frame()));
                stats.played();
            } else if (step.silentSamples() > 0) {
                byte[] silence = new byte[step.silentSamples() * PcmFormat.PLAYBACK.frameSize()];
                writeOnTime(run, sink, silence, step.dueMicros());
            }
        }
    }

    /** The frame's PCM; for a sink that discards audio, silence of the frame's length instead of decoding it. */
    private static byte[] pcmOf(Sink sink, OpusDecoder decoder, LiveFrame frame) throws PlaybackException {
        return sink.discardsAudio()
                ? new byte[frame.samples() * PcmFormat.PLAYBACK.frameSize()]
                : decoder.decode(frame.opus());
    }

    /**
     * Writes {@code pcm} so that its first sample is heard at {@code dueMicros}: cuts what the output is behind,
     * puts silence before it where the output would otherwise play it early.
     */
    private void writeOnTime(Run run, Sink sink, byte[] pcm, long dueMicros) throws SinkException {
        long heardAt = heardAtMicros(run, timing.nowMicros());
        long offMicros = heardAt - dueMicros;
        byte[] out = pcm;
        int from = 0;
        if (offMicros > ALIGN_TOLERANCE_MICROS) {
            from = Math.min(pcm.length, bytesOf(offMicros));
        } else if (offMicros < -ALIGN_TOLERANCE_MICROS) {
            out = new byte[bytesOf(-offMicros) + pcm.length];
            System.arraycopy(pcm, 0, out, out.length - pcm.length, pcm.length);
        }
        if (from < out.length) {
            sink.write(out, from, out.length - from);
        }
        run.outputUntilMicros =
                heardAt + LiveFrame.durationMicros((out.length - from) / PcmFormat.PLAYBACK.frameSize());
    }

    /** When the output will play a sample written now: after what it holds, or at once if it ran dry. */
    private static long heardAtMicros(Run run, long now) {
        return Math.max(now, run.outputUntilMicros);
    }

    private static int bytesOf(long micros) {
        return (int) (micros * LiveFrame.SAMPLE_RATE / TimeUnit.SECONDS.toMicros(1)) * PcmFormat.PLAYBACK.frameSize();
    }

    /** What to do next; waits (and says so with an empty step) when nothing is due yet. Runs under the lock. */
    private Step decide(Run run, BooleanSupplier stopRequested) throws InterruptedException {
        if (stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            return Step.end(Outcome.STOPPED);
        }
        long now = timing.nowMicros();
        if (!linkUp.getAsBoolean()) {
            run.idleSinceMicros = now;
        }
        if (now >= endsAtMicros) {
            return Step.end(Outcome.WINDOW_CLOSED);
        }
        if (now - Math.max(run.idleSinceMicros, lastValidFrameMicros) >= IDLE_LIMIT_MICROS) {
            return Step.end(Outcome.IDLE);
        }
        return run.joined ? decidePlaying(run, now) : decideJoin(run, now);
    }

    private Step decideJoin(Run run, long now) throws InterruptedException {
        if (run.target == null) {
            dropStale(now);
            if (buffer.isEmpty()) {
                if (endSequence != NO_END) {
                    return Step.end(Outcome.ENDED);
                }
                awaitFrames(now, now + MAX_WAIT_MICROS);
                return Step.NOTHING;
            }
            run.target = buffer.firstEntry().getValue();
            return Step.join(run.target);
        }
        LiveFrame target = run.target;
        long due = dueMicros(target);
        if (due >= endsAtMicros) {
            return Step.end(Outcome.WINDOW_CLOSED);
        }
        if (now < due) {
            await(now, due);
            return Step.NOTHING;
        }
        buffer.remove(target.sequence());
        run.target = null;
        run.joined = true;
        stats.joined();
        played(run, target);
        return Step.play(target);
    }

    private Step decidePlaying(Run run, long now) throws InterruptedException {
        long sequence = run.nextSequence;
        if (sequence >= endSequence) {
            return Step.end(Outcome.ENDED);
        }
        LiveFrame frame = buffer.get(sequence);
        long due = frame != null ? dueMicros(frame) : run.lastDueMicros + run.frameMicros;
        if (due >= endsAtMicros) {
            return Step.end(Outcome.WINDOW_CLOSED);
        }
        if (heardAtMicros(run, now) - due >= run.frameMicros) {
            // the output is a frame or more behind: skip rather than play late
            if (frame != null) {
                buffer.remove(sequence);
                stats.late();
            } else {
                stats.lost();
            }
            passed(run, sequence, due);
            return Step.NOTHING;
        }
        if (frame != null) {
            if (now < due - WRITE_AHEAD_MICROS) {
                await(now, due - WRITE_AHEAD_MICROS);
                return Step.NOTHING;
            }
            buffer.remove(sequence);
            played(run, frame);
            return Step.play(frame);
        }
        boolean streamLost = !linkUp.getAsBoolean() || run.concealedMicros >= STREAM_LOST_AFTER_MICROS;
        if (buffer.isEmpty() && streamLost) {
            run.joined = false;
            run.concealedMicros = 0;
            return Step.NOTHING;
        }
        if (now < due - CONCEAL_MARGIN_MICROS) {
            awaitFrames(now, due - CONCEAL_MARGIN_MICROS);
            return Step.NOTHING;
        }
        stats.lost();
        passed(run, sequence, due);
        run.concealedMicros += run.frameMicros;
        return Step.conceal(run.frameSamples, due);
    }

    /** Frames whose time has passed can no longer start the timeline. */
    private void dropStale(long now) {
        while (!buffer.isEmpty() && dueMicros(buffer.firstEntry().getValue()) <= now) {
            buffer.pollFirstEntry();
            stats.late();
        }
    }

    private void played(Run run, LiveFrame frame) {
        passed(run, frame.sequence(), dueMicros(frame));
        run.frameSamples = frame.samples();
        run.frameMicros = frame.durationMicros();
        run.concealedMicros = 0;
    }

    private void passed(Run run, long sequence, long dueMicros) {
        lastPlayed = sequence;
        run.nextSequence = sequence + 1;
        run.lastDueMicros = dueMicros;
    }

    private void await(long now, long deadlineMicros) throws InterruptedException {
        timing.await(changed, Math.min(deadlineMicros, now + MAX_WAIT_MICROS));
    }

    private void awaitFrames(long now, long deadlineMicros) throws InterruptedException {
        awaitingFrames = true;
        try {
            await(now, deadlineMicros);
        } finally {
            awaitingFrames = false;
        }
    }

    private long dueMicros(LiveFrame frame) {
        return frame.captureMicros() + delayMicros;
    }

    /** The state of one run of {@link #play}: a fresh run always joins at the live point. */
    private static final class Run {
        long idleSinceMicros;
        boolean joined;
        LiveFrame target;
        byte[] joinPcm;
        long nextSequence;
        long lastDueMicros;
        int frameSamples = LiveFrame.DEFAULT_SAMPLES;
        long frameMicros = LiveFrame.durationMicros(LiveFrame.DEFAULT_SAMPLES);
        long concealedMicros;
        /** When the output will have played everything written so far; 0 before the first write. */
        long outputUntilMicros;

        Run(long startMicros) {
            this.idleSinceMicros = startMicros;
        }
    }

    /** One decision: end, prepare to join at a frame, play a frame, conceal, or nothing yet. */
    private record Step(Outcome outcome, LiveFrame joinTarget, LiveFrame frame, int silentSamples, long dueMicros) {
        static final Step NOTHING = new Step(null, null, null, 0, 0);

        static Step end(Outcome outcome) {
            return new Step(outcome, null, null, 0, 0);
        }

        static Step join(LiveFrame target) {
            return new Step(null, target, null, 0, 0);
        }

        static Step play(LiveFrame frame) {
            return new Step(null, null, frame, 0, 0);
        }

        static Step conceal(int samples, long dueMicros) {
            return new Step(null, null, null, samples, dueMicros);
        }
    }
}
