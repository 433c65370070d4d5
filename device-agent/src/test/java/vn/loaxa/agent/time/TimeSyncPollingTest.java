package vn.loaxa.agent.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSyncPollingTest {

    @Test
    void shouldMeasureOftenAtFirstThenWidenToTheConfiguredInterval() {
        assertThat(waits(Duration.ofSeconds(600), 11))
                .containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 600L, 600L);
    }

    @Test
    void shouldNeverWaitLongerThanAnIntervalShorterThanTheFirst() {
        assertThat(waits(Duration.ofSeconds(1), 3)).containsExactly(1L, 1L, 1L);
    }

    private static List<Long> waits(Duration longest, int count) {
        List<Long> seconds = new ArrayList<>();
        Duration wait = TimeSyncPolling.shortest(longest);
        for (int i = 0; i < count; i++) {
            seconds.add(wait.toSeconds());
            wait = TimeSyncPolling.after(wait, longest);
        }
        return seconds;
    }
}
