package vn.loaxa.agent.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.support.TestAudio;

class AudioPlayerTest {

    @TempDir
    static Path dir;

    private static Path tone;

    @BeforeAll
    static void createTone() throws Exception {
        tone = dir.resolve("tone.ogg");
        TestAudio.sineOggOpus(tone, 1.0);
    }

    @Test
    void shouldDecodeOggOpusTo48kHzMono16BitPcm() throws Exception {
        RecordingSink sink = new RecordingSink();

        AudioPlayer.Outcome outcome = new AudioPlayer(sink).play(tone, () -> false);

        assertThat(outcome).isEqualTo(AudioPlayer.Outcome.COMPLETED);
        assertThat(sink.opened).containsExactly(PcmFormat.PLAYBACK);
        assertThat(sink.bytes).as("one second of 48 kHz mono s16").isBetween(96_000L * 95 / 100, 96_000L * 110 / 100);
        assertThat(sink.drained).isTrue();
        assertThat(sink.closed).isTrue();
    }

    @Test
    void shouldStopWhenAsked() throws Exception {
        RecordingSink sink = new RecordingSink();

        AudioPlayer.Outcome outcome = new AudioPlayer(sink).play(tone, () -> sink.bytes > 10_000);

        assertThat(outcome).isEqualTo(AudioPlayer.Outcome.STOPPED);
        assertThat(sink.bytes).isLessThan(50_000L);
        assertThat(sink.drained).isFalse();
        assertThat(sink.closed).isTrue();
    }

    @Test
    void shouldResumeFromAPositionAndReportWhereItStopped() throws Exception {
        RecordingSink sink = new RecordingSink();
        AudioPlayer player = new AudioPlayer(sink);

        AudioPlayer.Result stopped;
        try (AudioPlayer.Clip clip = player.open(tone)) {
            stopped = clip.play(0, 1.0, () -> sink.bytes > 40_000);
        }
        long firstPart = sink.bytes;
        AudioPlayer.Result rest;
        try (AudioPlayer.Clip clip = player.open(tone)) {
            rest = clip.play(stopped.positionMillis(), 1.0, () -> false);
        }

        assertThat(stopped.outcome()).isEqualTo(AudioPlayer.Outcome.STOPPED);
        assertThat(stopped.positionMillis()).isBetween(400L, 600L);
        assertThat(rest.outcome()).isEqualTo(AudioPlayer.Outcome.COMPLETED);
        assertThat(sink.bytes)
                .as("both parts together are the clip once")
                .isBetween(96_000L * 95 / 100, 96_000L * 110 / 100 + firstPart - stopped.positionMillis() * 96);
    }

    @Test
    void shouldWriteSilenceAtZeroGain() throws Exception {
        RecordingSink sink = new RecordingSink();

        try (AudioPlayer.Clip clip = new AudioPlayer(sink).open(tone)) {
            clip.play(0, 0.0, () -> false);
        }

        assertThat(sink.bytes).isGreaterThan(90_000L);
        assertThat(sink.peak).isZero();
    }

    @Test
    void shouldFailOnAFileThatIsNotAudio() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.ogg"), "this is not an ogg file at all");

        assertThatThrownBy(() -> new AudioPlayer(new RecordingSink()).play(garbage, () -> false))
                .isInstanceOf(PlaybackException.class)
                .hasMessageContaining("garbage.ogg");
    }

    private static final class RecordingSink implements Sink {
        final List<PcmFormat> opened = new ArrayList<>();
        long bytes;
        boolean drained;
        boolean closed;

        @Override
        public void open(PcmFormat format) {
            opened.add(format);
        }

        int peak;

        @Override
        public void write(byte[] pcm, int offset, int length) {
            bytes += length;
            for (int i = offset; i + 1 < offset + length; i += 2) {
                peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
            }
        }

        @Override
        public void drain() {
            drained = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
