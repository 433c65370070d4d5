package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loaxa.media.service.UndecodableMediaException.Reason;

class AudioTranscoderTest {

    /** Steady tones take loudnorm's linear mode: one exact gain, and Opus keeps a 1 kHz tone intact. */
    private static final double TONE_TOLERANCE_LU = 0.2;
    /**
     * The speech clips are peaky (true peak 18 dB above their loudness), so at −16 LUFS loudnorm must limit them and
     * 24 kbit/s Opus then drops some of their energy; the corrective encode pass brings them back within the brief's
     * ±1 LU.
     */
    private static final double SPEECH_TOLERANCE_LU = 1.0;
    /** The brief's hard ceiling; the configured loudnorm ceiling is −1.5 dBTP. */
    private static final double MAX_TRUE_PEAK_DBTP = -1.0;

    private final AudioTranscoder transcoder = new AudioTranscoder();
    private final TranscodeSettings settings = TranscodeSettings.defaults();

    @TempDir
    Path dir;

    @Test
    void shouldNormaliseQuietSineToTarget() throws Exception {
        TranscodeResult result = transcodeWav("quiet.wav", TestAudio.sine(5, 1000, Math.pow(10, -30 / 20.0)));

        assertThat(result.inputLoudnessLufs()).isCloseTo(-33.0, within(0.2));
        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(TONE_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldNormaliseLoudSineToTarget() throws Exception {
        TranscodeResult result = transcodeWav("loud.wav", TestAudio.sine(5, 1000, Math.pow(10, -10 / 20.0)));

        assertThat(result.inputLoudnessLufs()).isCloseTo(-13.0, within(0.2));
        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(TONE_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldNormaliseSpeechLikeSignalToTarget() throws Exception {
        TranscodeResult result = transcodeWav("speech.wav", TestAudio.speechLike(5, 42, 0.1));

        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(SPEECH_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldNormaliseSpokenVietnameseToTarget() throws Exception {
        Path input = TestAudio.espeakWav(
                dir.resolve("espeak.wav"),
                "Thông báo của Ủy ban nhân dân xã về phòng chống thiên tai và lũ quét trong mùa mưa bão năm nay.");

        TranscodeResult result = transcoder.transcode(input, dir.resolve("out.opus"), settings);
        print("espeak-ng vi", result);

        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(SPEECH_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldReportTheFiguresAnIndependentMeterFindsInTheWrittenFile() throws Exception {
        Path output = dir.resolve("checked.opus");
        TranscodeResult result = transcodeWav("checked.wav", TestAudio.speechLike(8, 7, 0.1), output);

        LoudnessMeter independent = TestAudio.measure(TestAudio.decode(output));
        assertThat(result.outputLoudnessLufs()).isCloseTo(independent.integratedLufs(), within(0.1));
        assertThat(result.outputTruePeakDbtp()).isCloseTo(independent.truePeakDbtp(), within(0.3));
        assertThat(result.durationMs()).isCloseTo(independent.sampleCount() * 1000 / 48_000, within(30L));
    }

    @Test
    void shouldWriteTheMp3FallbackAt64kbitsFromTheSameSignal() throws Exception {
        Path input = dir.resolve("speech.wav");
        TestAudio.writeWav(input, TestAudio.speechLike(6, 3, 0.1));
        Path opus = dir.resolve("out.opus");
        Path mp3 = dir.resolve("out.mp3");
        java.util.List<Integer> reported = new java.util.ArrayList<>();

        TranscodeResult result = transcoder.transcode(input, opus, mp3, settings, reported::add);

        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(mp3.toFile())) {
            probe.start();
            assertThat(probe.getFormat()).isEqualTo("mp3");
            assertThat(probe.getAudioChannels()).isEqualTo(1);
            assertThat(probe.getAudioBitrate()).isEqualTo(64_000);
        }
        LoudnessMeter mp3Loudness = TestAudio.measure(TestAudio.decode(mp3));
        assertThat(mp3Loudness.integratedLufs()).isCloseTo(result.outputLoudnessLufs(), within(0.5));
        assertThat(mp3Loudness.integratedLufs()).isCloseTo(-16.0, within(SPEECH_TOLERANCE_LU));
        assertThat(reported).isSorted().endsWith(100).hasSizeGreaterThan(3);
        assertThat(dir.resolve("out.mp3.part")).doesNotExist();
    }

    /** The formats people have: recorders, phones (AMR), browsers (WebM/Opus) and exports from editors. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "speech.wav;-c:a pcm_s16le",
                "speech.mp3;-c:a libmp3lame -b:a 96k",
                "speech.m4a;-c:a aac -b:a 96k",
                "speech-vorbis.ogg;-c:a libvorbis",
                "speech-opus.ogg;-c:a libopus -b:a 32k",
                "speech.flac;-c:a flac",
                "speech.webm;-c:a libopus -b:a 32k",
            })
    void shouldIngestEveryAcceptedFormat(String name, String codecArgs) throws Exception {
        Path wav = dir.resolve("source.wav");
        TestAudio.writeWav(wav, TestAudio.speechLike(4, 11, 0.1));
        Path input = TestAudio.ffmpeg(wav, dir.resolve(name), codecArgs.split(" "));

        TranscodeResult result = transcoder.transcode(input, dir.resolve("out.opus"), settings);

        assertThat(result.durationMs()).isBetween(3500L, 4100L);
        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(SPEECH_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldIngestAmrPhoneRecording() throws Exception {
        Path input = TestAudio.amrNb(dir.resolve("call.amr"), 4, 21);

        TranscodeResult result = transcoder.transcode(input, dir.resolve("out.opus"), settings);

        assertThat(result.durationMs()).isBetween(3000L, 4100L);
        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(SPEECH_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldHonourAnotherLoudnessTarget() throws Exception {
        Path input = dir.resolve("speech.wav");
        TestAudio.writeWav(input, TestAudio.speechLike(8, 5, 0.1));

        TranscodeResult result = transcoder.transcode(input, dir.resolve("out.opus"), settings.withTargetLufs(-23));
        print("speech-8s.wav at -23", result);

        assertThat(result.outputLoudnessLufs()).isCloseTo(-23.0, within(SPEECH_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldWriteOggOpusMono48kHz() throws Exception {
        Path output = dir.resolve("out.opus");
        Path input = dir.resolve("stereo44k.wav");
        TestAudio.writeWav(input, TestAudio.sine(5, 440, 0.3, 44_100), 44_100, 2);

        transcoder.transcode(input, output, settings);

        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(output.toFile())) {
            probe.start();
            assertThat(probe.getFormat()).isEqualTo("ogg");
            assertThat(probe.getAudioCodec()).isEqualTo(AV_CODEC_ID_OPUS);
            assertThat(probe.getAudioChannels()).isEqualTo(1);
            assertThat(probe.getSampleRate()).isEqualTo(48_000);
            assertThat(probe.hasVideo()).isFalse();
        }
        assertThat(output.resolveSibling("out.opus.part")).doesNotExist();
    }

    @Test
    void shouldKeepTheDurationWhenThereIsNoSilence() throws Exception {
        Path output = dir.resolve("out.opus");
        TranscodeResult result = transcodeWav("tone.wav", TestAudio.sine(5, 1000, 0.2), output);

        assertThat(result.durationMs()).isCloseTo(5000, within(100L));
        assertThat(TestAudio.decode(output).length / 48.0).isCloseTo(5000, within(100.0));
    }

    @Test
    void shouldKeepTheDurationWhenTrimmingIsOff() throws Exception {
        Path input = dir.resolve("padded.wav");
        TestAudio.writeWav(
                input, TestAudio.concat(TestAudio.silence(1), TestAudio.sine(3, 1000, 0.2), TestAudio.silence(1)));

        TranscodeResult result = transcoder.transcode(input, dir.resolve("out.opus"), settings.withTrimSilence(false));

        assertThat(result.durationMs()).isCloseTo(5000, within(100L));
    }

    @Test
    void shouldTrimLeadingAndTrailingSilenceButKeepPauses() throws Exception {
        float[] signal = TestAudio.concat(
                TestAudio.silence(1.5),
                TestAudio.sine(2, 1000, 0.2),
                TestAudio.silence(1),
                TestAudio.sine(2, 1000, 0.2),
                TestAudio.silence(2));

        TranscodeResult result = transcodeWav("padded.wav", signal);

        assertThat(result.durationMs()).isCloseTo(5000, within(100L));
    }

    @Test
    void shouldAcceptMp3() throws Exception {
        Path input = dir.resolve("speech.mp3");
        TestAudio.writeMp3(input, TestAudio.speechLike(5, 9, 0.1));

        TranscodeResult result = transcoder.transcode(input, dir.resolve("out.opus"), settings);
        print("speech.mp3", result);

        assertThat(result.outputLoudnessLufs()).isCloseTo(-16.0, within(SPEECH_TOLERANCE_LU));
        assertThat(result.outputTruePeakDbtp()).isLessThanOrEqualTo(MAX_TRUE_PEAK_DBTP);
    }

    @Test
    void shouldTreatALocalFileWhoseNameLooksLikeAUrlAsAFile() throws Exception {
        TranscodeResult result = transcodeWav("concat:a.wav|b.wav", TestAudio.sine(2, 1000, 0.2));

        assertThat(result.durationMs()).isCloseTo(2000, within(100L));
    }

    @Test
    void shouldGiveUpOnAFileThatTakesTooLongAndLeaveNothingBehind() throws Exception {
        Path input = dir.resolve("slow.wav");
        TestAudio.writeWav(input, TestAudio.speechLike(20, 3, 0.1));
        Path output = dir.resolve("slow.opus");

        assertThatThrownBy(() -> transcoder.transcode(
                        input, output, dir.resolve("slow.mp3"), settings, p -> {}, Duration.ofMillis(1)))
                .isInstanceOf(UndecodableMediaException.class)
                .satisfies(e ->
                        assertThat(((UndecodableMediaException) e).reason()).isEqualTo(Reason.TOO_SLOW))
                .hasMessageContaining("took longer than");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("slow.wav");
        }
    }

    @Test
    void shouldRejectEmptyFile() throws Exception {
        Path input = Files.createFile(dir.resolve("empty.mp3"));

        assertRejected(input, Reason.UNREADABLE, "FFmpeg could not decode the file");
    }

    @Test
    void shouldRejectTextFileNamedMp3() throws Exception {
        Path input = Files.writeString(
                dir.resolve("x.mp3"),
                "Thông báo: họp dân lúc 8 giờ sáng thứ Hai.\n".repeat(50),
                StandardCharsets.UTF_8);

        assertRejected(input, Reason.UNREADABLE, "FFmpeg could not decode the file");
    }

    @Test
    void shouldRejectTruncatedMp3() throws Exception {
        Path full = dir.resolve("full.mp3");
        TestAudio.writeMp3(full, TestAudio.sine(5, 1000, 0.2));
        Path input = Files.write(dir.resolve("truncated.mp3"), Arrays.copyOf(Files.readAllBytes(full), 3 * 1024));
        Files.delete(full);

        assertRejected(input, Reason.TOO_SHORT, "minimum");
    }

    @Test
    void shouldRejectWavHeaderWithoutData() throws Exception {
        Path full = dir.resolve("full.wav");
        TestAudio.writeWav(full, TestAudio.sine(5, 1000, 0.2));
        Path input = Files.write(dir.resolve("truncated.wav"), Arrays.copyOf(Files.readAllBytes(full), 44));
        Files.delete(full);

        assertThatThrownBy(() -> transcoder.transcode(input, dir.resolve("out.opus"), settings))
                .isInstanceOf(UndecodableMediaException.class)
                .satisfies(e -> assertThat(((UndecodableMediaException) e).reason())
                        .isIn(Reason.NO_AUDIO_DATA, Reason.UNREADABLE));
        assertOnlyInputLeft(input);
    }

    @Test
    void shouldRejectVideoOnlyFile() throws Exception {
        Path input = dir.resolve("video.mp4");
        TestAudio.writeVideoOnlyMp4(input);

        assertRejected(input, Reason.NO_AUDIO_STREAM, "the file has no audio stream");
    }

    @Test
    void shouldRejectTooShortClip() throws Exception {
        Path input = dir.resolve("short.wav");
        TestAudio.writeWav(input, TestAudio.sine(0.5, 1000, 0.2));

        assertRejected(input, Reason.TOO_SHORT, "the audio is 0.49 s long");
    }

    @Test
    void shouldNeverRoundAClipJustTooShortUpToTheMinimum() throws Exception {
        Path input = dir.resolve("almost.wav");
        TestAudio.writeWav(input, TestAudio.sine(0.998, 1000, 0.2));

        assertRejected(
                input,
                Reason.TOO_SHORT,
                "the audio is 0.99 s long without its leading and trailing silence; the minimum is 1.0 s");
    }

    @Test
    void shouldRejectClipThatIsTooShortOnceSilenceIsTrimmed() throws Exception {
        Path input = dir.resolve("mostly-silent.wav");
        TestAudio.writeWav(
                input, TestAudio.concat(TestAudio.silence(2), TestAudio.sine(0.5, 1000, 0.2), TestAudio.silence(2)));

        assertRejected(input, Reason.TOO_SHORT, "without its leading and trailing silence");
    }

    @Test
    void shouldRejectAudioLongerThanTheMaximum() throws Exception {
        Path input = dir.resolve("long.wav");
        TestAudio.writeWav(input, TestAudio.sine(5, 1000, 0.2));
        Path output = dir.resolve("out.opus");

        assertThatThrownBy(() -> transcoder.transcode(input, output, settings.withMaxDuration(Duration.ofSeconds(3))))
                .isInstanceOf(UndecodableMediaException.class)
                .hasMessageContaining("maximum")
                .extracting(e -> ((UndecodableMediaException) e).reason())
                .isEqualTo(Reason.TOO_LONG);
        assertOnlyInputLeft(input);
    }

    @Test
    void shouldRejectSilence() throws Exception {
        Path input = dir.resolve("silence.wav");
        TestAudio.writeWav(input, TestAudio.silence(5));

        assertRejected(input, Reason.SILENT, "only silence");
    }

    @Test
    void shouldRejectConcatPseudoUrlWithoutOpeningIt() {
        Path input = Path.of("concat:/etc/passwd|/etc/hosts");

        assertThatThrownBy(() -> transcoder.transcode(input, dir.resolve("out.opus"), settings))
                .isInstanceOf(UndecodableMediaException.class)
                .extracting(e -> ((UndecodableMediaException) e).reason())
                .isEqualTo(Reason.NOT_A_LOCAL_FILE);
        assertThat(dir.resolve("out.opus")).doesNotExist();
    }

    @Test
    void shouldRejectHttpUrlWithoutOpeningIt() {
        Path input = Path.of("http://127.0.0.1:1/x");

        assertThatThrownBy(() -> transcoder.transcode(input, dir.resolve("out.opus"), settings))
                .isInstanceOf(UndecodableMediaException.class)
                .hasMessageContaining("not an existing local file")
                .extracting(e -> ((UndecodableMediaException) e).reason())
                .isEqualTo(Reason.NOT_A_LOCAL_FILE);
    }

    @Test
    void shouldRejectDirectory() {
        assertThatThrownBy(() -> transcoder.transcode(dir, dir.resolve("out.opus"), settings))
                .isInstanceOf(UndecodableMediaException.class)
                .extracting(e -> ((UndecodableMediaException) e).reason())
                .isEqualTo(Reason.NOT_A_LOCAL_FILE);
    }

    @Test
    void shouldRejectPlaylistThatPointsAtOtherFiles() throws Exception {
        Path target = dir.resolve("target.wav");
        TestAudio.writeWav(target, TestAudio.sine(3, 1000, 0.2));
        Path playlist = Files.writeString(dir.resolve("upload.wav"), "ffconcat version 1.0\nfile target.wav\n");

        assertThatThrownBy(() -> transcoder.transcode(playlist, dir.resolve("out.opus"), settings))
                .isInstanceOf(UndecodableMediaException.class)
                .extracting(e -> ((UndecodableMediaException) e).reason())
                .isEqualTo(Reason.UNREADABLE);
        assertThat(dir.resolve("out.opus")).doesNotExist();
    }

    private TranscodeResult transcodeWav(String name, float[] samples) throws Exception {
        return transcodeWav(name, samples, dir.resolve(name + ".opus"));
    }

    private TranscodeResult transcodeWav(String name, float[] samples, Path output) throws Exception {
        Path input = dir.resolve(name);
        TestAudio.writeWav(input, samples);
        TranscodeResult result = transcoder.transcode(input, output, settings);
        print(name, result);
        return result;
    }

    private static void print(String name, TranscodeResult result) {
        System.out.printf(
                "%s: input %.2f LUFS -> output %.2f LUFS, true peak %.2f dBTP, %d ms%n",
                name,
                result.inputLoudnessLufs(),
                result.outputLoudnessLufs(),
                result.outputTruePeakDbtp(),
                result.durationMs());
    }

    private void assertRejected(Path input, Reason reason, String messagePart) {
        Path output = dir.resolve("out.opus");
        assertThatThrownBy(() -> transcoder.transcode(input, output, settings))
                .isInstanceOf(UndecodableMediaException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> System.out.println(input.getFileName() + " rejected: " + e.getMessage()))
                .extracting(e -> ((UndecodableMediaException) e).reason())
                .isEqualTo(reason);
        assertOnlyInputLeft(input);
    }

    private void assertOnlyInputLeft(Path input) {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(input);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
