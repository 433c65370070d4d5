package vn.loaxa.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * When each byte that one receiver's agent played into its {@code file} sink was heard: the sink's index
 * {@code <id>.pcm.idx} of when (server clock, microseconds since the epoch) each write's first sample was heard.
 */
public final class SinkTimeline {
    public static final int BYTES_PER_SAMPLE = 2;

    private final NavigableMap<Long, Long> heardAtByOffset;

    private SinkTimeline(NavigableMap<Long, Long> heardAtByOffset) {
        this.heardAtByOffset = heardAtByOffset;
    }

    public static SinkTimeline of(Path sinkDirectory, String receiverId) {
        NavigableMap<Long, Long> heardAtByOffset = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(sinkDirectory.resolve(receiverId + ".pcm.idx"))) {
                String[] fields = line.trim().split(" ");
                if (fields.length == 2) {
                    heardAtByOffset.put(Long.parseLong(fields[1]), Long.parseLong(fields[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SinkTimeline(heardAtByOffset);
    }

    /** The first sample of the first write heard at or after {@code micros}. */
    public long firstSampleHeardFrom(long micros) {
        return heardAtByOffset.entrySet().stream()
                        .filter(write -> write.getValue() >= micros)
                        .findFirst()
                        .orElseThrow()
                        .getKey()
                / BYTES_PER_SAMPLE;
    }

    /** When the sample at {@code sample} (counted from the start of the PCM file) was heard. */
    public long heardAtMicros(long sample) {
        Map.Entry<Long, Long> write = heardAtByOffset.floorEntry(sample * BYTES_PER_SAMPLE);
        long samplesIntoWrite = sample - write.getKey() / BYTES_PER_SAMPLE;
        return write.getValue() + samplesIntoWrite * 1_000_000 / ClickTrack.RATE;
    }
}
