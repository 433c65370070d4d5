package vn.loaxa.agent.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    private static final Duration SERVER_AHEAD = Duration.ofMinutes(3);
    private static final int FRAME_BYTES = 960 * PcmFormat.BYTES_PER_SAMPLE;

    @TempDir
    Path dir;

    @Test
    void shouldAppendThePcmAndIndexEachWriteOnTheServerClockAtRealTimePace() throws Exception {
        FileSink sink = new FileSink(dir, "rx-1", () -> Instant.now().plus(SERVER_AHEAD));
        byte[] frame = new byte[FRAME_BYTES];
        frame[0] = 7;

        long openedNanos = System.nanoTime();
        long openedMicros = micros(Instant.now().plus(SERVER_AHEAD));
        sink.open(PcmFormat.PLAYBACK);
        for (int i = 0; i < 25; i++) {
            sink.write(frame, 0, frame.length);
        }
        sink.drain();
        sink.close();
        Duration took = Duration.ofNanos(System.nanoTime() - openedNanos);

        assertThat(took)
                .as("25 frames of 20 ms at real-time pace")
                .isBetween(Duration.ofMillis(480), Duration.ofSeconds(2));
        assertThat(Files.size(dir.resolve("rx-1.pcm"))).isEqualTo(25L * FRAME_BYTES);
        List<String[]> index = Files.readAllLines(dir.resolve("rx-1.pcm.idx")).stream()
                .map(line -> line.split(" "))
                .toList();
        assertThat(index).hasSize(25);
        long first = Long.parseLong(index.get(0)[0]);
        assertThat(first - openedMicros)
                .as("the first write is heard at once, on the server clock")
                .isBetween(0L, 200_000L);
        for (int i = 0; i < index.size(); i++) {
            assertThat(Long.parseLong(index.get(i)[1])).isEqualTo((long) i * FRAME_BYTES);
            assertThat(Long.parseLong(index.get(i)[0]))
                    .as("write %d is heard when the ones before it have played", i)
                    .isEqualTo(first + i * 20_000L);
        }
    }

    @Test
    void shouldContinueTheFileAndStartAgainOnTheClockAfterTheOutputRanDry() throws Exception {
        FileSink sink = new FileSink(dir, "rx-2", Instant::now);
        byte[] frame = new byte[FRAME_BYTES];
        sink.open(PcmFormat.PLAYBACK);
        sink.write(frame, 0, frame.length);
        sink.close();

        sink.open(PcmFormat.PLAYBACK);
        long reopenedMicros = micros(Instant.now());
        sink.write(frame, 0, frame.length);
        sink.close();

        List<String> index = Files.readAllLines(dir.resolve("rx-2.pcm.idx"));
        assertThat(index).hasSize(2);
        assertThat(index.get(1)).endsWith(" " + FRAME_BYTES);
        assertThat(Long.parseLong(index.get(1).split(" ")[0])).isGreaterThanOrEqualTo(reopenedMicros);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
