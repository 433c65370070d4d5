package vn.loaxa.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.web.FleetStatus.Marker;
import vn.loaxa.web.FleetStatus.Status;

/**
 * What the overview lists of a fleet too large to show whole every two seconds: a province's 10,000 receivers made
 * each live event of the page about 3.7 MB. The table then shows the receivers that need attention first, and the
 * offline alerts the receivers that went offline last; the receivers page and the map still show every receiver.
 */
final class OverviewRows {
    /** Offline for less than this is news; longer, it is known and listed after the working receivers. */
    static final Duration RECENTLY_OFFLINE = Duration.ofHours(24);

    private static final Comparator<OffsetDateTime> LATEST_FIRST =
            Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder());

    private OverviewRows() {}

    /**
     * The whole fleet in its own order when it has at most {@code limit} receivers; otherwise {@code limit} of them:
     * those offline for less than {@link #RECENTLY_OFFLINE} (the latest first), then failed, playing and online, then
     * those offline for longer or never seen.
     */
    static List<Marker> table(List<Marker> fleet, int limit, OffsetDateTime now) {
        if (fleet.size() <= limit) {
            return fleet;
        }
        OffsetDateTime recent = now.minus(RECENTLY_OFFLINE);
        return fleet.stream()
                .sorted(Comparator.comparingInt((Marker m) -> rank(m, recent))
                        .thenComparing(
                                m -> m.status() == Status.OFFLINE ? m.receiver().lastSeen() : null, LATEST_FIRST))
                .limit(limit)
                .toList();
    }

    /** At most {@code limit} offline receivers, those that went offline last first. */
    static List<ReceiverView> offlineAlerts(List<ReceiverView> offline, int limit) {
        return offline.stream()
                .sorted(Comparator.comparing(ReceiverView::lastSeen, LATEST_FIRST))
                .limit(limit)
                .toList();
    }

    private static int rank(Marker marker, OffsetDateTime recent) {
        return switch (marker.status()) {
            case OFFLINE ->
                marker.receiver().lastSeen() != null
                                && marker.receiver().lastSeen().isAfter(recent)
                        ? 0
                        : 4;
            case FAILED -> 1;
            case PLAYING -> 2;
            case ONLINE -> 3;
        };
    }
}
