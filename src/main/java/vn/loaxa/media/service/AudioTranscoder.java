package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.IntConsumer;

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
 * Turns one uploaded local file into the distribution formats: Opus mono 48 kHz in Ogg and an MP3 fallback,
 * loudness-normalised (EBU R128) with leading and trailing silence trimmed.
 *
 * <p>The first pass decodes the upload to measure its loudness and where the sound starts and ends. The second applies one gain to the target, holds the peaks under the ceiling with a look-ahead limiter and encodes.
 * The written Opus file is decoded again and measured: limiting peaky speech lowers its loudness, and low-bitrate
 * Opus both drops energy and brings some peaks back, so when the result misses the target by more than
 * {@link #CORRECTION_THRESHOLD_LU} or its true peak exceeds the ceiling, the second pass runs again with the gain and
 * ceiling corrected by what was measured (at most {@link #MAX_CORRECTIONS} times). The result reports what
 * listeners will actually get. Every measurement is FFmpeg's own {@code ebur128} filter ({@link R128Readout}).
 */
public final class AudioTranscoder {

    /**
     * Low-bitrate Opus re-synthesises peaks up to about 3.6 dB above the limited signal's (measured on peaky speech at
     * 24 kbit/s), so the limiter starts that far under the true-peak ceiling: one encode pass is then usually enough.
     */
    static final double LIMITER_CODEC_HEADROOM_DB = 4.0;
    /** alimiter accepts limits down to 0.0625 (−24 dB). */
    private static final double MIN_LIMIT_DB = -24;
    /** A decoded result further than this from the target gets one more encode pass with corrected targets. */
    static final double CORRECTION_THRESHOLD_LU = 0.5;
    static final int MAX_CORRECTIONS = 3;
    /**
     * A true peak this little over the configured ceiling does not cost another encode: the default ceiling
     * (−1.5 dBTP) already keeps half a dB under the brief's −1 dBTP.
     */
    static final double PEAK_TOLERANCE_DB = 0.2;
    private static final double PEAK_CORRECTION_MARGIN_DB = 0.3;
    private static final double GAIN_STEP_FACTOR = 1.5;
    /** Filter-only passes that look for the gain before the first encode. */
    static final int MAX_REHEARSALS = 6;
    private static final double REHEARSAL_TOLERANCE_LU = 0.2;
    private static final double MIN_SLOPE = 0.2;
    private static final int ANALYSIS_SHARE = 25;
    private static final int REHEARSAL_SHARE = 35;
    private static final int ENCODE_SHARE = 95;

    private static final System.Logger LOG = System.getLogger(AudioTranscoder.class.getName());
    static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 1;
    /**
     * Demuxers FFmpeg may pick. Leaving out playlist and script formats (hls, concat, ...) keeps a local file from
     * making FFmpeg open other files.
     */
    private static final String ALLOWED_DEMUXERS = "wav,w64,mp3,ogg,flac,mov,matroska,aac,amr,asf,aiff,caf,wv,au";
    private static final Pattern FFMPEG_ERROR_CODE = Pattern.compile("error (-\\d+)");

    static {
        // FFmpeg otherwise prints every probed file and every ebur128 summary to stderr; failures reach us as codes
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    public TranscodeResult transcode(Path input, Path output, TranscodeSettings settings) {
        return transcode(input, output, null, settings, percent -> { });
    }

    /**
     * Transcodes {@code input} into Ogg/Opus at {@code opus} and, unless {@code mp3} is null, into the MP3 fallback
     * from the same normalised signal. {@code progress} hears 0–100 as the passes advance (never going back).
     * When the decoded result misses the loudness target by more than {@link #CORRECTION_THRESHOLD_LU} or its true
     * peak exceeds the ceiling, the encode pass is repeated with the gain and limiter ceiling corrected by the measured
     * error.
     */
    public TranscodeResult transcode(Path input, Path opus, Path mp3, TranscodeSettings settings,
            IntConsumer progress) {
        return transcode(input, opus, mp3, settings, progress, null);
    }

    /** The same, giving up with {@link Reason#TOO_SLOW} once processing has taken longer than {@code limit}. */
    public TranscodeResult transcode(Path input, Path opus, Path mp3, TranscodeSettings settings,
            IntConsumer progress, Duration limit) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(opus, "opus");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        Path source = requireLocalFile(input);
        Progress steps = new Progress(progress, limit);

        InputAnalysis analysis = analyse(source, settings, steps);
        Path opusPart = opus.resolveSibling(opus.getFileName() + ".part");
        Path mp3Part = mp3 == null ? null : mp3.resolveSibling(mp3.getFileName() + ".part");
        try {
            GainPlan plan = GainPlan.of(analysis, settings);
            double rehearsalTarget = settings.targetLufs();
            int rehearsals = 0;
            R128Readout written;
            int attempt = 0;
            for (; ; attempt++) {
                Rehearsal rehearsal = rehearse(source, analysis, plan, rehearsalTarget, steps);
                rehearsals += rehearsal.passes();
                plan = rehearsal.plan();
                encode(source, opusPart, mp3Part, filterGraph(analysis, plan), analysis.end(), settings,
                        steps);
                written = measure(opusPart, steps);
                double loudnessError = settings.targetLufs() - written.integratedLufs();
                double peakExcess = written.truePeakDbtp() - settings.truePeakDbtp();
                R128Readout result = written;
                GainPlan asked = plan;
                LOG.log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT,
                        "%s: %s, %s, rehearsed %.2f LUFS, wrote %.2f LUFS / %.2f dBTP", input.getFileName(),
                        analysis, asked, rehearsal.loudness(), result.integratedLufs(), result.truePeakDbtp()));
                if (attempt == MAX_CORRECTIONS || (Math.abs(loudnessError) <= CORRECTION_THRESHOLD_LU
                        && peakExcess <= PEAK_TOLERANCE_DB)) {
                    break;
                }
                // the codec shifted the loudness and brought peaks back: aim the next rehearsal off by what it did
                rehearsalTarget = settings.targetLufs() + rehearsal.loudness() - written.integratedLufs();
                plan = plan.corrected(0, peakExcess);
            }
            Files.move(opusPart, opus, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (mp3 != null) {
                Files.move(mp3Part, mp3, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            steps.report(100);
            return new TranscodeResult(written.sampleCount() * 1000 / SAMPLE_RATE, analysis.integratedLufs(),
                    written.integratedLufs(), written.truePeakDbtp(), rehearsals, attempt + 1);
        } catch (IOException e) {
            deleteQuietly(opusPart);
            deleteQuietly(mp3Part);
            throw new UncheckedIOException("cannot write " + opus, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(opusPart);
            deleteQuietly(mp3Part);
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

    private static InputAnalysis analyse(Path source, TranscodeSettings settings, Progress steps) {
        long maxSamples = settings.maxDuration().toMillis() * SAMPLE_RATE / 1000;
        float threshold = (float) Math.pow(10, settings.silenceThresholdDb() / 20);
        // Leading and trailing silence is measured too; being far under the relative gate, it does not count.
        R128Readout loudness = new R128Readout();
        long decoded = 0;
        long firstSound = -1;
        long lastSound = -1;
        try (FFmpegFrameGrabber grabber = openAudio(source);
             FFmpegFrameFilter meter = meterFilter(R128Readout.LOUDNESS)) {
            long declaredMicros = grabber.getLengthInTime();
            if (declaredMicros / 1000 > settings.maxDuration().toMillis() + 1000) {
                throw tooLong(declaredMicros / 1000, settings);
            }
            long declaredSamples = declaredMicros * SAMPLE_RATE / 1_000_000;
            float[] chunk = new float[0];
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                steps.checkDeadline();
                if (frame.samples == null) {
                    continue;
                }
                FloatBuffer buffer = ((FloatBuffer) frame.samples[0]).duplicate();
                int n = buffer.remaining();
                if (chunk.length < n) {
                    chunk = new float[n];
                }
                buffer.get(chunk, 0, n);
                if (declaredSamples > 0) {
                    steps.fraction(0, ANALYSIS_SHARE, (double) decoded / declaredSamples);
                }
                for (int i = 0; i < n; i++) {
                    if (Math.abs(chunk[i]) > threshold) {
                        if (firstSound < 0) {
                            firstSound = decoded + i;
                        }
                        lastSound = decoded + i;
                    }
                }
                meter.push(frame);
                drain(meter, loudness);
                decoded += n;
                if (decoded > maxSamples) {
                    throw tooLong(decoded * 1000 / SAMPLE_RATE, settings);
                }
            }
            meter.push(null);
            drain(meter, loudness);
        } catch (FrameGrabber.Exception e) {
            throw unreadable(e);
        } catch (FrameFilter.Exception e) {
            throw new IllegalStateException("FFmpeg failed to measure the audio: " + e.getMessage(), e);
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
        if (Double.isInfinite(loudness.integratedLufs())) {
            throw silent();
        }
        return new InputAnalysis(start, end, loudness.integratedLufs());
    }

    /**
     * Finds the gain that brings the limited signal to the target before anything is encoded: each rehearsal runs
     * only the filter graph and the loudness measurement (a tenth of an encode's cost), and the next gain comes from
     * the secant through the last two (gain, loudness) points, since under the limiter one more dB of gain adds less
     * than one LU.
     */
    private static Rehearsal rehearse(Path source, InputAnalysis analysis, GainPlan first, double targetLufs,
            Progress steps) {
        GainPlan plan = first;
        double previousGain = Double.NaN;
        double previousLoudness = Double.NaN;
        for (int pass = 1; ; pass++) {
            double loudness = filteredLoudness(source, filterGraph(analysis, plan), analysis.end(), steps);
            steps.fraction(ANALYSIS_SHARE, REHEARSAL_SHARE, (double) pass / MAX_REHEARSALS);
            double error = targetLufs - loudness;
            if (Math.abs(error) <= REHEARSAL_TOLERANCE_LU || pass == MAX_REHEARSALS) {
                return new Rehearsal(plan, pass, loudness);
            }
            double slope = Double.isNaN(previousGain) || Math.abs(plan.gainDb() - previousGain) < 1e-6
                    ? 1 / GAIN_STEP_FACTOR
                    : clamp((loudness - previousLoudness) / (plan.gainDb() - previousGain), MIN_SLOPE, 1);
            previousGain = plan.gainDb();
            previousLoudness = loudness;
            plan = new GainPlan(plan.gainDb() + error / slope, plan.ceilingDb());
        }
    }

    /** The gain a rehearsal settled on, after how many filter-only passes, and the loudness it measured. */
    private record Rehearsal(GainPlan plan, int passes, double loudness) {
    }

    private static double filteredLoudness(Path source, String filterGraph, long endSample, Progress steps) {
        R128Readout loudness = new R128Readout();
        try (FFmpegFrameGrabber grabber = openAudio(source);
             FFmpegFrameFilter filter = meterFilter(filterGraph + "," + R128Readout.LOUDNESS)) {
            long pushed = 0;
            Frame frame;
            while (pushed < endSample && (frame = grabber.grabSamples()) != null) {
                steps.checkDeadline();
                if (frame.samples != null) {
                    pushed += frame.samples[0].remaining();
                    filter.push(frame);
                    drain(filter, loudness);
                }
            }
            filter.push(null);
            drain(filter, loudness);
        } catch (FrameGrabber.Exception e) {
            throw unreadable(e);
        } catch (FrameFilter.Exception e) {
            throw new IllegalStateException("FFmpeg failed to normalise the audio: " + e.getMessage(), e);
        }
        return loudness.integratedLufs();
    }

    private static void encode(Path source, Path opus, Path mp3, String filterGraph, long endSample,
            TranscodeSettings settings, Progress steps) {
        try (FFmpegFrameGrabber grabber = openAudio(source);
             FFmpegFrameFilter filter = new FFmpegFrameFilter(filterGraph, CHANNELS);
             Recorders recorders = new Recorders()) {
            filter.setSampleRate(SAMPLE_RATE);
            filter.setSampleFormat(AV_SAMPLE_FMT_FLT);
            filter.start();

            FFmpegFrameRecorder opusRecorder = recorders.add(new FFmpegFrameRecorder(opus.toFile(), CHANNELS));
            opusRecorder.setFormat("ogg");
            opusRecorder.setAudioCodec(AV_CODEC_ID_OPUS);
            opusRecorder.setSampleFormat(AV_SAMPLE_FMT_FLT);
            opusRecorder.setAudioBitrate(settings.bitrate());
            if (mp3 != null) {
                FFmpegFrameRecorder mp3Recorder = recorders.add(new FFmpegFrameRecorder(mp3.toFile(), CHANNELS));
                mp3Recorder.setFormat("mp3");
                mp3Recorder.setAudioCodec(AV_CODEC_ID_MP3);
                mp3Recorder.setAudioBitrate(settings.mp3Bitrate());
            }
            recorders.start();

            long pushed = 0;
            Frame frame;
            // atrim refuses input once it has passed end_sample
            while (pushed < endSample && (frame = grabber.grabSamples()) != null) {
                steps.checkDeadline();
                if (frame.samples != null) {
                    pushed += frame.samples[0].remaining();
                    filter.push(frame);
                    drain(filter, recorders);
                    steps.fraction(REHEARSAL_SHARE, ENCODE_SHARE, (double) pushed / endSample);
                }
            }
            filter.push(null);
            drain(filter, recorders);
            recorders.stop();
        } catch (FrameGrabber.Exception e) {
            throw unreadable(e);
        } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg failed to normalise or encode the audio: " + e.getMessage(), e);
        }
    }

    private static void drain(FFmpegFrameFilter filter, Recorders recorders)
            throws FrameFilter.Exception, FrameRecorder.Exception {
        Frame filtered;
        while ((filtered = filter.pull()) != null) {
            recorders.record(filtered);
        }
    }

    /**
     * The distribution encoders fed from one filtered signal; closing closes them all. The first encodes on the
     * calling thread; every further one gets copies of the frames on a thread of its own, so that on a multi-core
     * machine the MP3 fallback costs no extra wall time (as in the ffmpeg command line, whose encoders run in
     * parallel too).
     */
    private static final class Recorders implements AutoCloseable {
        private static final int BACKLOG_FRAMES = 64;
        private final List<FFmpegFrameRecorder> all = new ArrayList<>();
        private final List<SideEncoder> sides = new ArrayList<>();

        FFmpegFrameRecorder add(FFmpegFrameRecorder recorder) {
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(CHANNELS);
            all.add(recorder);
            return recorder;
        }

        void start() throws FrameRecorder.Exception {
            for (FFmpegFrameRecorder recorder : all) {
                recorder.start();
            }
            for (FFmpegFrameRecorder recorder : all.subList(1, all.size())) {
                sides.add(new SideEncoder(recorder));
            }
        }

        void record(Frame frame) throws FrameRecorder.Exception {
            for (SideEncoder side : sides) {
                side.record(frame);
            }
            all.get(0).record(frame);
        }

        void stop() throws FrameRecorder.Exception {
            all.get(0).stop();
            for (SideEncoder side : sides) {
                side.finish();
            }
        }

        @Override
        public void close() throws FrameRecorder.Exception {
            sides.forEach(SideEncoder::abandon);
            FrameRecorder.Exception first = null;
            for (FFmpegFrameRecorder recorder : all) {
                try {
                    recorder.close();
                } catch (FrameRecorder.Exception e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** One encoder on its own thread, fed copies of the frames through a bounded backlog. */
    private static final class SideEncoder {
        private final FFmpegFrameRecorder recorder;
        private final ExecutorService thread;
        private final Semaphore backlog = new Semaphore(Recorders.BACKLOG_FRAMES);
        private volatile Exception failure;

        SideEncoder(FFmpegFrameRecorder recorder) {
            this.recorder = recorder;
            this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "loaxa-encode-" + recorder.getFormat()));
        }

        void record(Frame frame) throws FrameRecorder.Exception {
            rethrow();
            backlog.acquireUninterruptibly();
            Frame copy = frame.clone();
            thread.execute(() -> {
                try (copy) {
                    if (failure == null) {
                        recorder.record(copy);
                    }
                } catch (Exception e) {
                    failure = e;
                } finally {
                    backlog.release();
                }
            });
        }

        void finish() throws FrameRecorder.Exception {
            try {
                thread.submit(() -> {
                    recorder.stop();
                    return null;
                }).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FrameRecorder.Exception("interrupted while finishing " + recorder.getFormat(), e);
            } catch (ExecutionException e) {
                failure = failure == null ? (Exception) e.getCause() : failure;
            } finally {
                thread.shutdown();
            }
            rethrow();
        }

        void abandon() {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void rethrow() throws FrameRecorder.Exception {
            Exception e = failure;
            if (e instanceof FrameRecorder.Exception recorderFailure) {
                throw recorderFailure;
            }
            if (e != null) {
                throw new FrameRecorder.Exception(recorder.getFormat() + " encoder failed: " + e.getMessage(), e);
            }
        }
    }

    /** Reports whole percentages, never going back, and ignores repeats. */
    private static final class Progress {
        private final IntConsumer listener;
        private final Duration limit;
        private final long deadlineNanos;
        private int reported = -1;

        Progress(IntConsumer listener, Duration limit) {
            this.listener = listener;
            this.limit = limit;
            this.deadlineNanos = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        }

        /** Stops a file that takes far longer to decode than audio should (a damaged or crafted file). */
        void checkDeadline() {
            if (System.nanoTime() > deadlineNanos) {
                throw new UndecodableMediaException(Reason.TOO_SLOW, "processing the file took longer than "
                        + limit.toSeconds() + " s, far longer than audio of its length needs; it may be damaged or"
                        + " crafted. Export it again as WAV or MP3 and upload that");
            }
        }

        void fraction(int from, int to, double done) {
            report(from + (int) ((to - from) * Math.max(0, Math.min(1, done))));
        }

        void report(int percent) {
            if (percent > reported) {
                reported = percent;
                listener.accept(percent);
            }
        }
    }

    /**
     * atrim cuts the silence found in the first pass; volume applies the gain to the target; alimiter (with its
     * look-ahead delay compensated) holds the peaks under the ceiling; aformat hands mono float to the encoders.
     */
    static String filterGraph(InputAnalysis analysis, GainPlan plan) {
        return String.format(Locale.ROOT,
                "atrim=start_sample=%d:end_sample=%d,volume=%.3fdB,"
                        + "alimiter=limit=%.5f:attack=5:release=50:level=0:latency=1,"
                        + "aresample=%d,aformat=sample_fmts=flt:channel_layouts=mono",
                analysis.start(), analysis.end(), plan.gainDb(),
                Math.pow(10, clamp(plan.ceilingDb(), MIN_LIMIT_DB, 0) / 20), SAMPLE_RATE);
    }

    private static R128Readout measure(Path encoded, Progress steps) {
        R128Readout loudness = new R128Readout();
        try (FFmpegFrameGrabber grabber = openAudio(encoded);
             FFmpegFrameFilter meter = meterFilter(R128Readout.LOUDNESS_AND_TRUE_PEAK)) {
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                steps.checkDeadline();
                if (frame.samples != null) {
                    meter.push(frame);
                    drain(meter, loudness);
                }
            }
            meter.push(null);
            drain(meter, loudness);
        } catch (FrameGrabber.Exception | FrameFilter.Exception e) {
            throw new IllegalStateException("cannot decode the Opus file just written: " + e.getMessage(), e);
        }
        return loudness;
    }

    private static FFmpegFrameFilter meterFilter(String graph) throws FrameFilter.Exception {
        FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, CHANNELS);
        filter.setSampleRate(SAMPLE_RATE);
        filter.setSampleFormat(AV_SAMPLE_FMT_FLT);
        filter.start();
        return filter;
    }

    private static void drain(FFmpegFrameFilter meter, R128Readout loudness) throws FrameFilter.Exception {
        Frame filtered;
        while ((filtered = meter.pull()) != null) {
            loudness.read(filtered);
        }
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
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the original failure is the one worth reporting
        }
    }

    /** First-pass figures; {@code start} and {@code end} are sample indices of the kept audio, end exclusive. */
    record InputAnalysis(long start, long end, double integratedLufs) {
    }

    /**
     * The gain that brings the measured loudness to the target, and the sample-peak ceiling of the limiter, which
     * starts {@link #LIMITER_CODEC_HEADROOM_DB} under the true-peak ceiling (inter-sample peaks, and the peaks Opus
     * re-synthesises).
     */
    record GainPlan(double gainDb, double ceilingDb) {

        static GainPlan of(InputAnalysis analysis, TranscodeSettings settings) {
            return new GainPlan(settings.targetLufs() - analysis.integratedLufs(),
                    settings.truePeakDbtp() - LIMITER_CODEC_HEADROOM_DB);
        }

        /** Shifts the gain by the loudness the result missed, and the ceiling down by its excess true peak. */
        GainPlan corrected(double loudnessError, double peakExcess) {
            double ceiling = peakExcess > 0 ? ceilingDb - peakExcess - PEAK_CORRECTION_MARGIN_DB : ceilingDb;
            // while the limiter works, each dB of gain adds well under 1 LU, so the step is enlarged
            return new GainPlan(gainDb + GAIN_STEP_FACTOR * loudnessError, clamp(ceiling, MIN_LIMIT_DB, 0));
        }
    }
}
