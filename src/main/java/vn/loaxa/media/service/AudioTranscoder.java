package vn.loaxa.media.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import vn.loaxa.media.service.GainSearch.Rehearsal;
import vn.loaxa.media.service.UndecodableMediaException.Reason;

/**
 * Turns one uploaded local file into the distribution formats: Opus mono 48 kHz in Ogg and an MP3 fallback,
 * loudness-normalised (EBU R128) with leading and trailing silence trimmed.
 *
 * <p>The stages, each in a class of its own: {@link InputAnalysis} decodes the upload to measure its loudness and
 * where the sound starts and ends; {@link GainSearch} finds, in filter-only rehearsals, the gain that brings the
 * limited signal to the target; {@link DistributionEncoder} applies it, holds the peaks under the ceiling with a
 * look-ahead limiter and encodes both files in one pass. Each written file is then decoded again and measured
 * ({@link R128Meter}), and judged on its own ({@link LoudnessCorrection}): the codecs move the loudness and bring
 * peaks back, each its own way, so a file that missed the target or the ceiling is rehearsed and encoded again alone,
 * aimed off by what its codec did. The result reports what listeners of the Opus file will actually get. Every
 * measurement is FFmpeg's own {@code ebur128} filter ({@link R128Readout}).
 */
public final class AudioTranscoder {

    static final int SAMPLE_RATE = AudioInput.SAMPLE_RATE;
    /** A written file further than this from the target is encoded again with corrected targets. */
    static final double CORRECTION_THRESHOLD_LU = LoudnessCorrection.THRESHOLD_LU;
    /** A true peak this little over the configured ceiling is accepted. */
    static final double PEAK_TOLERANCE_DB = LoudnessCorrection.PEAK_TOLERANCE_DB;

    private static final System.Logger LOG = System.getLogger(AudioTranscoder.class.getName());

    public TranscodeResult transcode(Path input, Path output, TranscodeSettings settings) {
        return transcode(input, output, null, settings, percent -> {});
    }

    /**
     * Transcodes {@code input} into Ogg/Opus at {@code opus} and, unless {@code mp3} is null, into the MP3 fallback
     * from the same normalised signal. {@code progress} hears 0–100 as the passes advance (never going back).
     * When a written file misses the loudness target by more than {@link #CORRECTION_THRESHOLD_LU} or its true
     * peak exceeds the ceiling, that file is encoded again with the gain and limiter ceiling corrected by its own
     * measured error.
     */
    public TranscodeResult transcode(
            Path input, Path opus, Path mp3, TranscodeSettings settings, IntConsumer progress) {
        return transcode(input, opus, mp3, settings, progress, null);
    }

    /** The same, giving up with {@link Reason#TOO_SLOW} once processing has taken longer than {@code limit}. */
    public TranscodeResult transcode(
            Path input, Path opus, Path mp3, TranscodeSettings settings, IntConsumer progress, Duration limit) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(opus, "opus");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        Path source = AudioInput.requireLocalFile(input);
        TranscodeProgress steps = new TranscodeProgress(progress, limit);

        InputAnalysis analysis = InputAnalysis.of(source, settings, steps);
        GainPlan start = GainPlan.of(analysis, settings);
        List<Output> outputs = new ArrayList<>();
        outputs.add(new Output(OutputFormat.OPUS, opus, new LoudnessCorrection(start, settings)));
        if (mp3 != null) {
            outputs.add(new Output(OutputFormat.MP3, mp3, new LoudnessCorrection(start, settings)));
        }
        try {
            Passes passes = new Passes(source, analysis, settings, steps);
            // both files start from one rehearsal and one encode pass; only a file that missed is done again
            passes.run(outputs, start, settings.targetLufs());
            for (Output output : outputs) {
                while (!output.correction.settled()) {
                    passes.run(List.of(output), output.correction.plan(), output.correction.rehearsalTargetLufs());
                }
            }
            for (Output output : outputs) {
                Files.move(
                        output.part,
                        output.destination,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            steps.report(100);
            R128Readout written = outputs.get(0).written;
            return new TranscodeResult(
                    written.sampleCount() * 1000 / SAMPLE_RATE,
                    analysis.integratedLufs(),
                    written.integratedLufs(),
                    written.truePeakDbtp(),
                    passes.rehearsals,
                    passes.encodes);
        } catch (IOException e) {
            outputs.forEach(Output::deletePart);
            throw new UncheckedIOException("cannot write " + opus, e);
        } catch (RuntimeException | Error e) {
            outputs.forEach(Output::deletePart);
            throw e;
        }
    }

    /** One distribution file: where it goes, the partial file it is written to, and its way to the target. */
    private static final class Output {
        final OutputFormat format;
        final Path destination;
        final Path part;
        final LoudnessCorrection correction;
        R128Readout written;

        Output(OutputFormat format, Path destination, LoudnessCorrection correction) {
            this.format = format;
            this.destination = destination;
            this.part = destination.resolveSibling(destination.getFileName() + ".part");
            this.correction = correction;
        }

        void deletePart() {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // best effort: the original failure is the one worth reporting
            }
        }
    }

    /** Rehearses, encodes, measures and judges, counting the passes of one transcode. */
    private static final class Passes {
        private final Path source;
        private final InputAnalysis analysis;
        private final TranscodeSettings settings;
        private final TranscodeProgress steps;
        int rehearsals;
        int encodes;

        Passes(Path source, InputAnalysis analysis, TranscodeSettings settings, TranscodeProgress steps) {
            this.source = source;
            this.analysis = analysis;
            this.settings = settings;
            this.steps = steps;
        }

        /** One gain search from {@code from} aimed at {@code rehearsalTarget}, then one encode of {@code outputs}. */
        void run(List<Output> outputs, GainPlan from, double rehearsalTarget) {
            Rehearsal rehearsal = GainSearch.search(
                    from,
                    rehearsalTarget,
                    plan -> R128Meter.measureFiltered(source, plan.filterGraph(analysis), analysis.end(), steps),
                    pass -> steps.fraction(
                            TranscodeProgress.ANALYSIS_END,
                            TranscodeProgress.GAIN_SEARCH_END,
                            (double) pass / GainSearch.MAX_REHEARSALS));
            rehearsals += rehearsal.passes();
            Map<OutputFormat, Path> files = new EnumMap<>(OutputFormat.class);
            outputs.forEach(output -> files.put(output.format, output.part));
            DistributionEncoder.encode(source, analysis, rehearsal.plan(), files, settings, steps);
            encodes++;
            List<R128Readout> readouts = R128Meter.measureWritten(List.copyOf(files.values()), steps);
            for (int i = 0; i < outputs.size(); i++) {
                Output output = outputs.get(i);
                output.written = readouts.get(i);
                output.correction.judge(rehearsal, output.written.integratedLufs(), output.written.truePeakDbtp());
                LOG.log(
                        System.Logger.Level.DEBUG,
                        () -> String.format(
                                Locale.ROOT,
                                "%s %s: %s, %s, rehearsed %.2f LUFS, wrote %.2f LUFS / %.2f dBTP",
                                source.getFileName(),
                                output.format,
                                analysis,
                                rehearsal.plan(),
                                rehearsal.loudness(),
                                output.written.integratedLufs(),
                                output.written.truePeakDbtp()));
            }
        }
    }
}
