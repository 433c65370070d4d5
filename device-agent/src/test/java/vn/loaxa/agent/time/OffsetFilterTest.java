package vn.loaxa.agent.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OffsetFilterTest {
    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    private final OffsetFilter filter = new OffsetFilter();

    @Test
    void shouldKeepTheMoreCertainOffsetAgainstANoisierMeasurement() {
        assertThat(filter.accepts(exchange(0, 20, 2), T0)).isTrue();

        assertThat(filter.accepts(exchange(2, 4, 6), T0.plusSeconds(10)))
                .as("±3 ms against ±1 ms")
                .isFalse();
        assertThat(filter.accepts(exchange(1, 2, 2), T0.plusSeconds(20)))
                .as("as certain")
                .isTrue();
    }

    @Test
    void shouldTakeANoisierMeasurementOnceTheKeptOneHasAgedByDrift() {
        filter.accepts(exchange(0, 20, 2), T0);

        // ±1 ms kept, plus 15 ppm over 600 s = ±10 ms by now
        assertThat(filter.accepts(exchange(3, 6, 12), T0.plusSeconds(600))).isTrue();
    }

    @Test
    void shouldFollowAClockThatWasStepped() {
        filter.accepts(exchange(0, 20, 2), T0);

        assertThat(filter.accepts(exchange(2_000, 6, 12), T0.plusSeconds(10))).isTrue();
    }

    /** An exchange whose offset is {@code offsetMs}, with {@code delayMs} on the network (half each way). */
    private static Exchange exchange(long offsetMs, long serverWorkMs, long delayMs) {
        Instant sent = T0;
        Instant serverReceived = sent.plusMillis(offsetMs + delayMs / 2);
        Instant serverSent = serverReceived.plusMillis(serverWorkMs);
        Instant received = serverSent.minusMillis(offsetMs).plusMillis(delayMs - delayMs / 2);
        return new Exchange(sent, serverReceived, serverSent, received);
    }
}
