package vn.loaxa.agent.playback;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a local audio file with JavaCV (FFmpeg) to {@link PcmFormat#PLAYBACK} and writes it to a {@link Sink}.
 * FFmpeg is restricted to the {@code file} protocol so that it never opens anything but the file it was given.
 * Opening ({@link #open}) is separate from playing ({@link Clip#play}) so that the slow part happens before the
 * play time and the first sample leaves at the exact instant.
 */
public final class AudioPlayer {

    /** How a playback ended. */
    public enum Outcome {
        /** The whole clip played. */
        COMPLETED,
        /** Playback was stopped on request before the end. */
        STOPPED
    }

    /**
     * @param outcome        how it ended
     * @param positionMillis how far into the clip playback got, so that it can resume there
     */
    public record Result(Outcome outcome, long positionMillis) {}

    /** The only FFmpeg protocol allowed: no http, concat, pipe or other pseudo-URLs. */
    static final String PROTOCOL_WHITELIST = "file";
    /** The FFmpeg protocols a relay stream may use: HTTP(S) and what it is carried on, nothing else. */
    static final String STREAM_PROTOCOL_WHITELIST = "http,https,tcp,tls";
    /** How long a relay stream may stall (connect or read) before it counts as unreachable, in microseconds. */
    static final String STREAM_TIMEOUT_MICROS = "5000000";

    private static final long MILLIS_PER_SECOND = 1000;

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

    /** Opens and checks a file for playing; close the clip when done. */
    public Clip open(Path file) throws PlaybackException {
        FFmpegFrameGrabber grabber =
                new FFmpegFrameGrabber(file.toAbsolutePath().toFile());
        try {
            grabber.setOption("protocol_whitelist", PROTOCOL_WHITELIST);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(format.sampleRate());
            grabber.setAudioChannels(format.channels());
            grabber.start();
            if (grabber.getAudioStream() < 0) {
                throw new PlaybackException("the file " + file.getFileName() + " contains no audio stream", null);
            }
            return new Clip(file.getFileName().toString(), grabber);
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new PlaybackException("cannot decode " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (PlaybackException | RuntimeException e) {
            closeQuietly(grabber);
            throw e;
        }
    }

    /**
     * Opens a live http or https stream for relaying; FFmpeg may use only {@link #STREAM_PROTOCOL_WHITELIST}, and a
     * stream that stalls for {@link #STREAM_TIMEOUT_MICROS} fails. Close the clip when done.
     */
    public Clip openStream(String url) throws PlaybackException {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new PlaybackException("the relay stream " + url + " is not an http or https URL", null);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        try {
            grabber.setOption("protocol_whitelist", STREAM_PROTOCOL_WHITELIST);
            grabber.setOption("rw_timeout", STREAM_TIMEOUT_MICROS);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(format.sampleRate());
            grabber.setAudioChannels(format.channels());
            grabber.start();
            if (grabber.getAudioStream() < 0) {
                throw new PlaybackException("the relay stream " + url + " contains no audio stream", null);
            }
            return new Clip(url, grabber);
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new PlaybackException("cannot open the relay stream " + url + ": " + e.getMessage(), e);
        } catch (PlaybackException | RuntimeException e) {
            closeQuietly(grabber);
            throw e;
        }
    }

    /**
     * Plays the whole file at full volume, blocking until it has been played.
     *
     * @param stopRequested polled between frames; when it turns true playback stops at once
     */
    public Outcome play(Path file, BooleanSupplier stopRequested) throws PlaybackException {
        try (Clip clip = open(file)) {
            return clip.play(0, 1.0, stopRequested).outcome();
        }
    }

    /** An opened file, ready to play once. */
    public final class Clip implements AutoCloseable {
        private final String file;
        private final FFmpegFrameGrabber grabber;

        private Clip(String file, FFmpegFrameGrabber grabber) {
            this.file = file;
            this.grabber = grabber;
        }

        /**
         * Plays from {@code fromMillis} to the end, blocking.
         *
         * @param fromMillis    where to start; the audio before it is decoded and skipped
         * @param gain          linear gain, 0 (silent) to 1 (as recorded)
         * @param stopRequested polled between frames; when it turns true playback stops at once
         */
        public Result play(long fromMillis, double gain, BooleanSupplier stopRequested) throws PlaybackException {
            long skipBytes = fromMillis * format.bytesPerSecond() / MILLIS_PER_SECOND;
            skipBytes -= skipBytes % format.frameSize();
            long position = 0;
            try {
                sink.open(format);
                try {
                    byte[] bytes = new byte[0];
                    Frame frame;
                    while ((frame = grabber.grabSamples()) != null) {
                        if (stopRequested.getAsBoolean()
                                || Thread.currentThread().isInterrupted()) {
                            return new Result(Outcome.STOPPED, millisOf(position));
                        }
                        if (frame.samples == null || frame.samples.length == 0) {
                            continue;
                        }
                        ShortBuffer samples = ((ShortBuffer) frame.samples[0]).duplicate();
                        int length = samples.remaining() * PcmFormat.BYTES_PER_SAMPLE;
                        if (bytes.length < length) {
                            bytes = new byte[length];
                        }
                        ByteBuffer.wrap(bytes, 0, length)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .asShortBuffer()
                                .put(samples);
                        int offset = (int) Math.min(length, Math.max(0, skipBytes - position));
                        position += length;
                        if (offset < length) {
                            Gain.apply(bytes, offset, length, gain);
                            sink.write(bytes, offset, length - offset);
                        }
                    }
                    sink.drain();
                    return new Result(Outcome.COMPLETED, millisOf(position));
                } finally {
                    sink.close();
                }
            } catch (FrameGrabber.Exception e) {
                throw new PlaybackException("cannot decode " + file + ": " + e.getMessage(), e);
            } catch (SinkException e) {
                throw new PlaybackException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            closeQuietly(grabber);
        }
    }

    private long millisOf(long bytes) {
        return bytes * MILLIS_PER_SECOND / format.bytesPerSecond();
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing left to release
        }
    }
}
