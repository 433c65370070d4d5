package vn.loaxa.agent.playback;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Discards PCM at real-time pace: after {@code n} bytes have been written, at least the duration of those bytes
 * has passed since {@link #open}. A 3 s clip takes about 3 s, as on a real sound card, without one.
 */
public final class NullSink implements Sink {

    /** How far writing may run ahead of the clock, like the buffer of a sound card. */
    public static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LongSupplier nanoTime;
    private PcmFormat format;
    private long startNanos;
    private long bytesWritten;

    /** A sink paced by {@link System#nanoTime()}. */
    public NullSink() {
        this(System::nanoTime);
    }

    NullSink(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public void open(PcmFormat format) {
        this.format = format;
        this.startNanos = nanoTime.getAsLong();
        this.bytesWritten = 0;
    }

    @Override
    public void write(byte[] pcm, int offset, int length) {
        if (format == null) {
            throw new IllegalStateException("write before open");
        }
        bytesWritten += length;
        waitUntilPlayed(LEAD_NANOS);
    }

    @Override
    public boolean discardsAudio() {
        return true;
    }

    @Override
    public void drain() {
        if (format != null) {
            waitUntilPlayed(0);
        }
    }

    @Override
    public void close() {
        format = null;
    }

    private void waitUntilPlayed(long leadNanos) {
        long playedAtNanos = startNanos + bytesWritten * TimeUnit.SECONDS.toNanos(1) / format.bytesPerSecond();
        long remaining;
        while ((remaining = playedAtNanos - leadNanos - nanoTime.getAsLong()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
