package vn.loaxa.delivery.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-26T06:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void shouldEndInTheLatestStateWhateverTheOrderOrDuplicates(long seed) {
        Random random = new Random(seed);
        List<DeliveryState> events = new ArrayList<>(List.of(DeliveryState.DELIVERED, DeliveryState.DOWNLOADED,
                DeliveryState.PLAYING, DeliveryState.PLAYED));
        for (int i = 0; i < 200; i++) {
            List<DeliveryState> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, random.nextInt(events.size())));
            Collections.shuffle(shuffled, random);
            Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
            shuffled.forEach(e -> delivery.apply(e, at(e), null, T0));

            assertThat(delivery.state).isEqualTo(DeliveryState.PLAYED);
            assertThat(delivery.deliveredAt).isEqualTo(at(DeliveryState.DELIVERED));
            assertThat(delivery.startedAt).isEqualTo(at(DeliveryState.PLAYING));
            assertThat(delivery.finishedAt).isEqualTo(at(DeliveryState.PLAYED));
        }
    }

    @Test
    void shouldNeverLeaveAFinalState() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);

        assertThat(delivery.apply(DeliveryState.FAILED, T0, "sha256 mismatch", T0)).isTrue();
        assertThat(delivery.apply(DeliveryState.PLAYED, T0, null, T0)).isFalse();

        assertThat(delivery.state).isEqualTo(DeliveryState.FAILED);
        assertThat(delivery.reason).isEqualTo("sha256 mismatch");
    }

    @Test
    void shouldNotMoveBackwards() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
        delivery.apply(DeliveryState.PLAYING, T0, null, T0);

        assertThat(delivery.apply(DeliveryState.DELIVERED, T0, null, T0)).isFalse();
        assertThat(delivery.state).isEqualTo(DeliveryState.PLAYING);
        assertThat(delivery.deliveredAt).isEqualTo(T0);
    }

    private static OffsetDateTime at(DeliveryState state) {
        return T0.plusSeconds(state.ordinal());
    }
}
