package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpreadReportsTest {
    private static final int REPORTS = 200;

    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private final ScheduledExecutorService lane =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "lane"));

    @AfterEach
    void stop() {
        timers.shutdownNow();
        lane.shutdownNow();
    }

    @Test
    void shouldSendEveryReportOnTheLaneSpreadOverTheSpread() {
        SpreadReports spread = new SpreadReports(timers, lane);
        List<Long> sentAfterMillis = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        for (int i = 0; i < REPORTS; i++) {
            spread.report(() -> {
                sentAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                threads.add(Thread.currentThread().getName());
            });
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> sentAfterMillis.size() == REPORTS);
        assertThat(threads).containsOnly("lane");
        long spreadMillis = SpreadReports.SPREAD.toMillis();
        assertThat(sentAfterMillis).allMatch(after -> after < spreadMillis + 500);
        // not one burst: the reports fall in each quarter of the spread
        for (long quarter = 0; quarter < 4; quarter++) {
            long from = quarter * spreadMillis / 4;
            long to = from + spreadMillis / 4;
            assertThat(sentAfterMillis.stream().filter(after -> after >= from && after < to))
                    .as("reports sent %d to %d ms after they were asked for", from, to)
                    .hasSizeGreaterThan(REPORTS / 10);
        }
    }

    @Test
    void shouldSendAtOnceWhenTheAgentIsStopping() {
        timers.shutdownNow();
        SpreadReports spread = new SpreadReports(timers, lane);
        List<Long> sent = new CopyOnWriteArrayList<>();

        LongStream.range(0, 3).forEach(i -> spread.report(() -> sent.add(i)));

        assertThat(sent).containsExactly(0L, 1L, 2L);
    }
}
