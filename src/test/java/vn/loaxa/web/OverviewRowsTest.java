package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.web.FleetStatus.Marker;
import vn.loaxa.web.FleetStatus.Status;

/** Which receivers the overview lists when the fleet is larger than its table. */
class OverviewRowsTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 7, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldListASmallFleetWholeInItsOwnOrder() {
        List<Marker> fleet = List.of(
                marker("a", Status.ONLINE, NOW.minusMinutes(1)),
                marker("b", Status.OFFLINE, NOW.minusMinutes(5)),
                marker("c", Status.PLAYING, NOW));

        assertThat(OverviewRows.table(fleet, 3, NOW)).isSameAs(fleet);
    }

    @Test
    void shouldPutTheReceiversThatNeedAttentionFirstWhenTheFleetIsLargerThanTheTable() {
        List<Marker> fleet = List.of(
                marker("never-seen", Status.OFFLINE, null),
                marker("online", Status.ONLINE, NOW.minusMinutes(1)),
                marker("gone-last-week", Status.OFFLINE, NOW.minusDays(7)),
                marker("playing", Status.PLAYING, NOW),
                marker("gone-an-hour-ago", Status.OFFLINE, NOW.minusHours(1)),
                marker("failed", Status.FAILED, NOW),
                marker("gone-just-now", Status.OFFLINE, NOW.minusMinutes(1)));

        assertThat(OverviewRows.table(fleet, 6, NOW))
                .extracting(Marker::id)
                .containsExactly("gone-just-now", "gone-an-hour-ago", "failed", "playing", "online", "gone-last-week");
        assertThat(OverviewRows.table(fleet, 2, NOW))
                .extracting(Marker::id)
                .containsExactly("gone-just-now", "gone-an-hour-ago");
    }

    @Test
    void shouldAlertAboutTheReceiversThatWentOfflineLastFirst() {
        List<ReceiverView> offline = List.of(
                receiver("never-seen", false, null),
                receiver("old", false, NOW.minusDays(3)),
                receiver("latest", false, NOW.minusMinutes(2)),
                receiver("earlier", false, NOW.minusHours(2)));

        assertThat(OverviewRows.offlineAlerts(offline, 3))
                .extracting(ReceiverView::id)
                .containsExactly("latest", "earlier", "old");
    }

    private static Marker marker(String id, Status status, OffsetDateTime lastSeen) {
        return new Marker(receiver(id, status != Status.OFFLINE, lastSeen), status, lastSeen);
    }

    private static ReceiverView receiver(String id, boolean online, OffsetDateTime lastSeen) {
        return new ReceiverView(id, id, "OVR", List.of("vie"), null, null, online, lastSeen, null, null, null);
    }
}
