package vn.loaxa.agent.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.agent.playback.OpusDecoder;
import vn.loaxa.agent.playback.PcmFormat;
import vn.loaxa.agent.playback.PlaybackException;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.LiveReport;

/**
 * The playout rules on a scripted clock: frames arrive at set instants, the link goes down and up, and the
 * playout's waits move the clock on instead of sleeping, so every run is exact and instant. Real Opus decoding.
 */
class LivePlayoutTest {

    private static final long T0 = 1_795_678_200_000_000L;
    private static final long FRAME = 20_000;
    private static final long DELAY = 400_000;
    private static final long NETWORK = 30_000;
    private static final byte[] OPUS = vectorPacket();

    private final ScriptedTiming timing = new ScriptedTiming(T0);
    private final AtomicBoolean linkUp = new AtomicBoolean(true);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final WriteLog sink = new WriteLog(timing);
    private final List<Long> firstPlays = new ArrayList<>();
    private final OpusDecoder decoder = newDecoder();
    private LivePlayout playout = playout(T0 + 3_600_000_000L);

    @AfterEach
    void closeDecoder() {
        decoder.close();
    }

    @Test
    void shouldStartExactlyAtTheFirstFramesTimeAndPlayEveryFrameInOrder() throws Exception {
        sendAudio(0, 50);
        sendEnd(50, arrival(49) + 1);

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).isEqualTo(LivePlayout.Outcome.ENDED);
        assertThat(firstPlays).containsExactly(due(0));
        assertThat(sink.writes).hasSize(50).allMatch(w -> !w.silent());
        assertThat(sink.writes.get(0).atMicros())
                .as("the first sample on the instant")
                .isEqualTo(due(0));
        for (int i = 1; i < 50; i++) {
            assertThat(sink.writes.get(i).atMicros())
                    .as("frame %d written just ahead of its time", i)
                    .isBetween(due(i) - LivePlayout.WRITE_AHEAD_MICROS, due(i));
        }
        assertThat(playout.stats().report()).isEqualTo(new LiveReport(50, 0, 0, 1));
    }

    @Test
    void shouldPlayWithoutDecodingForASinkThatDiscardsAudio() throws Exception {
        sink.discardAudio();
        decoder.close();
        sendAudio(0, 20);
        sendEnd(20, arrival(19) + 1);

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).as("a closed decoder would have thrown").isEqualTo(LivePlayout.Outcome.ENDED);
        assertThat(sink.writes)
                .as("nothing to write to a sink that discards it")
                .isEmpty();
        assertThat(playout.stats().report()).isEqualTo(new LiveReport(20, 0, 0, 1));
    }

    @Test
    void shouldConcealAMissingFrameWithSilenceAndDropALateOne() throws Exception {
        for (long sequence = 0; sequence < 20; sequence++) {
            if (sequence == 3) {
                continue;
            }
            long arrival = sequence == 7 ? due(7) + 5_000 : arrival(sequence);
            send(audio(sequence), arrival);
        }
        sendEnd(20, arrival(19) + 1);

        play();

        assertThat(sink.writes).hasSize(20);
        assertThat(sink.writes.get(3).silent()).isTrue();
        assertThat(sink.writes.get(3).bytes()).isEqualTo(960 * PcmFormat.BYTES_PER_SAMPLE);
        assertThat(sink.writes.get(7).silent()).as("7 had not come at its time").isTrue();
        assertThat(sink.writes.stream().filter(w -> !w.silent())).hasSize(18);
        assertThat(playout.stats().report()).isEqualTo(new LiveReport(18, 1, 2, 1));
    }

    @Test
    void shouldNeverPlayASequenceTwiceNorGoBackwards() throws Exception {
        sendAudio(0, 10);
        send(audio(4), arrival(4) + 1_000);
        send(audio(2), due(5));
        sendEnd(10, arrival(9) + 1);

        play();

        assertThat(sink.writes).hasSize(10);
        assertThat(playout.stats().report().framesPlayed()).isEqualTo(10);
        assertThat(playout.stats().report().framesLate())
                .as("2 came again after it played")
                .isEqualTo(1);
    }

    @Test
    void shouldEndOnlyOnceEveryFrameBeforeTheEndFrameHadItsTurn() throws Exception {
        sendAudio(0, 30);
        sendEnd(30, arrival(10));

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).isEqualTo(LivePlayout.Outcome.ENDED);
        assertThat(sink.writes).hasSize(30).allMatch(w -> !w.silent());
    }

    @Test
    void shouldRejoinAtTheLivePointAfterTheLinkWasDownLongerThanTheIdleLimit() throws Exception {
        long downAt = arrival(50);
        long upAt = downAt + 20_000_000;
        long firstAfterUp = (upAt - T0) / FRAME;
        timing.at(downAt, () -> linkUp.set(false));
        timing.at(upAt, () -> linkUp.set(true));
        sendAudio(0, 50);
        for (long sequence = 50; sequence < firstAfterUp; sequence++) {
            send(audio(sequence), upAt); // queued by the broker while the agent was away
        }
        sendAudio(firstAfterUp, firstAfterUp + 50);
        sendEnd(firstAfterUp + 50, arrival(firstAfterUp + 49) + 1);
        long livePoint = 50;
        while (due(livePoint) <= upAt) {
            livePoint++;
        }

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).as("idle time counts only while connected").isEqualTo(LivePlayout.Outcome.ENDED);
        LiveReport report = playout.stats().report();
        assertThat(report.joins()).isEqualTo(2);
        assertThat(report.framesLate())
                .as("the queued frames whose time had passed")
                .isEqualTo(livePoint - 50);
        assertThat(report.framesPlayed()).isEqualTo(50 + firstAfterUp + 50 - livePoint);
        assertThat(report.framesLost())
                .as("nothing concealed while the link was down")
                .isZero();
        List<Write> afterRejoin =
                sink.writes.stream().filter(w -> w.atMicros() >= upAt).toList();
        assertThat(afterRejoin).allMatch(w -> !w.silent());
        assertThat(afterRejoin.get(0).atMicros())
                .as("the first frame whose time is still ahead, on its instant")
                .isEqualTo(due(livePoint));
        assertThat(firstPlays).as("PLAYING once").hasSize(1);
    }

    @Test
    void shouldRejoinAfterFramesStopWhileTheLinkStaysUp() throws Exception {
        sendAudio(0, 50);
        long resumeFrom = 50 + 250; // 5 s without frames
        sendAudio(resumeFrom, resumeFrom + 50);
        sendEnd(resumeFrom + 50, arrival(resumeFrom + 49) + 1);

        play();

        LiveReport report = playout.stats().report();
        assertThat(report.joins()).isEqualTo(2);
        assertThat(report.framesPlayed()).isEqualTo(100);
        assertThat(report.framesLost())
                .as("1 s of silence before the stream counts as lost")
                .isEqualTo(LivePlayout.STREAM_LOST_AFTER_MICROS / FRAME);
        assertThat(sink.writes.stream().filter(w -> !w.silent() && w.atMicros() > due(49)))
                .first()
                .extracting(Write::atMicros)
                .isEqualTo(due(resumeFrom));
    }

    @Test
    void shouldEndWhenNoFrameCameForFifteenSecondsWhileConnected() throws Exception {
        sendAudio(0, 10);

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).isEqualTo(LivePlayout.Outcome.IDLE);
        assertThat(timing.now)
                .isBetween(
                        arrival(9) + LivePlayout.IDLE_LIMIT_MICROS,
                        arrival(9) + LivePlayout.IDLE_LIMIT_MICROS + LivePlayout.MAX_WAIT_MICROS);
    }

    @Test
    void shouldStopAtEndsAt() throws Exception {
        playout = playout(due(20));
        sendAudio(0, 50);

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).isEqualTo(LivePlayout.Outcome.WINDOW_CLOSED);
        assertThat(sink.writes)
                .as("frames 0 to 19: the next one would be heard after endsAt")
                .hasSize(20);
    }

    @Test
    void shouldStopAtOnceWhenAsked() throws Exception {
        sendAudio(0, 100);
        long stopAt = due(30) + 3_000;
        timing.at(stopAt, () -> stop.set(true));

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).isEqualTo(LivePlayout.Outcome.STOPPED);
        assertThat(sink.writes).allMatch(w -> w.atMicros() <= stopAt);
        assertThat(timing.now).isEqualTo(stopAt);
    }

    @Test
    void shouldRejoinAtTheLivePointWhenAnInterruptedSessionResumes() throws Exception {
        sendAudio(0, 500);
        long stopAt = due(30);
        timing.at(stopAt, () -> stop.set(true));
        play();
        stop.set(false);
        long resumeAt = due(200);
        timing.advanceTo(resumeAt); // what came meanwhile is gone: the topic was left while interrupted
        sendEnd(500, arrival(499) + 1);
        long firstAfterResume = 0;
        while (arrival(firstAfterResume) <= resumeAt) {
            firstAfterResume++;
        }

        LivePlayout.Outcome outcome = play();

        assertThat(outcome).isEqualTo(LivePlayout.Outcome.ENDED);
        assertThat(playout.stats().report().joins()).isEqualTo(2);
        assertThat(sink.writes.stream().filter(w -> w.atMicros() > stopAt))
                .first()
                .extracting(Write::atMicros)
                .isEqualTo(due(firstAfterResume));
        assertThat(firstPlays).hasSize(1);
    }

    @Test
    void shouldSkipAndCutToCatchUpWhenTheOutputFallsBehind() throws Exception {
        sendAudio(0, 50);
        sendEnd(50, arrival(49) + 1);
        sink.stallAtWrite(10, 150_000);

        play();

        LiveReport report = playout.stats().report();
        long afterStall = due(10) - LivePlayout.WRITE_AHEAD_MICROS + 150_000;
        assertThat(afterStall - due(15))
                .as("the output is half a frame behind 15")
                .isEqualTo(FRAME / 2);
        assertThat(report.framesLate())
                .as("11 to 14 were a frame or more behind")
                .isEqualTo(4);
        assertThat(report.framesPlayed()).isEqualTo(46);
        assertThat(sink.writes.get(11).atMicros()).isEqualTo(afterStall);
        assertThat(sink.writes.get(11).bytes())
                .as("15 loses the half frame it is behind")
                .isEqualTo(480 * PcmFormat.BYTES_PER_SAMPLE);
        assertThat(sink.writes.get(12).bytes()).isEqualTo(960 * PcmFormat.BYTES_PER_SAMPLE);
    }

    @Test
    void shouldPlayOnTheDueTimeAgainOnceTheStartBurstIsOver() throws Exception {
        // the frames captured while the session was starting come together and are stamped 1 ms apart;
        // then the source runs in real time
        int burst = 25;
        long steadyFrom = T0 + burst * 1_000L;
        List<LiveFrame> frames = new ArrayList<>();
        for (long sequence = 0; sequence < 200; sequence++) {
            long capture = sequence < burst ? T0 + sequence * 1_000 : steadyFrom + (sequence - burst) * FRAME;
            LiveFrame frame = new LiveFrame(LiveFrame.Kind.AUDIO, sequence, capture, 960, OPUS);
            frames.add(frame);
            send(frame, Math.max(steadyFrom, capture) + NETWORK);
        }
        long lastCapture = frames.get(199).captureMicros();
        send(new LiveFrame(LiveFrame.Kind.END, 200, lastCapture + FRAME, 0, new byte[0]), lastCapture + NETWORK + 1);
        sink.playInRealTime();

        play();

        assertThat(sink.writes).hasSizeGreaterThan(150);
        for (int back = 1; back <= 150; back++) {
            Write write = sink.writes.get(sink.writes.size() - back);
            LiveFrame frame = frames.get(200 - back);
            assertThat(write.silent()).isFalse();
            assertThat(write.heardAtMicros() - (frame.captureMicros() + DELAY))
                    .as("frame %d is heard on its due time", frame.sequence())
                    .isBetween(-OutputTimeline.ALIGN_TOLERANCE_MICROS, OutputTimeline.ALIGN_TOLERANCE_MICROS);
        }
    }

    // ---- the script ----

    private LivePlayout.Outcome play() throws PlaybackException {
        return playout.play(sink, decoder, 1.0, stop::get, firstPlays::add);
    }

    private LivePlayout playout(long endsAtMicros) {
        return new LivePlayout(new FrameAuthenticator(new byte[32]), DELAY / 1000, endsAtMicros, timing, linkUp::get);
    }

    private void sendAudio(long fromSequence, long toSequence) {
        for (long sequence = fromSequence; sequence < toSequence; sequence++) {
            send(audio(sequence), arrival(sequence));
        }
    }

    private void sendEnd(long sequence, long arrival) {
        send(new LiveFrame(LiveFrame.Kind.END, sequence, capture(sequence), 0, new byte[0]), arrival);
    }

    private void send(LiveFrame frame, long arrival) {
        timing.at(arrival, () -> {
            if (linkUp.get()) {
                playout.offer(frame);
            }
        });
    }

    private static LiveFrame audio(long sequence) {
        return new LiveFrame(LiveFrame.Kind.AUDIO, sequence, capture(sequence), 960, OPUS);
    }

    private static long capture(long sequence) {
        return T0 + sequence * FRAME;
    }

    private static long arrival(long sequence) {
        return capture(sequence) + NETWORK;
    }

    private static long due(long sequence) {
        return capture(sequence) + DELAY;
    }

    private static OpusDecoder newDecoder() {
        try {
            return new OpusDecoder();
        } catch (PlaybackException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] vectorPacket() {
        try (InputStream in =
                LivePlayoutTest.class.getClassLoader().getResourceAsStream("protocol/live/frame-vector.json")) {
            JsonNode vector = Json.newMapper().readTree(in);
            return Base64.getDecoder()
                    .decode(vector.get("audio").get("opusBase64").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A clock that moves only when the playout waits: to its deadline, or to the next scripted event if that comes
     * first (which then runs, as a frame arriving on the MQTT thread would).
     */
    private static final class ScriptedTiming implements PlayoutTiming {
        private final TreeMap<Long, List<Runnable>> events = new TreeMap<>();
        long now;

        ScriptedTiming(long start) {
            this.now = start;
        }

        void at(long micros, Runnable event) {
            events.computeIfAbsent(micros, t -> new ArrayList<>()).add(event);
        }

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public void await(Condition condition, long deadlineMicros) {
            Map.Entry<Long, List<Runnable>> next = events.firstEntry();
            advanceTo(next != null && next.getKey() < deadlineMicros ? next.getKey() : deadlineMicros);
        }

        void advanceTo(long micros) {
            now = Math.max(now, micros);
            while (!events.isEmpty() && events.firstKey() <= now) {
                events.pollFirstEntry().getValue().forEach(Runnable::run);
            }
        }
    }

    private record Write(long atMicros, long heardAtMicros, int bytes, boolean silent) {}

    /**
     * Records each write with the scripted time; one write may stall the clock, as a slow sound card would. Or it
     * plays in real time, as {@code FileSink} does: a write is heard after everything before it, and returns once
     * the output holds no more than 20 ms.
     */
    private static final class WriteLog implements Sink {
        private static final long LEAD = 20_000;
        final List<Write> writes = new ArrayList<>();
        private final ScriptedTiming timing;
        private int stallAt = -1;
        private long stallMicros;
        private boolean realTime;
        private boolean discards;
        private long playedUntil;

        void discardAudio() {
            discards = true;
        }

        @Override
        public boolean discardsAudio() {
            return discards;
        }

        void playInRealTime() {
            realTime = true;
        }

        WriteLog(ScriptedTiming timing) {
            this.timing = timing;
        }

        void stallAtWrite(int index, long micros) {
            stallAt = index;
            stallMicros = micros;
        }

        @Override
        public void open(PcmFormat format) {}

        @Override
        public void write(byte[] pcm, int offset, int length) {
            boolean silent = true;
            for (int i = offset; i < offset + length; i++) {
                silent &= pcm[i] == 0;
            }
            if (realTime) {
                long heardAt = Math.max(timing.now, playedUntil);
                writes.add(new Write(timing.now, heardAt, length, silent));
                playedUntil = heardAt + LiveFrame.durationMicros(length / PcmFormat.BYTES_PER_SAMPLE);
                timing.advanceTo(playedUntil - LEAD);
                return;
            }
            writes.add(new Write(timing.now, timing.now, length, silent));
            if (writes.size() - 1 == stallAt) {
                timing.advanceTo(timing.now + stallMicros);
            }
        }

        @Override
        public void drain() {}

        @Override
        public void close() {}
    }
}
