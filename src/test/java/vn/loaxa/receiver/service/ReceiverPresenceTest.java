package vn.loaxa.receiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.receiver.api.OutageView;
import vn.loaxa.support.Fixtures;

/**
 * Presence follows the order in which the server received the status reports; a receiver's clock, minutes fast or
 * slow, changes nothing.
 */
@QuarkusTest
class ReceiverPresenceTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Inject
    ReceiverService receivers;

    private final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest(name = "clock {0} min off")
    @ValueSource(ints = {-3, 3})
    void shouldGoOfflineOnTheWillReceivedAfterASkewedOnlineStatus(int skewMinutes) {
        String rx = newReceiver();
        OffsetDateTime online = base;
        receivers.recordStatus(rx, true, online, online.plusMinutes(skewMinutes), "1.0");
        assertThat(receivers.get(rx).online()).isTrue();

        OffsetDateTime will = base.plus(SECOND);
        receivers.recordStatus(rx, false, will, null, null);

        assertThat(receivers.get(rx).online()).as("offline on its Will").isFalse();
        assertThat(receivers.get(rx).lastSeen()).isAtSameInstantAs(will);
        assertThat(outages(rx)).singleElement().satisfies(outage -> {
            assertThat(outage.startedAt()).isAtSameInstantAs(will);
            assertThat(outage.endedAt()).isNull();
        });
    }

    @ParameterizedTest(name = "clock {0} min off")
    @ValueSource(ints = {-3, 3})
    void shouldComeBackOnlineOnASkewedStatusReceivedAfterTheWill(int skewMinutes) {
        String rx = newReceiver();
        receivers.recordStatus(rx, true, base, base.plusMinutes(skewMinutes), "1.0");
        receivers.recordStatus(rx, false, base.plus(SECOND), null, null);

        OffsetDateTime back = base.plus(SECOND.multipliedBy(2));
        receivers.recordStatus(rx, true, back, back.plusMinutes(skewMinutes), "1.1");

        assertThat(receivers.get(rx).online()).as("online again after its Will").isTrue();
        assertThat(receivers.get(rx).agentVersion()).isEqualTo("1.1");
        assertThat(outages(rx)).singleElement().satisfies(outage -> {
            assertThat(outage.startedAt()).isAtSameInstantAs(base.plus(SECOND));
            assertThat(outage.endedAt()).isAtSameInstantAs(back);
            assertThat(outage.durationSeconds()).isEqualTo(1);
        });

        receivers.recordStatus(rx, false, back.plus(SECOND), null, null);
        assertThat(receivers.get(rx).online())
                .as("and offline on the next Will")
                .isFalse();
        assertThat(outages(rx)).hasSize(2);
    }

    @Test
    void shouldIgnoreAStatusReceivedBeforeTheOneAlreadyApplied() {
        String rx = newReceiver();
        receivers.recordStatus(rx, true, base.plus(SECOND), base.minusMinutes(3), "1.0");

        receivers.recordStatus(rx, false, base, null, null);

        assertThat(receivers.get(rx).online()).isTrue();
        assertThat(outages(rx)).isEmpty();
    }

    private List<OutageView> outages(String rx) {
        return receivers.outages(rx, base.minusHours(1), base.plusHours(1));
    }

    private static String newReceiver() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Fixtures.area("PRES-" + suffix, "COMMUNE", null);
        String rx = "presence-" + suffix;
        Fixtures.receiver(rx, "PRES-" + suffix, List.of("vie"));
        return rx;
    }
}
