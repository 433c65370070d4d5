package vn.loaxa.live.service;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * A running session on this server: takes the source's Opus packets, stamps each with its capture instant and
 * sequence, seals it with the frame key, hands it to the broker, and records it. One source speaks at a time; a
 * source that connects again continues the same sequence and timeline.
 */
final class LiveRelay {
    private static final Logger LOG = Logger.getLogger(LiveRelay.class);

    final UUID sessionId;
    private final byte[] frameKey;
    private final BiConsumer<LiveFrame, byte[]> publisher;
    private final SourceClock clock = new SourceClock();
    private final Path recordingFile;
    private final OggOpusWriter recording;
    private long nextSequence;
    private long lastCapture;
    private long lastCaptureEnd;
    private long framesReceived;
    private long framesRefused;
    private volatile long lastFrameNanos = System.nanoTime();
    private boolean ended;

    /** @param publisher sends a frame's sealed bytes on the session's topic */
    LiveRelay(UUID sessionId, byte[] frameKey, BiConsumer<LiveFrame, byte[]> publisher) {
        this.sessionId = sessionId;
        this.frameKey = frameKey.clone();
        this.publisher = publisher;
        try {
            this.recordingFile = Files.createTempFile("loaxa-live-" + sessionId, ".opus");
            this.recording = new OggOpusWriter(new BufferedOutputStream(Files.newOutputStream(recordingFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the recording of live session " + sessionId, e);
        }
    }

    /** A new source connection starts its own timeline; the session's capture times keep growing. */
    synchronized void sourceConnected() {
        clock.reanchor();
    }

    /**
     * One packet from the source.
     *
     * @param sourceMicros where it lies on the source's timeline
     * @param packet       one Opus packet
     * @return false when it was refused (not an Opus packet, or the session has ended)
     */
    synchronized boolean accept(long sourceMicros, byte[] packet, long arrivalMicros) {
        int samples = OpusPackets.samples(packet);
        if (ended || samples == 0 || packet.length > 1500) {
            framesRefused++;
            return false;
        }
        lastFrameNanos = System.nanoTime();
        framesReceived++;
        lastCapture = clock.capture(sourceMicros, arrivalMicros);
        lastCaptureEnd = lastCapture + samples * 1000L / 48;
        LiveFrame frame = LiveFrame.audio(nextSequence++, lastCapture, samples, packet);
        try {
            publisher.accept(frame, frame.seal(frameKey));
        } catch (RuntimeException e) {
            // the broker is away: the receivers miss this frame, the recording keeps it
            LOG.debugf(e, "Live frame %d of %s not sent", frame.sequence(), sessionId);
        }
        try {
            recording.write(packet, samples);
        } catch (IOException e) {
            LOG.warnf(e, "Live session %s: the recording lost a frame", sessionId);
        }
        return true;
    }

    /** Closes the session: the receivers get the end frame; returns the recording, or empty when nothing came. */
    synchronized Optional<Path> end() {
        if (ended) {
            return Optional.empty();
        }
        ended = true;
        LiveFrame end = LiveFrame.end(nextSequence, Math.max(lastCaptureEnd, System.currentTimeMillis() * 1000));
        try {
            publisher.accept(end, end.seal(frameKey));
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "Live session %s: the end frame was not sent; receivers stop at the end of the window",
                    sessionId);
        }
        try {
            recording.close();
        } catch (IOException e) {
            LOG.warnf(e, "Live session %s: the recording could not be closed", sessionId);
        }
        if (framesReceived == 0) {
            deleteQuietly();
            return Optional.empty();
        }
        return Optional.of(recordingFile);
    }

    void deleteQuietly() {
        try {
            Files.deleteIfExists(recordingFile);
        } catch (IOException e) {
            LOG.debugf(e, "Cannot delete %s", recordingFile);
        }
    }

    synchronized long framesReceived() {
        return framesReceived;
    }

    synchronized long framesRefused() {
        return framesRefused;
    }

    /** Nanoseconds ({@link System#nanoTime()}) of the last accepted frame, or of the start. */
    long lastFrameNanos() {
        return lastFrameNanos;
    }
}
