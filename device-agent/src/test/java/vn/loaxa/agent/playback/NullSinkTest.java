package vn.loaxa.agent.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NullSinkTest {

    @Test
    void shouldConsumeOneSecondOfPcmInAboutOneSecond() {
        NullSink sink = new NullSink();
        PcmFormat format = PcmFormat.PLAYBACK;
        byte[] tenMillis = new byte[(int) (format.bytesPerSecond() / 100)];

        long start = System.nanoTime();
        sink.open(format);
        for (int i = 0; i < 100; i++) {
            sink.write(tenMillis, 0, tenMillis.length);
        }
        sink.drain();
        sink.close();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).isBetween(900L, 1_500L);
    }

    @Test
    void shouldNotWaitAheadOfItsBufferLead() {
        NullSink sink = new NullSink();
        byte[] fiveMillis = new byte[(int) (PcmFormat.PLAYBACK.bytesPerSecond() / 200)];

        long start = System.nanoTime();
        sink.open(PcmFormat.PLAYBACK);
        sink.write(fiveMillis, 0, fiveMillis.length);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        sink.close();

        assertThat(elapsedMillis).isLessThan(200L);
    }

    @Test
    void shouldSayItDiscardsAudioSoThatNoOneDecodesForIt() {
        assertThat(new NullSink().discardsAudio()).isTrue();
    }

    @Test
    void shouldComputeBytesPerSecond() {
        assertThat(new PcmFormat(48_000, 2).bytesPerSecond()).isEqualTo(192_000L);
        assertThat(PcmFormat.PLAYBACK.frameSize()).isEqualTo(2);
    }
}
