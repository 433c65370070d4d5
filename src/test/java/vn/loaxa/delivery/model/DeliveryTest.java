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
        List<DeliveryState> events = new ArrayList<>(List.of(
                DeliveryState.DELIVERED, DeliveryState.DOWNLOADED, DeliveryState.PLAYING, DeliveryState.PLAYED));
        for (int i = 0; i < 200; i++) {
            List<DeliveryState> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, random.nextInt(events.size())));
            Collections.shuffle(shuffled, random);
            Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
            shuffled.forEach(e -> delivery.apply(e, at(e), null, true, T0));

            assertThat(delivery.state).isEqualTo(DeliveryState.PLAYED);
            assertThat(delivery.deliveredAt).isEqualTo(at(DeliveryState.DELIVERED));
            assertThat(delivery.startedAt).isEqualTo(at(DeliveryState.PLAYING));
            assertThat(delivery.finishedAt).isEqualTo(at(DeliveryState.PLAYED));
        }
    }

    @Test
    void shouldNeverLeaveAFinalState() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);

        assertThat(delivery.apply(DeliveryState.FAILED, T0, "sha256 mismatch", true, T0))
                .isEqualTo(Delivery.Change.ADVANCED);
        assertThat(delivery.apply(DeliveryState.PLAYED, T0, null, true, T0)).isEqualTo(Delivery.Change.KEPT);

        assertThat(delivery.state).isEqualTo(DeliveryState.FAILED);
        assertThat(delivery.reason).isEqualTo("sha256 mismatch");
    }

    @Test
    void shouldNotMoveBackwards() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
        delivery.apply(DeliveryState.PLAYING, T0, null, true, T0);

        assertThat(delivery.apply(DeliveryState.DELIVERED, T0, null, true, T0)).isEqualTo(Delivery.Change.KEPT);
        assertThat(delivery.state).isEqualTo(DeliveryState.PLAYING);
        assertThat(delivery.deliveredAt).isEqualTo(T0);
    }

    @Test
    void shouldTurnMissedIntoPlayedWhenThePlayHappenedInsideTheWindowWhenItArrives() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
        delivery.close(DeliveryState.MISSED, "no confirmation", T0);
        OffsetDateTime arrival = T0.plusHours(2);

        assertThat(delivery.apply(DeliveryState.PLAYING, T0.plusSeconds(1), null, true, arrival))
                .isEqualTo(Delivery.Change.OVERTURNED);
        assertThat(delivery.state).isEqualTo(DeliveryState.PLAYING);
        assertThat(delivery.finishedAt).isNull();
        assertThat(delivery.apply(DeliveryState.PLAYED, T0.plusSeconds(31), null, true, arrival))
                .isEqualTo(Delivery.Change.ADVANCED);
        assertThat(delivery.apply(DeliveryState.PLAYED, T0.plusSeconds(99), null, true, arrival))
                .isEqualTo(Delivery.Change.KEPT);

        assertThat(delivery.state).isEqualTo(DeliveryState.PLAYED);
        assertThat(delivery.reason).isNull();
        assertThat(delivery.startedAt).isEqualTo(T0.plusSeconds(1));
        assertThat(delivery.finishedAt).isEqualTo(T0.plusSeconds(31));
        assertThat(delivery.reportedLateAt).isEqualTo(arrival);
    }

    @Test
    void shouldKeepMissedWhenThePlayHappenedOutsideTheWindow() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
        delivery.close(DeliveryState.MISSED, "no confirmation", T0);

        assertThat(delivery.apply(DeliveryState.PLAYED, T0.plusHours(1), null, false, T0.plusHours(2)))
                .isEqualTo(Delivery.Change.KEPT);

        assertThat(delivery.state).isEqualTo(DeliveryState.MISSED);
        assertThat(delivery.reason).isEqualTo("no confirmation");
        assertThat(delivery.reportedLateAt).isNull();
    }

    @Test
    void shouldNotLetALateReportOverturnAnyOtherFinalState() {
        for (DeliveryState end : List.of(DeliveryState.FAILED, DeliveryState.PREEMPTED, DeliveryState.CANCELLED)) {
            Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
            delivery.close(end, "closed", T0);

            assertThat(delivery.apply(DeliveryState.PLAYED, T0, null, true, T0)).isEqualTo(Delivery.Change.KEPT);
            assertThat(delivery.state).isEqualTo(end);
            assertThat(delivery.reportedLateAt).isNull();
        }
    }

    private static OffsetDateTime at(DeliveryState state) {
        return T0.plusSeconds(state.ordinal());
    }
}
