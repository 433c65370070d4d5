package vn.loaxa.receiver.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.receiver.api.OutageView;
import vn.loaxa.receiver.api.ReceiverHealth;
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

    @Inject
    ReceiverPresence presence;

    private final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest(name = "clock {0} min off")
    @ValueSource(ints = {-3, 3})
    void shouldGoOfflineOnTheWillReceivedAfterASkewedOnlineStatus(int skewMinutes) {
        String rx = newReceiver();
        OffsetDateTime online = base;
        presence.recordStatus(rx, true, online, online.plusMinutes(skewMinutes), "1.0");
        assertThat(receivers.get(rx).online()).isTrue();

        OffsetDateTime will = base.plus(SECOND);
        presence.recordStatus(rx, false, will, null, null);

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
        presence.recordStatus(rx, true, base, base.plusMinutes(skewMinutes), "1.0");
        presence.recordStatus(rx, false, base.plus(SECOND), null, null);

        OffsetDateTime back = base.plus(SECOND.multipliedBy(2));
        presence.recordStatus(rx, true, back, back.plusMinutes(skewMinutes), "1.1");

        assertThat(receivers.get(rx).online()).as("online again after its Will").isTrue();
        assertThat(receivers.get(rx).agentVersion()).isEqualTo("1.1");
        assertThat(outages(rx)).singleElement().satisfies(outage -> {
            assertThat(outage.startedAt()).isAtSameInstantAs(base.plus(SECOND));
            assertThat(outage.endedAt()).isAtSameInstantAs(back);
            assertThat(outage.durationSeconds()).isEqualTo(1);
        });

        presence.recordStatus(rx, false, back.plus(SECOND), null, null);
        assertThat(receivers.get(rx).online())
                .as("and offline on the next Will")
                .isFalse();
        assertThat(outages(rx)).hasSize(2);
    }

    @Test
    void shouldIgnoreAStatusReceivedBeforeTheOneAlreadyApplied() {
        String rx = newReceiver();
        presence.recordStatus(rx, true, base.plus(SECOND), base.minusMinutes(3), "1.0");

        presence.recordStatus(rx, false, base, null, null);

        assertThat(receivers.get(rx).online()).isTrue();
        assertThat(outages(rx)).isEmpty();
    }

    @Test
    void shouldApplyABatchInTheOrderItCameAndNameTheUnknownReceivers() {
        String flapping = newReceiver();
        String steady = newReceiver();
        OffsetDateTime willAt = base.plus(SECOND);
        OffsetDateTime heartbeatAt = base.plus(SECOND.multipliedBy(2));

        Set<String> unknown = presence.record(List.of(
                new Presence.Status(flapping, true, base, null, "1.0"),
                new Presence.Heartbeat(steady, "2.0", health(base.plusMinutes(1), 60L), base),
                new Presence.Status(flapping, false, willAt, null, null),
                new Presence.Heartbeat("nobody-" + flapping, null, health(base, 1L), base),
                new Presence.Heartbeat(flapping, null, health(heartbeatAt, 5L), heartbeatAt),
                new Presence.Heartbeat(steady, null, health(base, 1L), heartbeatAt)));

        assertThat(unknown).containsExactly("nobody-" + flapping);
        assertThat(receivers.get(flapping).online())
                .as("its heartbeat after the Will is proof of life")
                .isTrue();
        assertThat(outages(flapping)).singleElement().satisfies(outage -> {
            assertThat(outage.startedAt()).isAtSameInstantAs(willAt);
            assertThat(outage.endedAt()).isAtSameInstantAs(heartbeatAt);
        });
        assertThat(receivers.get(steady).health().uptimeSeconds())
                .as("an older heartbeat later in the batch does not overwrite")
                .isEqualTo(60L);
        assertThat(receivers.get(steady).agentVersion()).isEqualTo("2.0");
    }

    private static ReceiverHealth health(OffsetDateTime at, long uptimeSeconds) {
        return new ReceiverHealth(at, uptimeSeconds, 80, false, 1_000_000L, 0L, true, null, 0L, 0L);
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
