package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InboundSilenceWatchTest {
    private final AtomicLong now = new AtomicLong(Duration.ofHours(1).toNanos());
    private final InboundSilenceWatch watch = new InboundSilenceWatch(Duration.ofSeconds(30), now::get);

    private void after(Duration elapsed) {
        now.addAndGet(elapsed.toNanos());
    }

    @Test
    void shouldReportAConnectionThatHeardNothingSinceItSubscribed() {
        assertThat(watch.check()).as("not subscribed yet").isEmpty();
        watch.subscribed();
        after(Duration.ofSeconds(29));
        assertThat(watch.check()).isEmpty();
        after(Duration.ofSeconds(2));
        assertThat(watch.check())
                .hasValueSatisfying(
                        report -> assertThat(report).contains("31 s", "nothing at all since it subscribed"));
    }

    @Test
    void shouldMeasureSilenceFromTheLastArrival() {
        watch.subscribed();
        after(Duration.ofSeconds(25));
        watch.arrived();
        after(Duration.ofSeconds(25));
        assertThat(watch.check()).as("heard 25 s ago").isEmpty();
        after(Duration.ofSeconds(6));
        assertThat(watch.check())
                .hasValueSatisfying(
                        report -> assertThat(report).contains("31 s").doesNotContain("nothing at all"));
    }

    @Test
    void shouldForgetTheSilenceOfAConnectionThatIsGoneAndStartAfreshOnTheNext() {
        watch.subscribed();
        watch.arrived();
        after(Duration.ofMinutes(5));
        watch.unsubscribed();
        assertThat(watch.check()).as("disconnected: reconnecting is Paho's job").isEmpty();

        watch.subscribed();
        after(Duration.ofSeconds(10));
        assertThat(watch.check()).as("the new connection is only 10 s old").isEmpty();
    }
}
