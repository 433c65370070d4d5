package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InboundStallWatchTest {
    private final AtomicLong now = new AtomicLong();
    private final InboundStallWatch watch = new InboundStallWatch(Duration.ofSeconds(10), now::get);

    @Test
    void shouldReportAMessageHeldPastTheLimitOnceWithItsTopicAndStack() {
        watch.begin("loaxa/v1/rx/a/status");
        now.set(Duration.ofSeconds(9).toNanos());
        assertThat(watch.check()).isEmpty();

        now.set(Duration.ofSeconds(11).toNanos());
        assertThat(watch.check())
                .hasValueSatisfying(report -> assertThat(report)
                        .contains(
                                "loaxa/v1/rx/a/status",
                                "10 s",
                                Thread.currentThread().getName(),
                                "shouldReportAMessageHeldPastTheLimitOnceWithItsTopicAndStack"));
        assertThat(watch.check()).as("reported once per message").isEmpty();
    }

    @Test
    void shouldStayQuietWhenIdleOrWhenMessagesFinishInTime() {
        assertThat(watch.check()).isEmpty();
        watch.begin("loaxa/v1/rx/a/event");
        now.set(Duration.ofSeconds(3).toNanos());
        watch.end();
        now.set(Duration.ofSeconds(60).toNanos());
        assertThat(watch.check()).isEmpty();

        watch.begin("loaxa/v1/rx/b/event");
        now.set(Duration.ofSeconds(71).toNanos());
        assertThat(watch.check())
                .hasValueSatisfying(report -> assertThat(report).contains("rx/b/event"));
    }
}
