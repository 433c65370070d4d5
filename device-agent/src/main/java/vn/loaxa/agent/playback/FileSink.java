package vn.loaxa.agent.playback;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Plays nothing, at real-time pace like a sound card, and keeps what it played: the PCM is appended to
 * {@code <receiverId>.pcm} and, for every write, a line {@code <micros> <offset>} to {@code <receiverId>.pcm.idx}:
 * when (server clock, microseconds since the epoch) the first sample of that write is heard, and where it starts
 * in the PCM file. Cross-correlating several receivers' files measures their latency and spread.
 *
 * <p>Like a sound card, a write is heard when everything written before it has played, or at once if the output
 * had run dry. The times are the agent's corrected server clock, so files from different hosts compare.
 */
public final class FileSink implements Sink {

    /** How far writing may run ahead of the clock, like the buffer of a sound card. */
    public static final long LEAD_MICROS = TimeUnit.MILLISECONDS.toMicros(20);
    /** Appended to the receiver id for the PCM file. */
    public static final String PCM_SUFFIX = ".pcm";
    /** Appended to the receiver id for the index file. */
    public static final String INDEX_SUFFIX = ".pcm.idx";

    private final Path pcmFile;
    private final Path indexFile;
    private final Supplier<Instant> serverClock;
    private PcmFormat format;
    private OutputStream pcm;
    private Writer index;
    private long offset;
    private long playedUntilMicros;

    /**
     * @param directory   where the two files go
     * @param receiverId  names the files
     * @param serverClock the agent's estimate of the server clock
     */
    public FileSink(Path directory, String receiverId, Supplier<Instant> serverClock) {
        this.pcmFile = directory.resolve(receiverId + PCM_SUFFIX);
        this.indexFile = directory.resolve(receiverId + INDEX_SUFFIX);
        this.serverClock = serverClock;
    }

    @Override
    public void open(PcmFormat format) throws SinkException {
        close();
        try {
            Files.createDirectories(pcmFile.toAbsolutePath().getParent());
            offset = Files.exists(pcmFile) ? Files.size(pcmFile) : 0;
            pcm = new BufferedOutputStream(Files.newOutputStream(
                    pcmFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
            index = Files.newBufferedWriter(
                    indexFile,
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            close();
            throw new SinkException("cannot open the sink file " + pcmFile + ": " + e.getMessage(), e);
        }
        this.format = format;
        this.playedUntilMicros = 0;
    }

    @Override
    public void write(byte[] bytes, int from, int length) throws SinkException {
        if (format == null) {
            throw new SinkException("the sink file is not open", null);
        }
        long heardAtMicros = Math.max(nowMicros(), playedUntilMicros);
        try {
            index.write(heardAtMicros + " " + offset + "\n");
            index.flush();
            pcm.write(bytes, from, length);
            pcm.flush();
        } catch (IOException e) {
            throw new SinkException("cannot write the sink file " + pcmFile + ": " + e.getMessage(), e);
        }
        offset += length;
        playedUntilMicros = heardAtMicros + length * TimeUnit.SECONDS.toMicros(1) / format.bytesPerSecond();
        waitUntil(playedUntilMicros - LEAD_MICROS);
    }

    @Override
    public void drain() {
        if (format != null) {
            waitUntil(playedUntilMicros);
        }
    }

    @Override
    public void close() {
        format = null;
        closeQuietly(pcm);
        closeQuietly(index);
        pcm = null;
        index = null;
    }

    private void waitUntil(long micros) {
        long remaining;
        while ((remaining = micros - nowMicros()) > 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(remaining));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, serverClock.get());
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing more can be kept
        }
    }
}
