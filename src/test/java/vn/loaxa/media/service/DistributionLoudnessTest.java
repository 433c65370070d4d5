package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both distribution files, the Opus one and the MP3 fallback, meet the loudness target ± 1 LU and the true-peak
 * ceiling for signals that push the codecs apart: quiet and hot, narrowband and wideband noise-like, speech, mono and
 * stereo, at several sample rates and in several formats. The written files are measured by Debian's ffmpeg command
 * line ({@link Ebur128Cli}), not by the transcoder's own measurement.
 */
class DistributionLoudnessTest {
    private static final double LOUDNESS_TOLERANCE_LU = 1.0;
    private static final String SPEECH = "Thông báo của Ủy ban nhân dân xã: sáng mai, tám giờ, họp dân tại nhà văn hóa"
            + " thôn về phòng chống lũ quét và sạt lở đất trong mùa mưa bão.";

    private final AudioTranscoder transcoder = new AudioTranscoder();
    private final TranscodeSettings settings = TranscodeSettings.defaults();

    @TempDir
    Path dir;

    /**
     * Each source is an ffmpeg {@code lavfi} graph, or {@code speech} for espeak-ng's Vietnamese voice; the level
     * filter makes it quiet or hot; the file is written at the given rate, channel count and codec.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "quiet white noise, mono 48 kHz wav;anoisesrc=color=white:seed=1;volume=-32dB;48000;1;in.wav;-c:a pcm_s16le",
                "hot white noise, stereo 44.1 kHz flac;anoisesrc=color=white:seed=2;volume=-1dB;44100;2;in.flac;-c:a flac",
                "quiet pink noise, mono 22.05 kHz mp3;anoisesrc=color=pink:seed=3;volume=-35dB;22050;1;in.mp3;-c:a libmp3lame -b:a 64k",
                "hot pink noise, stereo 48 kHz ogg/opus;anoisesrc=color=pink:seed=4;volume=0dB;48000;2;in.ogg;-c:a libopus -b:a 64k",
                "quiet 1 kHz tone, mono 8 kHz wav;sine=frequency=1000:sample_rate=48000;volume=-25dB;8000;1;in.wav;-c:a pcm_s16le",
                "hot 3 kHz tone, stereo 44.1 kHz m4a;sine=frequency=3000:sample_rate=48000;volume=17.5dB;44100;2;in.m4a;-c:a aac -b:a 128k",
                "clicks over quiet noise, mono 48 kHz wav;aevalsrc='if(lt(mod(t,0.25),0.001),0.9,0)+0.02*(random(0)-0.5)':s=48000;volume=0dB;48000;1;in.wav;-c:a pcm_s16le",
                "quiet band-limited noise, stereo 22.05 kHz ogg/vorbis;anoisesrc=color=white:seed=5,bandpass=f=1000:width_type=h:w=600;volume=-30dB;22050;2;in.ogg;-c:a libvorbis",
                "hot band-limited noise, mono 8 kHz flac;anoisesrc=color=white:seed=6,lowpass=f=3000,highpass=f=300;volume=6dB;8000;1;in.flac;-c:a flac",
                "quiet speech, mono 22.05 kHz wav;speech;volume=-24dB;22050;1;in.wav;-c:a pcm_s16le",
                "hot speech, stereo 48 kHz mp3;speech;volume=12dB;48000;2;in.mp3;-c:a libmp3lame -b:a 128k",
                "speech, mono 8 kHz m4a;speech;volume=0dB;8000;1;in.m4a;-c:a aac -b:a 32k",
            })
    void shouldBringBothDistributionFilesToTheTargetAndUnderTheCeiling(
            String name, String source, String level, int sampleRate, int channels, String file, String codecArgs)
            throws Exception {
        Path input = writeInput(source, level, sampleRate, channels, dir.resolve(file), codecArgs);
        Path opus = dir.resolve("out.ogg");
        Path mp3 = dir.resolve("out.mp3");

        transcoder.transcode(input, opus, mp3, settings, percent -> {});

        Ebur128Cli.Figures opusFigures = Ebur128Cli.measure(opus);
        Ebur128Cli.Figures mp3Figures = Ebur128Cli.measure(mp3);
        System.out.printf(
                "%s: Opus %.1f LUFS %.1f dBTP, MP3 %.1f LUFS %.1f dBTP%n",
                name,
                opusFigures.integratedLufs(),
                opusFigures.truePeakDbtp(),
                mp3Figures.integratedLufs(),
                mp3Figures.truePeakDbtp());
        double ceiling = settings.truePeakDbtp() + AudioTranscoder.PEAK_TOLERANCE_DB;
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(opusFigures.integratedLufs())
                    .as("Opus loudness")
                    .isCloseTo(settings.targetLufs(), within(LOUDNESS_TOLERANCE_LU));
            soft.assertThat(opusFigures.truePeakDbtp()).as("Opus true peak").isLessThanOrEqualTo(ceiling);
            soft.assertThat(mp3Figures.integratedLufs())
                    .as("MP3 loudness")
                    .isCloseTo(settings.targetLufs(), within(LOUDNESS_TOLERANCE_LU));
            soft.assertThat(mp3Figures.truePeakDbtp()).as("MP3 true peak").isLessThanOrEqualTo(ceiling);
        });
    }

    private Path writeInput(String source, String level, int sampleRate, int channels, Path file, String codecArgs)
            throws Exception {
        List<String> args = new ArrayList<>();
        Path generated;
        if (source.equals("speech")) {
            generated = TestAudio.espeakWav(dir.resolve("speech.wav"), SPEECH);
        } else {
            generated = TestAudio.ffmpegSource(dir.resolve("source.wav"), source + ",atrim=duration=7");
        }
        args.addAll(List.of("-af", level + ",aresample=" + sampleRate, "-ac", String.valueOf(channels)));
        args.addAll(List.of(codecArgs.split(" ")));
        Path input = TestAudio.ffmpeg(generated, file, args.toArray(String[]::new));
        assertThat(input).isNotEmptyFile();
        return input;
    }
}
