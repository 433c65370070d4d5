package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import vn.loaxa.media.service.UndecodableMediaException.Reason;

/**
 * Turns one uploaded local file into the distribution format: Opus mono 48 kHz in Ogg, loudness-normalised with
 * FFmpeg's {@code loudnorm}, leading and trailing silence trimmed.
 *
 * <p>The first pass decodes the upload to measure its loudness, true peak, loudness range and where the sound starts
 * and ends. The second feeds those figures to {@code loudnorm} and encodes. With them loudnorm applies one linear gain
 * whenever that keeps the true peak under the ceiling; otherwise it runs its dynamic mode with a limiter. Low-bitrate
 * Opus partly undoes that limiting (it re-synthesises noisy bands, whose peaks come back), so in dynamic mode the
 * limiter aims {@link #LIMITER_CODEC_HEADROOM_DB} below the configured ceiling. The written file is decoded again and
 * measured; the result reports what listeners will actually get.
 */
public final class AudioTranscoder {

    static final double LIMITER_CODEC_HEADROOM_DB = 1.5;

    private static final System.Logger LOG = System.getLogger(AudioTranscoder.class.getName());
    private static final int SAMPLE_RATE = LoudnessMeter.SAMPLE_RATE;
    private static final int CHANNELS = 1;
    /**
     * Demuxers FFmpeg may pick. Leaving out playlist and script formats (hls, concat, ...) keeps a local file from
     * making FFmpeg open other files.
     */
    private static final String ALLOWED_DEMUXERS = "wav,w64,mp3,ogg,flac,mov,matroska,aac,amr,asf,aiff,caf,wv,au";
    private static final Pattern FFMPEG_ERROR_CODE = Pattern.compile("error (-\\d+)");

    public TranscodeResult transcode(Path input, Path output, TranscodeSettings settings) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(settings, "settings");
        Path source = requireLocalFile(input);

