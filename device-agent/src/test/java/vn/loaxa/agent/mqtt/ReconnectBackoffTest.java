package vn.loaxa.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = ReconnectBackoff.defaults();

    @ParameterizedTest(name = "retry {0} waits {1} ms without jitter")
    @CsvSource({
        "1, 1000",
        "2, 2000",
        "3, 4000",
        "4, 8000",
        "5, 16000",
        "6, 20000",
        "7, 20000",
        "1000, 20000",
        "2147483647, 20000"
    })
    void shouldDoubleTheWaitUpToTheCap(int retry, long millis) {
        assertThat(backoff.delay(retry, 0.0)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void shouldShortenEachWaitByAtMostHalfAndNeverExceedTheCap() {
        for (int retry = 1; retry <= 12; retry++) {
            Duration full = backoff.delay(retry, 0.0);
            assertThat(backoff.delay(retry, 0.999_999))
                    .isGreaterThan(full.dividedBy(2).minusMillis(1))
                    .isLessThanOrEqualTo(full);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(retry))
                        .isBetween(full.dividedBy(2), full)
                        .isLessThanOrEqualTo(ReconnectBackoff.DEFAULT_MAX_DELAY);
            }
        }
    }

    @Test
    void shouldSpreadAFleetThatLostTheBrokerTogether() {
        Set<Duration> waits = new HashSet<>();
        IntStream.range(0, 30).forEach(member -> waits.add(backoff.delay(6)));
        assertThat(waits)
                .as("30 receivers at the cap do not retry in lock-step")
                .hasSizeGreaterThan(20);
    }

    @Test
    void shouldKeepEveryReceiverWithinThirtySecondsOfTheBrokerByDefault() {
        Duration worst = ReconnectBackoff.DEFAULT_MAX_DELAY.plusSeconds(MqttSettings.CONNECT_TIMEOUT_SECONDS);
        assertThat(worst).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldHonourAConfiguredCapEvenBelowTheInitialWait() {
        ReconnectBackoff tight = ReconnectBackoff.withMaxDelay(Duration.ofMillis(500));
        assertThat(tight.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(ReconnectBackoff.withMaxDelay(Duration.ofSeconds(60)).delay(10, 0.0))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void shouldRefuseNonsense() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
