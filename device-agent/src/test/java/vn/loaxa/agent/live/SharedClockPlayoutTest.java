package vn.loaxa.agent.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.agent.playback.NullSink;
import vn.loaxa.agent.playback.PcmFormat;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.LiveReport;

/**
 * Live sessions whose sink discards audio, as a simulated fleet's are: many sessions stepped in real time on one
 * shared clock thread, each with its own counts, while their callers only wait.
 */
class SharedClockPlayoutTest {

    private static final int SESSIONS = 200;
    private static final int FRAMES = 25;
    /** 60 ms frames: a step of the clock may run up to 100 ms behind before a frame counts late. */
    private static final int SAMPLES = 2_880;

    private static final long DELAY_MS = 300;
    private static final byte[] OPUS = {1, 2, 3};

    private final ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService source = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        source.shutdownNow();
        callers.shutdownNow();
        clock.shutdownNow();
    }

    @Test
    void shouldPlayEverySessionInStepOnOneClockThread() throws Exception {
        List<LivePlayout> playouts = new ArrayList<>();
        List<Long> firstPlays = new CopyOnWriteArrayList<>();
        List<Future<LivePlayout.Outcome>> outcomes = new ArrayList<>();
        Set<LivePlayout> stepped = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < SESSIONS; i++) {
            LivePlayout playout = playout();
            playouts.add(playout);
            BooleanSupplier neverStop = () -> {
                stepped.add(playout);
                return false;
            };
            outcomes.add(callers.submit(() -> playout.play(clock, new NullSink(), neverStop, firstPlays::add)));
        }
        await().until(() -> stepped.size() == SESSIONS);
        sendFrames(playouts);

        for (Future<LivePlayout.Outcome> outcome : outcomes) {
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(LivePlayout.Outcome.ENDED);
        }
        assertThat(playouts)
                .allSatisfy(playout -> assertThat(playout.stats().report()).isEqualTo(new LiveReport(FRAMES, 0, 0, 1)));
        assertThat(firstPlays).hasSize(SESSIONS).containsOnly(firstPlays.get(0));
        assertThat(clock.getQueue()).as("nothing left on the clock").isEmpty();
    }

    @Test
    void shouldStopAtOnceWhenAsked() throws Exception {
        LivePlayout playout = playout();
        AtomicBoolean stop = new AtomicBoolean();
        Future<LivePlayout.Outcome> outcome =
                callers.submit(() -> playout.play(clock, new NullSink(), stop::get, micros -> {}));
        sendFrames(List.of(playout));
        await().until(() -> playout.stats().report().framesPlayed() > 2);

        stop.set(true);
        playout.wakeUp();

        assertThat(outcome.get(1, TimeUnit.SECONDS)).isEqualTo(LivePlayout.Outcome.STOPPED);
        assertThat(playout.stats().report().framesPlayed()).isLessThan(FRAMES);
    }

    @Test
    void shouldStopAtOnceWhenWokenWhileItWaitsToJoin() throws Exception {
        // a long delay: the first frame is due in 30 s, and the run waits for that on the clock
        LivePlayout playout = new LivePlayout(
                new FrameAuthenticator(new byte[32]),
                TimeUnit.SECONDS.toMillis(30),
                nowMicros() + TimeUnit.MINUTES.toMicros(1),
                REAL_TIME,
                () -> true);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong firstHeard = new AtomicLong();
        Future<LivePlayout.Outcome> outcome =
                callers.submit(() -> playout.play(clock, new NullSink(), stop::get, firstHeard::set));
        await().until(() -> !clock.getQueue().isEmpty());
        playout.offer(new LiveFrame(LiveFrame.Kind.AUDIO, 0, nowMicros(), SAMPLES, OPUS));
        await().until(() -> firstHeard.get() > 0);

        stop.set(true);
        playout.wakeUp();

        assertThat(outcome.get(2, TimeUnit.SECONDS)).isEqualTo(LivePlayout.Outcome.STOPPED);
        assertThat(playout.stats().report().framesPlayed()).isZero();
    }

    @Test
    void shouldStopWhenTheWaitingThreadIsInterrupted() throws Exception {
        LivePlayout playout = playout();
        Future<LivePlayout.Outcome> outcome =
                callers.submit(() -> playout.play(clock, new NullSink(), () -> false, micros -> {}));
        await().until(() -> !clock.getQueue().isEmpty());

        outcome.cancel(true);

        await().atMost(Duration.ofSeconds(1)).until(() -> clock.getQueue().isEmpty() && clock.getActiveCount() == 0);
    }

    @Test
    void shouldRefuseASinkThatPlaysAudio() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> playout().play(clock, new AudibleSink(), () -> false, micros -> {}));
    }

    private LivePlayout playout() {
        long endsAt = nowMicros() + TimeUnit.MINUTES.toMicros(1);
        return new LivePlayout(new FrameAuthenticator(new byte[32]), DELAY_MS, endsAt, REAL_TIME, () -> true);
    }

    /** Frames to every playout at their real pace, captured now, then the end. */
    private void sendFrames(List<LivePlayout> playouts) {
        AtomicLong sequence = new AtomicLong();
        long frameMicros = LiveFrame.durationMicros(SAMPLES);
        source.scheduleAtFixedRate(
                () -> {
                    long next = sequence.getAndIncrement();
                    LiveFrame frame = next < FRAMES
                            ? new LiveFrame(LiveFrame.Kind.AUDIO, next, nowMicros(), SAMPLES, OPUS)
                            : new LiveFrame(LiveFrame.Kind.END, next, nowMicros(), 0, new byte[0]);
                    playouts.forEach(playout -> playout.offer(frame));
                    if (next >= FRAMES) {
                        throw new IllegalStateException("the session has ended");
                    }
                },
                0,
                frameMicros,
                TimeUnit.MICROSECONDS);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static final PlayoutTiming REAL_TIME = new PlayoutTiming() {
        @Override
        public long nowMicros() {
            return SharedClockPlayoutTest.nowMicros();
        }

        @Override
        public void await(Condition condition, long deadlineMicros) throws InterruptedException {
            condition.awaitNanos(TimeUnit.MICROSECONDS.toNanos(deadlineMicros - nowMicros()));
        }
    };

    private static final class AudibleSink implements Sink {
        @Override
        public void open(PcmFormat format) {}

        @Override
        public void write(byte[] pcm, int offset, int length) {}

        @Override
        public void drain() {}

        @Override
        public void close() {}
    }
}
