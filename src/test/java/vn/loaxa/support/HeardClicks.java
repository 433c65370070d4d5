package vn.loaxa.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The clicks of a {@link ClickTrack} that one receiver played into the agent's {@code file} sink
 * ({@code <id>.pcm}), each as the instant its first sample was heard ({@link SinkTimeline}).
 */
public final class HeardClicks {
    private HeardClicks() {}

    public static List<Long> of(Path sinkDirectory, String receiverId) {
        SinkTimeline timeline = SinkTimeline.of(sinkDirectory, receiverId);
        try {
            ByteBuffer pcm = ByteBuffer.wrap(Files.readAllBytes(sinkDirectory.resolve(receiverId + ".pcm")))
                    .order(ByteOrder.LITTLE_ENDIAN);
            ClickTrack.Detector detector = new ClickTrack.Detector();
            while (pcm.remaining() >= SinkTimeline.BYTES_PER_SAMPLE) {
                detector.accept(pcm.getShort() / (double) Short.MAX_VALUE);
            }
            return detector.onsets().stream().map(timeline::heardAtMicros).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
