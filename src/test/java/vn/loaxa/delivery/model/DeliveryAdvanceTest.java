package vn.loaxa.delivery.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fold the set-based update applies ends exactly where applying the same events one by one ends. */
class DeliveryAdvanceTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-26T06:00:00Z");
    private static final List<DeliveryState> EVENTS = List.of(DeliveryState.DELIVERED, DeliveryState.DOWNLOADED,
            DeliveryState.PLAYING, DeliveryState.PLAYED, DeliveryState.FAILED, DeliveryState.MISSED,
            DeliveryState.PREEMPTED);

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026, 31337})
    void shouldEndWhereOneByOneApplicationEndsFromAnyEarlierState(long seed) {
        Random random = new Random(seed);
        for (int trial = 0; trial < 500; trial++) {
            List<DeliveryState> shuffled = new ArrayList<>(EVENTS);
            Collections.shuffle(shuffled, random);
            int earlier = random.nextInt(shuffled.size() + 1);
            int later = earlier + random.nextInt(shuffled.size() - earlier + 1);
            Delivery oneByOne = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
            Delivery folded = Delivery.scheduled(oneByOne.occurrenceId, "rx", T0);
            if (random.nextInt(5) == 0) {
                // closed by the server (MISSED sweep or cancel) before any report
                oneByOne.close(DeliveryState.MISSED, "window passed", T0);
                folded.close(DeliveryState.MISSED, "window passed", T0);
            }
            for (DeliveryState event : shuffled.subList(0, earlier)) {
                oneByOne.apply(event, at(event, trial), reason(event), T0);
                folded.apply(event, at(event, trial), reason(event), T0);
            }

            DeliveryAdvance advance = new DeliveryAdvance(1);
            for (DeliveryState event : shuffled.subList(earlier, later)) {
                oneByOne.apply(event, at(event, trial), reason(event), T0);
                advance.add(event, at(event, trial), reason(event));
            }
            if (later > earlier) {
                advance.applyTo(folded, T0);
            }

            assertThat(folded.state).as("seed %d trial %d", seed, trial).isEqualTo(oneByOne.state);
            assertThat(folded.stateRank).isEqualTo(oneByOne.stateRank);
            assertThat(folded.reason).isEqualTo(oneByOne.reason);
            assertThat(folded.deliveredAt).isEqualTo(oneByOne.deliveredAt);
            assertThat(folded.downloadedAt).isEqualTo(oneByOne.downloadedAt);
            assertThat(folded.startedAt).isEqualTo(oneByOne.startedAt);
            assertThat(folded.finishedAt).isEqualTo(oneByOne.finishedAt);
        }
    }

    private static OffsetDateTime at(DeliveryState event, int trial) {
        return T0.plusSeconds(event.ordinal() * 10L + trial % 7);
    }

    private static String reason(DeliveryState event) {
        return event.carriesReason() ? "reason for " + event : null;
    }
}