        InputAnalysis analysis = analyse(source, settings);
        Path partial = output.resolveSibling(output.getFileName() + ".part");
        try {
            LoudnormTarget target = LoudnormTarget.of(analysis, settings);
            encode(source, partial, filterGraph(analysis, target, settings), analysis.end(), settings.bitrate());
            LoudnessMeter written = measure(partial);
            LOG.log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT,
                    "%s: %s, asked loudnorm for %s, wrote %.2f LUFS / %.2f dBTP", input.getFileName(), analysis,
                    target, written.integratedLufs(), written.truePeakDbtp()));
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new TranscodeResult(written.sampleCount() * 1000 / SAMPLE_RATE, analysis.integratedLufs(),
                    written.integratedLufs(), written.truePeakDbtp());
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write " + output, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Runs before FFmpeg sees anything, so pseudo-URLs such as {@code concat:a|b} or {@code http://x} never reach it. */
    private static Path requireLocalFile(Path input) {
        Path absolute = input.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new UndecodableMediaException(Reason.NOT_A_LOCAL_FILE,
                    "the upload is not an existing local file: " + input);
        }
        return absolute;
    }

    private static InputAnalysis analyse(Path source, TranscodeSettings settings) {
        long maxSamples = settings.maxDuration().toMillis() * SAMPLE_RATE / 1000;
        float threshold = (float) Math.pow(10, settings.silenceThresholdDb() / 20);
        // Fed from the first sound on when trimming, so its 100 ms blocks line up with those of the trimmed output.
        LoudnessMeter meter = new LoudnessMeter();
        long decoded = 0;
        long firstSound = -1;
        long lastSound = -1;
        try (FFmpegFrameGrabber grabber = openAudio(source)) {
            long declaredMicros = grabber.getLengthInTime();
            if (declaredMicros / 1000 > settings.maxDuration().toMillis() + 1000) {
                throw tooLong(declaredMicros / 1000, settings);
            }
            float[] chunk = new float[0];
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                FloatBuffer buffer = ((FloatBuffer) frame.samples[0]).duplicate();
                int n = buffer.remaining();
                if (chunk.length < n) {
                    chunk = new float[n];
                }
                buffer.get(chunk, 0, n);
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (Math.abs(chunk[i]) > threshold) {
                        if (firstSound < 0) {
                            firstSound = decoded + i;
                            from = settings.trimSilence() ? i : 0;
                        }
                        lastSound = decoded + i;
                    }
                }
                if (firstSound >= 0 || !settings.trimSilence()) {
                    System.arraycopy(chunk, from, chunk, 0, n - from);
                    meter.accept(chunk, n - from);
                }
                decoded += n;
                if (decoded > maxSamples) {
                    throw tooLong(decoded * 1000 / SAMPLE_RATE, settings);
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw unreadable(e);
        }

        if (decoded == 0) {
            throw new UndecodableMediaException(Reason.NO_AUDIO_DATA,
                    "the file contains no decodable audio; it may be truncated or corrupt");
        }
        if (firstSound < 0) {
            throw silent();
        }
        long start = settings.trimSilence() ? firstSound : 0;
        long end = settings.trimSilence() ? lastSound + 1 : decoded;
        long keptMs = (end - start) * 1000 / SAMPLE_RATE;
        if (keptMs < settings.minDuration().toMillis()) {
            throw new UndecodableMediaException(Reason.TOO_SHORT, String.format(Locale.ROOT,
                    "the audio is %.1f s long%s; the minimum is %.1f s", keptMs / 1000.0,
                    settings.trimSilence() ? " without its leading and trailing silence" : "",
                    settings.minDuration().toMillis() / 1000.0));
        }
        meter.discardAfter(end - start);
        if (Double.isInfinite(meter.integratedLufs())) {
            throw silent();
        }
        return new InputAnalysis(start, end, meter.integratedLufs(), meter.truePeakDbtp(),
                meter.loudnessRangeLu(), meter.relativeGateLufs());
    }

    private static void encode(Path source, Path target, String filterGraph, long endSample, int bitrate) {
        try (FFmpegFrameGrabber grabber = openAudio(source);
             FFmpegFrameFilter filter = new FFmpegFrameFilter(filterGraph, CHANNELS);
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), CHANNELS)) {
            filter.setSampleRate(SAMPLE_RATE);
            filter.setSampleFormat(AV_SAMPLE_FMT_FLT);
            filter.start();

            recorder.setFormat("ogg");
            recorder.setAudioCodec(AV_CODEC_ID_OPUS);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(CHANNELS);
            recorder.setSampleFormat(AV_SAMPLE_FMT_FLT);
            recorder.setAudioBitrate(bitrate);
            recorder.start();

            long pushed = 0;
            Frame frame;
            // atrim refuses input once it has passed end_sample
            while (pushed < endSample && (frame = grabber.grabSamples()) != null) {
                if (frame.samples != null) {
                    pushed += frame.samples[0].remaining();
                    filter.push(frame);
                    drain(filter, recorder);
                }
            }
            filter.push(null);
            drain(filter, recorder);
            recorder.stop();
        } catch (FrameGrabber.Exception e) {
            throw unreadable(e);
        } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg failed to normalise or encode the audio: " + e.getMessage(), e);
        }
    }

    private static void drain(FFmpegFrameFilter filter, FFmpegFrameRecorder recorder)
            throws FrameFilter.Exception, FrameRecorder.Exception {
        Frame filtered;
        while ((filtered = filter.pull()) != null) {
            recorder.record(filtered);
        }
    }

    /**
     * atrim cuts the silence found in the first pass; loudnorm gets the first-pass measurements; loudnorm may work at
     * 192 kHz, so aresample brings the audio back to 48 kHz.
     */
    static String filterGraph(InputAnalysis analysis, LoudnormTarget target, TranscodeSettings settings) {
        return String.format(Locale.ROOT,
                "atrim=start_sample=%d:end_sample=%d,"
                        + "loudnorm=I=%.2f:TP=%.2f:LRA=%.1f:measured_I=%.2f:measured_TP=%.2f:measured_LRA=%.2f:"
                        + "measured_thresh=%.2f:offset=0:linear=true,"
                        + "aresample=%d,aformat=sample_fmts=flt:channel_layouts=mono",
                analysis.start(), analysis.end(),
                target.integratedLufs(), target.truePeakDbtp(), settings.loudnessRangeLu(),
                clamp(analysis.integratedLufs(), -99, 0),
                clamp(analysis.truePeakDbtp(), -99, 99),
                // loudnorm reads an LRA of exactly 0 as "not measured" and then refuses linear mode
                clamp(analysis.loudnessRangeLu(), 0.01, 99),
                clamp(analysis.relativeGateLufs(), -99, 0),
                SAMPLE_RATE);
    }

    private static LoudnessMeter measure(Path encoded) {
        LoudnessMeter meter = new LoudnessMeter();
        try (FFmpegFrameGrabber grabber = openAudio(encoded)) {
            float[] chunk = new float[0];
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                FloatBuffer buffer = ((FloatBuffer) frame.samples[0]).duplicate();
                int n = buffer.remaining();
                if (chunk.length < n) {
                    chunk = new float[n];
                }
                buffer.get(chunk, 0, n);
                meter.accept(chunk, n);
            }
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("cannot decode the Opus file just written: " + e.getMessage(), e);
        }
        return meter;
    }

    /** Opens a local file, decoding its first audio stream to mono 48 kHz float. */
    private static FFmpegFrameGrabber openAudio(Path file) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("file:" + file);
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", ALLOWED_DEMUXERS);
        grabber.setAudioChannels(CHANNELS);
        grabber.setSampleRate(SAMPLE_RATE);
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw unreadable(e);
        }
        if (!grabber.hasAudio()) {
            closeQuietly(grabber);
            throw new UndecodableMediaException(Reason.NO_AUDIO_STREAM, "the file has no audio stream");
        }
        return grabber;
    }

    private static UndecodableMediaException unreadable(Exception e) {
        return new UndecodableMediaException(Reason.UNREADABLE, "FFmpeg could not decode the file: " + describe(e)
                + "; upload a common audio format such as MP3, WAV, M4A, OGG or FLAC", e);
    }

    /** FFmpeg's own wording for the error code, without the server-side path JavaCV puts in its messages. */
    private static String describe(Exception e) {
        Matcher code = FFMPEG_ERROR_CODE.matcher(String.valueOf(e.getMessage()));
        if (code.find()) {
            try (BytePointer text = new BytePointer(256)) {
                return avutil.av_make_error_string(text, 256, Integer.parseInt(code.group(1))).getString();
            } catch (NumberFormatException ignored) {
                // fall through to the generic wording
            }
        }
        return "unsupported or damaged audio";
    }

    private static UndecodableMediaException silent() {
        return new UndecodableMediaException(Reason.SILENT, "the file contains only silence");
    }

    private static UndecodableMediaException tooLong(long durationMs, TranscodeSettings settings) {
        return new UndecodableMediaException(Reason.TOO_LONG, String.format(Locale.ROOT,
                "the audio is at least %d min %02d s long; the maximum is %d min",
                durationMs / 60_000, durationMs / 1000 % 60, settings.maxDuration().toMinutes()));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // the grabber is being abandoned because of an earlier error, which is the one worth reporting
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the original failure is the one worth reporting
        }
    }

    /** First-pass figures; {@code start} and {@code end} are sample indices of the kept audio, end exclusive. */
    record InputAnalysis(long start, long end, double integratedLufs, double truePeakDbtp, double loudnessRangeLu,
                         double relativeGateLufs) {
    }

    /** What loudnorm is asked for: the settings, with codec headroom under the ceiling when it will limit. */
    record LoudnormTarget(double integratedLufs, double truePeakDbtp, boolean linear) {

        static LoudnormTarget of(InputAnalysis analysis, TranscodeSettings settings) {
            // the same test loudnorm applies before choosing its linear mode
            double peakAfterGain = analysis.truePeakDbtp() + settings.targetLufs() - analysis.integratedLufs();
            boolean linear = peakAfterGain <= settings.truePeakDbtp()
                    && analysis.loudnessRangeLu() <= settings.loudnessRangeLu();
            double ceiling = linear ? settings.truePeakDbtp()
                    : Math.max(-9, settings.truePeakDbtp() - LIMITER_CODEC_HEADROOM_DB);
            return new LoudnormTarget(settings.targetLufs(), ceiling, linear);
        }
    }
}
