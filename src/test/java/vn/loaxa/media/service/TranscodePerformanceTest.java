package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Prints how long a 10-minute upload takes; run with {@code -Dloaxa.perf=true}. Not a timed assertion. */
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class TranscodePerformanceTest {

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheTimeToTranscodeTenMinutesOfSpeechLikeAudio() throws Exception {
        Path input = dir.resolve("ten-minutes.wav");
        TestAudio.writeWav(input, TestAudio.speechLike(600, 1, 0.1));
        Path output = dir.resolve("ten-minutes.opus");
        AudioTranscoder transcoder = new AudioTranscoder();

        long started = System.nanoTime();
        TranscodeResult result = transcoder.transcode(input, output, TranscodeSettings.defaults());
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("10-minute transcode: %.1f s (%.0fx real time), %d bytes, %.2f LUFS, %.2f dBTP%n",
                seconds, 600 / seconds, output.toFile().length(), result.outputLoudnessLufs(),
                result.outputTruePeakDbtp());
        assertThat(result.durationMs()).isGreaterThan(590_000);
    }
}
