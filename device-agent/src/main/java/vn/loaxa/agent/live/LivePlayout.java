package vn.loaxa.agent.live;

import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
 *   <li>Every write is placed on its due time on an {@link OutputTimeline}; output a frame or more behind skips
 *       the frame (late, or lost if it never came). So a burst of frames stamped close together, or a stalled
 *       output, never leaves the receiver behind its neighbours.
 *   <li>With nothing buffered and the link down, or after {@link #STREAM_LOST_AFTER_MICROS} of silence, the stream
 *       is lost: nothing more is concealed until frames come again, and then it rejoins.
 *   <li>It ends at the end frame (once every frame before it had its turn), at {@code endsAt}, or when no valid
 *       frame has come for {@link #IDLE_LIMIT_MICROS} while the link was up; it stops at once when asked.
 * </ul>
 *
 * One playout serves the entry for its whole life, across interruptions: what was played stays played, and the
 * counts go on. {@link #offer} is thread-safe; one run of {@link #play} at a time.
 *
 * <p>A sound card paces a playout that has a thread of its own, blocked in its writes. A sink that discards audio
 * (a simulated receiver) needs neither the thread nor the writes: its run goes step by step on a shared clock, so a
 * thousand sessions in one JVM wake one thread once per frame time instead of a thousand (docs/performance.md, P8).
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
    /** The session ends for this receiver after this long without a valid frame while the link was up. */
    static final long IDLE_LIMIT_MICROS = TimeUnit.SECONDS.toMicros(15);
    /** Silence concealed in a row, with nothing buffered, after which the stream counts as lost. */
    static final long STREAM_LOST_AFTER_MICROS = TimeUnit.SECONDS.toMicros(1);
    /** Frames kept waiting at most (20 s of 20 ms frames); more are dropped. */
    static final int MAX_BUFFERED = 1_000;
    /**
     * The longest wait for a frame that has not come, so that the link state and the idle limit are looked at
     * often. A wait for a frame in hand needs no such bound: only a stop request could cut it short, and
     * {@link #wakeUp} brings that at once.
     */
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
    /** Wakes the run that waits: signals its thread, or steps it at once on the shared clock. */
    private Runnable wake = changed::signalAll;

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
                wake.run();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the playout look at its stop request now, rather than at its next step: whoever turns
     * {@code stopRequested} true calls it. A step comes at least once a frame, so without it a stop waits up to a
     * frame's time.
     */
    public void wakeUp() {
        lock.lock();
        try {
            wake.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Plays the session from the live point until it ends or {@code stopRequested} turns true, on this thread,
     * blocking in the sink's writes and between frames.
     *
     * @param sink          where the PCM goes; opened and closed here
     * @param decoder       the session's Opus decoder
     * @param gain          linear gain, 0 (silent) to 1 (as sent)
     * @param stopRequested polled at every step; when true playback stops (at once after {@link #wakeUp})
     * @param firstPlay     told once in the session's life, before the wait, when its first frame will be heard
     *                      (server clock, microseconds)
     * @throws PlaybackException if the output fails or a packet cannot be decoded
     */
    public Outcome play(
            Sink sink, OpusDecoder decoder, double gain, BooleanSupplier stopRequested, LongConsumer firstPlay)
            throws PlaybackException {
        return played(sink, () -> {
            Output output = new Output(sink, decoder, gain, firstPlay);
            Run run = startRun(changed::signalAll);
            while (true) {
                Step step;
                lock.lock();
                try {
                    step = decide(run, stopRequested);
                    if (step.waitsUntilMicros() > 0) {
                        awaitStep(step);
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Outcome.STOPPED;
                } finally {
                    lock.unlock();
                }
                Outcome outcome = perform(run, step, output);
                if (outcome != null) {
                    return outcome;
                }
            }
        });
    }

    /**
     * Plays the session as {@link #play(Sink, OpusDecoder, double, BooleanSupplier, LongConsumer)} does, for a sink
     * that discards audio: step by step on {@code clock}, whose one thread serves every such session in the JVM.
     * Nothing is decoded or written; the output's timeline is kept all the same, and so are the counts. This thread
     * only waits for the end, and tells {@code firstPlay}.
     */
    public Outcome play(
            ScheduledExecutorService clock, Sink sink, BooleanSupplier stopRequested, LongConsumer firstPlay)
            throws PlaybackException {
        if (!sink.discardsAudio()) {
            throw new IllegalArgumentException("a sink that plays audio paces its own thread");
        }
        return played(sink, () -> {
            ClockedRun stepper = new ClockedRun(clock, sink, stopRequested);
            clock.execute(stepper);
            return stepper.awaitOutcome(firstPlay);
        });
    }

    private interface Playing {
        Outcome run() throws PlaybackException, SinkException;
    }

    private Outcome played(Sink sink, Playing playing) throws PlaybackException {
        try {
            sink.open(PcmFormat.PLAYBACK);
            try {
                Outcome outcome = playing.run();
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

    private Run startRun(Runnable wakeRun) {
        lock.lock();
        try {
            buffer.clear();
            wake = wakeRun;
            return new Run(timing.nowMicros());
        } finally {
            lock.unlock();
        }
    }

    private void awaitStep(Step step) throws InterruptedException {
        awaitingFrames = step.awaitsFrames();
        try {
            timing.await(changed, step.waitsUntilMicros());
        } finally {
            awaitingFrames = false;
        }
    }

    /** Carries out a step that needs no lock: prepares a join, plays or conceals a frame. */
    private Outcome perform(Run run, Step step, Output output) throws PlaybackException, SinkException {
        if (step.outcome() != null) {
            return step.outcome();
        }
        if (step.joinTarget() != null) {
            // decoded before the wait, so that the first sample leaves on the instant
            run.joinPcm = output.pcmOf(step.joinTarget());
            if (!announced) {
                announced = true;
                output.firstPlay().accept(dueMicros(step.joinTarget()));
            }
        } else if (step.frame() != null) {
            byte[] pcm = run.joinPcm != null ? run.joinPcm : output.pcmOf(step.frame());
            run.joinPcm = null;
            int samples = pcm != null
                    ? pcm.length / PcmFormat.PLAYBACK.frameSize()
                    : step.frame().samples();
            output.write(run.timeline, timing.nowMicros(), dueMicros(step.frame()), samples, pcm);
            stats.played();
        } else if (step.silentSamples() > 0) {
            output.write(run.timeline, timing.nowMicros(), step.dueMicros(), step.silentSamples(), null);
        }
        return null;
    }

    /** What to do next, or until when to wait when nothing is due yet. Runs under the lock. */
    private Step decide(Run run, BooleanSupplier stopRequested) {
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

    private Step decideJoin(Run run, long now) {
        if (run.target == null) {
            dropStale(now);
            if (buffer.isEmpty()) {
                if (endSequence != NO_END) {
                    return Step.end(Outcome.ENDED);
                }
                return Step.awaitFrames(now, now + MAX_WAIT_MICROS);
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
            return Step.await(due);
        }
        buffer.remove(target.sequence());
        run.target = null;
        run.joined = true;
        stats.joined();
        played(run, target);
        return Step.play(target);
    }

    private Step decidePlaying(Run run, long now) {
        long sequence = run.nextSequence;
        if (sequence >= endSequence) {
            return Step.end(Outcome.ENDED);
        }
        LiveFrame frame = buffer.get(sequence);
        long due = frame != null ? dueMicros(frame) : run.lastDueMicros + run.frameMicros;
        if (due >= endsAtMicros) {
            return Step.end(Outcome.WINDOW_CLOSED);
        }
        if (run.timeline.heardAtMicros(now) - due >= run.frameMicros) {
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
                return Step.await(due - WRITE_AHEAD_MICROS);
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
            return Step.awaitFrames(now, due - CONCEAL_MARGIN_MICROS);
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

    private long dueMicros(LiveFrame frame) {
        return frame.captureMicros() + delayMicros;
    }

    /** Where a run's frames go. */
    private record Output(Sink sink, OpusDecoder decoder, double gain, LongConsumer firstPlay) {

        /** The frame's PCM at the run's gain; none for a sink that discards audio, which is never decoded for. */
        byte[] pcmOf(LiveFrame frame) throws PlaybackException {
            if (sink.discardsAudio()) {
                return null;
            }
            byte[] pcm = decoder.decode(frame.opus());
            Gain.apply(pcm, 0, pcm.length, gain);
            return pcm;
        }

        /** Writes {@code samples} of {@code pcm}, or of silence when it is null, placed on {@code dueMicros}. */
        void write(OutputTimeline timeline, long nowMicros, long dueMicros, int samples, byte[] pcm)
                throws SinkException {
            OutputTimeline.Placement placement = timeline.place(nowMicros, dueMicros, samples);
            if (sink.discardsAudio()) {
                return;
            }
            int frameSize = PcmFormat.PLAYBACK.frameSize();
            byte[] out = pcm;
            if (pcm == null || placement.silentSamples() > 0) {
                out = new byte[(placement.silentSamples() + samples) * frameSize];
                if (pcm != null) {
                    System.arraycopy(pcm, 0, out, placement.silentSamples() * frameSize, pcm.length);
                }
            }
            int from = placement.cutSamples() * frameSize;
            if (from < out.length) {
                sink.write(out, from, out.length - from);
            }
        }
    }

    /**
     * A run stepped on a shared clock: each wait is a task scheduled on the clock, which an awaited frame brings
     * forward. Its steps never block, so they never hold the clock's thread.
     */
    private final class ClockedRun implements Runnable {
        private final ScheduledExecutorService clock;
        private final BooleanSupplier stopRequested;
        private final CompletableFuture<Long> firstHeard = new CompletableFuture<>();
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private final Output output;
        private final Run run;
        private volatile boolean abandoned;
        // guarded by lock
        private Future<?> pending;

        ClockedRun(ScheduledExecutorService clock, Sink sink, BooleanSupplier stopRequested) {
            this.clock = clock;
            this.stopRequested = () -> abandoned || stopRequested.getAsBoolean();
            this.output = new Output(sink, null, 0, firstHeard::complete);
            this.run = startRun(this::stepNow);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Step step;
                    lock.lock();
                    try {
                        pending = null;
                        awaitingFrames = false;
                        step = decide(run, stopRequested);
                        if (step.waitsUntilMicros() > 0) {
                            awaitingFrames = step.awaitsFrames();
                            long delay = step.waitsUntilMicros() - timing.nowMicros();
                            pending = clock.schedule(this, delay, TimeUnit.MICROSECONDS);
                            return;
                        }
                    } finally {
                        lock.unlock();
                    }
                    Outcome done = perform(run, step, output);
                    if (done != null) {
                        outcome.complete(done);
                        return;
                    }
                }
            } catch (PlaybackException | SinkException | RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        }

        /** Under the lock: steps the run now instead of at the end of its wait. */
        private void stepNow() {
            if (pending != null && pending.cancel(false)) {
                pending = null;
                try {
                    clock.execute(this);
                } catch (RejectedExecutionException e) {
                    outcome.complete(Outcome.STOPPED);
                }
            }
        }

        /** Waits for the run's end on the calling thread, telling {@code firstPlay} on it as well. */
        Outcome awaitOutcome(LongConsumer firstPlay) throws PlaybackException, SinkException {
            try {
                CompletableFuture.anyOf(firstHeard, outcome).get();
                if (firstHeard.isDone()) {
                    firstPlay.accept(firstHeard.join());
                }
                return outcome.get();
            } catch (InterruptedException e) {
                abandoned = true;
                lock.lock();
                try {
                    stepNow();
                } finally {
                    lock.unlock();
                }
                Thread.currentThread().interrupt();
                return Outcome.STOPPED;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof PlaybackException playback) {
                    throw playback;
                }
                if (cause instanceof SinkException sinkFailure) {
                    throw sinkFailure;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(cause);
            }
        }
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
        final OutputTimeline timeline = new OutputTimeline();

        Run(long startMicros) {
            this.idleSinceMicros = startMicros;
        }
    }

    /** One decision: end, prepare to join at a frame, play a frame, conceal, wait, or nothing yet. */
    private record Step(
            Outcome outcome,
            LiveFrame joinTarget,
            LiveFrame frame,
            int silentSamples,
            long dueMicros,
            long waitsUntilMicros,
            boolean awaitsFrames) {
        static final Step NOTHING = new Step(null, null, null, 0, 0, 0, false);

        static Step end(Outcome outcome) {
            return new Step(outcome, null, null, 0, 0, 0, false);
        }

        static Step join(LiveFrame target) {
            return new Step(null, target, null, 0, 0, 0, false);
        }

        static Step play(LiveFrame frame) {
            return new Step(null, null, frame, 0, 0, 0, false);
        }

        static Step conceal(int samples, long dueMicros) {
            return new Step(null, null, null, samples, dueMicros, 0, false);
        }

        /** Wait until {@code deadlineMicros}, the time of a frame in hand, or until {@link #wakeUp}. */
        static Step await(long deadlineMicros) {
            return new Step(null, null, null, 0, 0, deadlineMicros, false);
        }

        /** Wait until {@code deadlineMicros} or until a frame comes, looking again after {@link #MAX_WAIT_MICROS}. */
        static Step awaitFrames(long now, long deadlineMicros) {
            return new Step(null, null, null, 0, 0, Math.min(deadlineMicros, now + MAX_WAIT_MICROS), true);
        }
    }
}
