package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessMeterTest {

    @TempDir
    Path dir;

    @Test
    void shouldMeasureFullScale997HzSineAtMinus3Lufs() {
        LoudnessMeter meter = TestAudio.measure(TestAudio.sine(10, 997, 1.0));

        assertThat(meter.integratedLufs()).isCloseTo(-3.01, within(0.1));
    }

    @Test
    void shouldMeasureMinus20DbfsSineAtMinus23Lufs() {
        LoudnessMeter meter = TestAudio.measure(TestAudio.sine(10, 997, 0.1));

        assertThat(meter.integratedLufs()).isCloseTo(-23.01, within(0.1));
        assertThat(meter.samplePeakDbfs()).isCloseTo(-20.0, within(0.01));
    }

    @Test
    void shouldGiveTheSameResultWhenFedInRandomChunks() {
        float[] signal = TestAudio.speechLike(12, 7, 0.2);
        LoudnessMeter chunked = new LoudnessMeter();
        Random random = new Random(3);
        float[] chunk = new float[5000];
        for (int position = 0; position < signal.length; ) {
            int n = Math.min(1 + random.nextInt(chunk.length), signal.length - position);
            System.arraycopy(signal, position, chunk, 0, n);
            chunked.accept(chunk, n);
            position += n;
        }
        LoudnessMeter whole = TestAudio.measure(signal);

        assertThat(chunked.sampleCount()).isEqualTo(signal.length);
        assertThat(chunked.integratedLufs()).isEqualTo(whole.integratedLufs());
        assertThat(chunked.truePeakDbtp()).isEqualTo(whole.truePeakDbtp());
    }

    @Test
    void shouldIgnoreSilenceThroughTheAbsoluteGate() {
        float[] signal = TestAudio.concat(TestAudio.silence(5), TestAudio.sine(5, 997, 0.1), TestAudio.silence(5));
        // 47 blocks lie wholly in the sine; on each side 3 blocks hold 1/4, 2/4 and 3/4 of it and pass both gates,
        // so the mean energy is 50/53 of the sine's; the 100 blocks of pure silence are gated out
        double expected = -23.01 + 10 * Math.log10(50.0 / 53.0);

        assertThat(TestAudio.measure(signal).integratedLufs()).isCloseTo(expected, within(0.02));
    }

    @Test
    void shouldIgnoreQuietPassagesThroughTheRelativeGate() {
        float[] signal = TestAudio.concat(TestAudio.sine(10, 997, 0.1), TestAudio.sine(10, 997, 0.001));
        LoudnessMeter meter = TestAudio.measure(signal);

        assertThat(meter.integratedLufs()).isCloseTo(-23.01, within(0.1));
        assertThat(meter.relativeGateLufs()).isCloseTo(-23.01 - 3.01 - 10, within(0.1));
    }

    @Test
    void shouldReportSilenceAsNegativeInfinity() {
        LoudnessMeter meter = TestAudio.measure(TestAudio.silence(3));

        assertThat(meter.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(meter.loudnessRangeLu()).isZero();
    }

    @Test
    void shouldMeasureLoudnessRangeOfTwoLevels10LuApart() {
        float[] signal = TestAudio.concat(TestAudio.sine(20, 997, 0.1), TestAudio.sine(20, 997, 0.1 / Math.sqrt(10)));

        assertThat(TestAudio.measure(signal).loudnessRangeLu()).isCloseTo(10.0, within(0.3));
    }

    @Test
    void shouldFindTheTruePeakBetweenSamples() {
        // fs/4 with a 45° phase: every sample sits at ±0.707 while the waveform peaks at 1.0
        float[] signal = new float[TestAudio.RATE];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) (0.5 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        }
        LoudnessMeter meter = TestAudio.measure(signal);

        assertThat(meter.samplePeakDbfs()).isCloseTo(-6.02 - 3.01, within(0.05));
        assertThat(meter.truePeakDbtp()).isCloseTo(-6.02, within(0.5));
    }

    @Test
    void shouldAgreeWithFfmpegEbur128OnSpeechLikeAudio() throws Exception {
        Path wav = dir.resolve("speech.wav");
        TestAudio.writeWav(wav, TestAudio.speechLike(20, 11, 0.25));
        float[] decoded = TestAudio.decode(wav);
        LoudnessMeter meter = TestAudio.measure(decoded);

        double ffmpegIntegrated = ffmpegIntegratedLufs(decoded);
        System.out.printf(
                "speech-like: LoudnessMeter I=%.2f LUFS, FFmpeg ebur128 I=%.2f LUFS%n",
                meter.integratedLufs(), ffmpegIntegrated);

        assertThat(meter.integratedLufs()).isCloseTo(ffmpegIntegrated, within(0.1));
    }

    /** Runs FFmpeg's ebur128 filter and reads its running integrated loudness from the last frame's metadata. */
    private static double ffmpegIntegratedLufs(float[] samples) throws Exception {
        double integrated = Double.NaN;
        try (FFmpegFrameFilter filter = new FFmpegFrameFilter("ebur128=metadata=1", 1)) {
            filter.setSampleRate(TestAudio.RATE);
            filter.setSampleFormat(AV_SAMPLE_FMT_FLT);
            filter.start();
            Frame frame = new Frame();
            frame.sampleRate = TestAudio.RATE;
            frame.audioChannels = 1;
            for (int position = 0; position < samples.length; position += 4800) {
                int n = Math.min(4800, samples.length - position);
                frame.samples =
                        new FloatBuffer[] {FloatBuffer.wrap(Arrays.copyOfRange(samples, position, position + n))};
                filter.push(frame);
                integrated = pullIntegrated(filter, integrated);
            }
            filter.push(null);
            integrated = pullIntegrated(filter, integrated);
        }
        return integrated;
    }

    private static double pullIntegrated(FFmpegFrameFilter filter, double latest) throws Exception {
        Frame out;
        while ((out = filter.pull()) != null) {
            AVDictionaryEntry entry = av_dict_get(((AVFrame) out.opaque).metadata(), "lavfi.r128.I", null, 0);
            if (entry != null) {
                latest = Double.parseDouble(entry.value().getString());
            }
        }
        return latest;
    }
}
