package vn.loaxa.media.service;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.media.service.UndecodableMediaException.Reason;

/**
 * The first pass over an upload: how long it is, where its sound starts and ends, and its loudness.
 *
 * @param start          first kept sample (mono 48 kHz)
 * @param end            last kept sample, exclusive
 * @param integratedLufs integrated loudness of the whole decoded upload
 */
record InputAnalysis(long start, long end, double integratedLufs) {

    /**
     * Decodes the upload once, measuring its loudness and finding the sound's bounds; refuses what cannot become a
     * bulletin (no audio, silence, too short once trimmed, too long).
     */
    static InputAnalysis of(Path source, TranscodeSettings settings, TranscodeProgress progress) {
        long maxSamples = settings.maxDuration().toMillis() * AudioInput.SAMPLE_RATE / 1000;
        float threshold = (float) Math.pow(10, settings.silenceThresholdDb() / 20);
        // Leading and trailing silence is measured too; being far under the relative gate, it does not count.
        R128Readout loudness = new R128Readout();
        long decoded = 0;
        long firstSound = -1;
        long lastSound = -1;
        try (FFmpegFrameGrabber grabber = AudioInput.open(source);
                FFmpegFrameFilter meter = R128Meter.filter(R128Readout.LOUDNESS)) {
            long declaredMicros = grabber.getLengthInTime();
            if (declaredMicros / 1000 > settings.maxDuration().toMillis() + 1000) {
                throw tooLong(declaredMicros / 1000, settings);
            }
            long declaredSamples = declaredMicros * AudioInput.SAMPLE_RATE / 1_000_000;
            float[] chunk = new float[0];
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                progress.checkDeadline();
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
                    progress.fraction(0, TranscodeProgress.ANALYSIS_END, (double) decoded / declaredSamples);
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
                R128Meter.drain(meter, loudness);
                decoded += n;
                if (decoded > maxSamples) {
                    throw tooLong(decoded * 1000 / AudioInput.SAMPLE_RATE, settings);
                }
            }
            meter.push(null);
            R128Meter.drain(meter, loudness);
        } catch (FrameGrabber.Exception e) {
            throw AudioInput.unreadable(e);
        } catch (FrameFilter.Exception e) {
            throw new IllegalStateException("FFmpeg failed to measure the audio: " + e.getMessage(), e);
        }
        return of(decoded, firstSound, lastSound, loudness.integratedLufs(), settings);
    }

    private static InputAnalysis of(
            long decoded, long firstSound, long lastSound, double integratedLufs, TranscodeSettings settings) {
        if (decoded == 0) {
            throw new UndecodableMediaException(Reason.NO_AUDIO_DATA, ErrorMessage.of("media.no-audio-data"));
        }
        if (firstSound < 0) {
            throw silent();
        }
        long start = settings.trimSilence() ? firstSound : 0;
        long end = settings.trimSilence() ? lastSound + 1 : decoded;
        long keptMs = (end - start) * 1000 / AudioInput.SAMPLE_RATE;
        if (keptMs < settings.minDuration().toMillis()) {
            throw new UndecodableMediaException(
                    Reason.TOO_SHORT,
                    ErrorMessage.of(
                            settings.trimSilence() ? "media.too-short.trimmed" : "media.too-short",
                            // rounded down, so that 0.998 s never reads as the 1.00 s it falls short of
                            Math.floor(keptMs / 10.0) / 100,
                            settings.minDuration().toMillis() / 1000.0));
        }
        if (Double.isInfinite(integratedLufs)) {
            throw silent();
        }
        return new InputAnalysis(start, end, integratedLufs);
    }

    private static UndecodableMediaException silent() {
        return new UndecodableMediaException(Reason.SILENT, ErrorMessage.of("media.silent"));
    }

    private static UndecodableMediaException tooLong(long durationMs, TranscodeSettings settings) {
        return new UndecodableMediaException(
                Reason.TOO_LONG,
                ErrorMessage.of(
                        "media.too-long",
                        durationMs / 60_000,
                        durationMs / 1000 % 60,
                        settings.maxDuration().toMinutes()));
    }
}
