package vn.loaxa.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One area manifest republished at most once per interval, and every request followed by a run. */
class TrailingThrottleTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final TrailingThrottle throttle = new TrailingThrottle(INTERVAL, nanos::get, scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldRunAtOnceThenOnceMoreAtTheIntervalsEndForEveryRequestInBetween() {
        assertThat(throttle.request("20-TK", () -> runs.add("20-TK"))).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.request("20-TK", () -> runs.add("20-TK"))).isFalse();
        }
        assertThat(runs).containsExactly("20-TK");

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        await().during(INTERVAL.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
    }

    @Test
    void shouldThrottleEachKeyOnItsOwnAndRunAgainOnceTheIntervalHasPassed() {
        assertThat(throttle.request("20", () -> runs.add("20"))).isTrue();
        assertThat(throttle.request("20-TK", () -> runs.add("20-TK"))).isTrue();

        nanos.addAndGet(INTERVAL.toNanos());
        assertThat(throttle.request("20", () -> runs.add("20"))).isTrue();
        assertThat(runs).containsExactly("20", "20-TK", "20");
    }
}
