package vn.loaxa.agent.playback;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Decodes a local audio file with JavaCV (FFmpeg) to {@link PcmFormat#PLAYBACK} and writes it to a {@link Sink}.
 * FFmpeg is restricted to the {@code file} protocol so that it never opens anything but the file it was given.
 */
public final class AudioPlayer {

    /** How a playback ended. */
    public enum Outcome {
        /** The whole clip played. */
        COMPLETED,
        /** Playback was stopped on request before the end. */
        STOPPED
    }

    /** The only FFmpeg protocol allowed: no http, concat, pipe or other pseudo-URLs. */
    static final String PROTOCOL_WHITELIST = "file";

    private final Sink sink;
    private final PcmFormat format;

    public AudioPlayer(Sink sink) {
        this(sink, PcmFormat.PLAYBACK);
    }

    public AudioPlayer(Sink sink, PcmFormat format) {
        this.sink = sink;
        this.format = format;
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /**
     * Plays the whole file, blocking until it has been played.
     *
     * @param stopRequested polled between frames; when it turns true playback stops at once
     */
    public Outcome play(Path file, BooleanSupplier stopRequested) throws PlaybackException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toAbsolutePath().toFile())) {
            grabber.setOption("protocol_whitelist", PROTOCOL_WHITELIST);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(format.sampleRate());
            grabber.setAudioChannels(format.channels());
            grabber.start();
            if (grabber.getAudioStream() < 0) {
                throw new PlaybackException("the file " + file.getFileName() + " contains no audio stream", null);
            }
            return decodeInto(grabber, stopRequested);
        } catch (FrameGrabber.Exception e) {
            throw new PlaybackException("cannot decode " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (SinkException e) {
            throw new PlaybackException(e.getMessage(), e);
        }
    }

    private Outcome decodeInto(FFmpegFrameGrabber grabber, BooleanSupplier stopRequested)
            throws FrameGrabber.Exception, SinkException {
        sink.open(format);
        try {
            byte[] bytes = new byte[0];
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return Outcome.STOPPED;
                }
                if (frame.samples == null || frame.samples.length == 0) {
                    continue;
                }
                ShortBuffer samples = ((ShortBuffer) frame.samples[0]).duplicate();
                int length = samples.remaining() * PcmFormat.BYTES_PER_SAMPLE;
                if (bytes.length < length) {
                    bytes = new byte[length];
                }
                ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples);
                sink.write(bytes, 0, length);
            }
            sink.drain();
            return Outcome.COMPLETED;
        } finally {
            sink.close();
        }
    }
}
