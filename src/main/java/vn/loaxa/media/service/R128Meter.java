package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Measures audio files with FFmpeg's {@code ebur128} filter ({@link R128Readout}): an encoded file as listeners will
 * hear it, or an upload passed through the normalisation filter graph without encoding it.
 */
final class R128Meter {

    private R128Meter() {}

    /**
     * Measures each written file, the first on this thread and every further one on a thread of its own, so that the
     * MP3 fallback's measurement costs no extra wall time on a multi-core machine.
     */
    static List<R128Readout> measureWritten(List<Path> encoded, TranscodeProgress progress) {
        if (encoded.size() == 1) {
            return List.of(measureWritten(encoded.get(0), progress));
        }
        ExecutorService helpers = Executors.newFixedThreadPool(encoded.size() - 1, r -> new Thread(r, "loaxa-measure"));
        try {
            List<Future<R128Readout>> others = new ArrayList<>();
            for (Path file : encoded.subList(1, encoded.size())) {
                others.add(helpers.submit(() -> measureWritten(file, progress)));
            }
            List<R128Readout> readouts = new ArrayList<>(List.of(measureWritten(encoded.get(0), progress)));
            for (Future<R128Readout> other : others) {
                readouts.add(result(other));
            }
            return readouts;
        } finally {
            helpers.shutdown();
            awaitQuietly(helpers);
        }
    }

    /** The integrated loudness and true peak of a written file, decoded again. */
    static R128Readout measureWritten(Path encoded, TranscodeProgress progress) {
        R128Readout loudness = new R128Readout();
        try (FFmpegFrameGrabber grabber = AudioInput.open(encoded);
                FFmpegFrameFilter meter = filter(R128Readout.LOUDNESS_AND_TRUE_PEAK)) {
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                progress.checkDeadline();
                if (frame.samples != null) {
                    meter.push(frame);
                    drain(meter, loudness);
                }
            }
            meter.push(null);
            drain(meter, loudness);
        } catch (FrameGrabber.Exception | FrameFilter.Exception e) {
            throw new IllegalStateException(
                    "cannot decode the file just written (" + encoded.getFileName() + "): " + e.getMessage(), e);
        }
        return loudness;
    }

    /**
     * The integrated loudness of the upload after {@code filterGraph}, up to {@code endSample}; a filter-only pass, a
     * tenth of an encode's cost.
     */
    static double measureFiltered(Path source, String filterGraph, long endSample, TranscodeProgress progress) {
        R128Readout loudness = new R128Readout();
        try (FFmpegFrameGrabber grabber = AudioInput.open(source);
                FFmpegFrameFilter filter = filter(filterGraph + "," + R128Readout.LOUDNESS)) {
            long pushed = 0;
            Frame frame;
            // atrim refuses input once it has passed end_sample
            while (pushed < endSample && (frame = grabber.grabSamples()) != null) {
                progress.checkDeadline();
                if (frame.samples != null) {
                    pushed += frame.samples[0].remaining();
                    filter.push(frame);
                    drain(filter, loudness);
                }
            }
            filter.push(null);
            drain(filter, loudness);
        } catch (FrameGrabber.Exception e) {
            throw AudioInput.unreadable(e);
        } catch (FrameFilter.Exception e) {
            throw new IllegalStateException("FFmpeg failed to normalise the audio: " + e.getMessage(), e);
        }
        return loudness.integratedLufs();
    }

    private static R128Readout result(Future<R128Readout> measurement) {
        try {
            return measurement.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the written files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException("cannot measure a written file: " + e.getCause(), e.getCause());
        }
    }

    /** A measurement left running after another failed ends on its own; the files it reads are kept open until then. */
    private static void awaitQuietly(ExecutorService helpers) {
        try {
            helpers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A started filter graph over mono 48 kHz float, as {@link AudioInput} decodes. */
    static FFmpegFrameFilter filter(String graph) throws FrameFilter.Exception {
        FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, AudioInput.CHANNELS);
        filter.setSampleRate(AudioInput.SAMPLE_RATE);
        filter.setSampleFormat(AV_SAMPLE_FMT_FLT);
        filter.start();
        return filter;
    }

    static void drain(FFmpegFrameFilter meter, R128Readout loudness) throws FrameFilter.Exception {
        Frame filtered;
        while ((filtered = meter.pull()) != null) {
            loudness.read(filtered);
        }
    }
}
