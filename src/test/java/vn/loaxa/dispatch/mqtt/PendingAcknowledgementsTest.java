package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingAcknowledgementsTest {
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void shouldGatherTheEventsOfSeveralBatchesIntoOneAcknowledgementPerReceiver() {
        PendingAcknowledgements pending = new PendingAcknowledgements(100);
        pending.add("rx-1", a);
        pending.add("rx-2", b);
        pending.add("rx-1", c);
        pending.add("rx-1", a);

        Map<String, Set<UUID>> taken = pending.takeAll();

        assertThat(taken).containsOnlyKeys("rx-1", "rx-2");
        assertThat(taken.get("rx-1")).containsExactly(a, c);
        assertThat(taken.get("rx-2")).containsExactly(b);
        assertThat(pending.size()).isZero();
        assertThat(pending.takeAll()).isEmpty();
    }

    @Test
    void shouldLetTheReceiverWaitingLongestGiveWayWhenFull() {
        PendingAcknowledgements pending = new PendingAcknowledgements(2);
        pending.add("rx-old", a);
        pending.add("rx-new", b);
        pending.add("rx-new", c);

        assertThat(pending.takeAll()).containsOnlyKeys("rx-new");
        assertThat(pending.discarded()).isEqualTo(1);
    }
}
