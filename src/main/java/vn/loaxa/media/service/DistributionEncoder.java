package vn.loaxa.media.service;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * The normalise-and-encode pass: decodes the upload once, runs it through one gain plan's filter graph and encodes
 * the result into each file asked for, the encoders in parallel ({@link ParallelRecorders}).
 */
final class DistributionEncoder {

    private DistributionEncoder() {}

    /** Writes each of {@code files} (in order; the first encodes on this thread) from {@code plan}'s signal. */
    static void encode(
            Path source,
            InputAnalysis analysis,
            GainPlan plan,
            Map<OutputFormat, Path> files,
            TranscodeSettings settings,
            TranscodeProgress progress) {
        long endSample = analysis.end();
        try (FFmpegFrameGrabber grabber = AudioInput.open(source);
                FFmpegFrameFilter filter = R128Meter.filter(plan.filterGraph(analysis));
                ParallelRecorders recorders = new ParallelRecorders()) {
            files.forEach((format, file) -> recorders.add(format.recorder(file, settings)));
            recorders.start();

            long pushed = 0;
            Frame frame;
            // atrim refuses input once it has passed end_sample
            while (pushed < endSample && (frame = grabber.grabSamples()) != null) {
                progress.checkDeadline();
                if (frame.samples != null) {
                    pushed += frame.samples[0].remaining();
                    filter.push(frame);
                    drain(filter, recorders);
                    progress.fraction(
                            TranscodeProgress.GAIN_SEARCH_END,
                            TranscodeProgress.ENCODE_END,
                            (double) pushed / endSample);
                }
            }
            filter.push(null);
            drain(filter, recorders);
            recorders.stop();
        } catch (FrameGrabber.Exception e) {
            throw AudioInput.unreadable(e);
        } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg failed to normalise or encode the audio: " + e.getMessage(), e);
        }
    }

    private static void drain(FFmpegFrameFilter filter, ParallelRecorders recorders)
            throws FrameFilter.Exception, FrameRecorder.Exception {
        Frame filtered;
        while ((filtered = filter.pull()) != null) {
            recorders.record(filtered);
        }
    }
}
