package vn.loaxa.agent.support;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.loaxa.agent.playback.NullSink;
import vn.loaxa.agent.playback.PcmFormat;
import vn.loaxa.agent.playback.Sink;

/**
 * A {@link NullSink} (real-time pace, no sound card) that records every clip: when it opened, how many bytes it
 * took and its loudest sample, so that tests can check start times, resumes and volume.
 */
public final class RecordingSink implements Sink {

    /** One clip as the sink saw it. */
    public static final class Clip {
        public final Instant openedAt;
        public volatile long bytes;
        public volatile int peak;

        Clip(Instant openedAt) {
            this.openedAt = openedAt;
        }
    }

    private final NullSink pace = new NullSink();
    private final List<Clip> clips = new CopyOnWriteArrayList<>();
    private Clip current;

    @Override
    public void open(PcmFormat format) {
        current = new Clip(Instant.now());
        clips.add(current);
        pace.open(format);
    }

    @Override
    public void write(byte[] pcm, int offset, int length) {
        int peak = current.peak;
        for (int i = offset; i + 1 < offset + length; i += PcmFormat.BYTES_PER_SAMPLE) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        current.peak = peak;
        current.bytes += length;
        pace.write(pcm, offset, length);
    }

    @Override
    public void drain() {
        pace.drain();
    }

    @Override
    public void close() {
        pace.close();
    }

    /** Every clip opened so far, in order. */
    public List<Clip> clips() {
        return clips;
    }
}
