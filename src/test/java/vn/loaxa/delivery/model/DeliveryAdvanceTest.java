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

/**
 * The fold the set-based update applies ends exactly where applying the same events one by one ends, late reports
 * that overturn MISSED included.
 */
class DeliveryAdvanceTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-26T06:00:00Z");
    private static final OffsetDateTime T1 = T0.plusHours(1);
    private static final List<DeliveryState> EVENTS = List.of(
            DeliveryState.DELIVERED,
            DeliveryState.DOWNLOADED,
            DeliveryState.PLAYING,
            DeliveryState.PLAYED,
            DeliveryState.FAILED,
            DeliveryState.MISSED,
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
            int closed = random.nextInt(8);
            if (closed < 2) {
                // closed by the server (MISSED sweep, or a cancel) before any report
                DeliveryState by = closed == 0 ? DeliveryState.MISSED : DeliveryState.CANCELLED;
                oneByOne.close(by, "closed by the server", T0);
                folded.close(by, "closed by the server", T0);
            }
            boolean[] inWindow = new boolean[DeliveryState.values().length];
            for (int i = 0; i < inWindow.length; i++) {
                inWindow[i] = random.nextInt(3) > 0;
            }
            for (DeliveryState event : shuffled.subList(0, earlier)) {
                oneByOne.apply(event, at(event, trial), reason(event), inWindow[event.ordinal()], T0);
                folded.apply(event, at(event, trial), reason(event), inWindow[event.ordinal()], T0);
            }
            if (random.nextInt(4) == 0) {
                // the sweep closes it between two runs of reports
                oneByOne.close(DeliveryState.MISSED, "window passed", T0);
                folded.close(DeliveryState.MISSED, "window passed", T0);
            }

            DeliveryAdvance advance = new DeliveryAdvance(1);
            for (DeliveryState event : shuffled.subList(earlier, later)) {
                oneByOne.apply(event, at(event, trial), reason(event), inWindow[event.ordinal()], T1);
                advance.add(event, at(event, trial), reason(event), inWindow[event.ordinal()]);
            }
            if (later > earlier) {
                advance.applyTo(folded, T1);
            }

            assertThat(folded.state).as("seed %d trial %d", seed, trial).isEqualTo(oneByOne.state);
            assertThat(folded.stateRank).isEqualTo(oneByOne.stateRank);
            assertThat(folded.reason).isEqualTo(oneByOne.reason);
            assertThat(folded.deliveredAt).isEqualTo(oneByOne.deliveredAt);
            assertThat(folded.downloadedAt).isEqualTo(oneByOne.downloadedAt);
            assertThat(folded.startedAt).isEqualTo(oneByOne.startedAt);
            assertThat(folded.finishedAt).isEqualTo(oneByOne.finishedAt);
            assertThat(folded.reportedLateAt).isEqualTo(oneByOne.reportedLateAt);
        }
    }

    @org.junit.jupiter.api.Test
    void shouldOverturnMissedFromAPlayedInsideTheWindowAndKeepMissedOutsideIt() {
        DeliveryAdvance inside = new DeliveryAdvance(1);
        inside.add(DeliveryState.PLAYING, T0, null, true);
        inside.add(DeliveryState.PLAYED, T0.plusSeconds(30), null, true);
        DeliveryAdvance outside = new DeliveryAdvance(2);
        outside.add(DeliveryState.PLAYED, T0.plusSeconds(30), null, false);

        Delivery overturned = missed();
        inside.applyTo(overturned, T1);
        Delivery kept = missed();
        outside.applyTo(kept, T1);

        assertThat(overturned.state).isEqualTo(DeliveryState.PLAYED);
        assertThat(overturned.reason).isNull();
        assertThat(overturned.startedAt).isEqualTo(T0);
        assertThat(overturned.finishedAt).isEqualTo(T0.plusSeconds(30));
        assertThat(overturned.reportedLateAt).isEqualTo(T1);
        assertThat(kept.state).isEqualTo(DeliveryState.MISSED);
        assertThat(kept.reason).isEqualTo("window passed");
        assertThat(kept.reportedLateAt).isNull();
    }

    private static Delivery missed() {
        Delivery delivery = Delivery.scheduled(UUID.randomUUID(), "rx", T0);
        delivery.close(DeliveryState.MISSED, "window passed", T0);
        delivery.finishedAt = null; // as the sweep leaves it
        return delivery;
    }

    private static OffsetDateTime at(DeliveryState event, int trial) {
        return T0.plusSeconds(event.ordinal() * 10L + trial % 7);
    }

    private static String reason(DeliveryState event) {
        return event.carriesReason() ? "reason for " + event : null;
    }
}
