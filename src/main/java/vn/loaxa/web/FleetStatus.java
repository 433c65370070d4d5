package vn.loaxa.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.DeliveryQueryService;
import vn.loaxa.receiver.api.ReceiverView;

/** What each receiver is doing now, as the map's markers and the overview show it. */
@ApplicationScoped
public class FleetStatus {
    /** A PLAYING older than this is not shown as playing: its PLAYED or its MISSED is overdue. */
    static final Duration PLAYING_WITHIN = Duration.ofHours(2);
    /** A receiver shows as failed for this long after a failed delivery. */
    static final Duration FAILED_WITHIN = Duration.ofHours(24);

    /** By precedence: a receiver that is offline shows as offline whatever it did before. */
    public enum Status {
        OFFLINE,
        PLAYING,
        FAILED,
        ONLINE;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One receiver's status; {@code lastHeard} is its latest heartbeat, or its latest status change before any. */
    public record Marker(ReceiverView receiver, Status status, OffsetDateTime lastHeard) {
        public String id() {
            return receiver.id();
        }
    }

    private final DeliveryQueryService deliveries;

    public FleetStatus(DeliveryQueryService deliveries) {
        this.deliveries = deliveries;
    }

    public List<Marker> of(List<ReceiverView> receivers) {
        OffsetDateTime now = OffsetDateTime.now();
        Set<String> playing = deliveries.receiversInState(DeliveryState.PLAYING, now.minus(PLAYING_WITHIN));
        Set<String> failed = deliveries.receiversInState(DeliveryState.FAILED, now.minus(FAILED_WITHIN));
        return receivers.stream()
                .map(r -> new Marker(r, status(r, playing, failed), lastHeard(r)))
                .toList();
    }

    static OffsetDateTime lastHeard(ReceiverView r) {
        return r.health() != null && r.health().at() != null ? r.health().at() : r.lastSeen();
    }

    private static Status status(ReceiverView r, Set<String> playing, Set<String> failed) {
        if (!r.online()) {
            return Status.OFFLINE;
        }
        if (playing.contains(r.id())) {
            return Status.PLAYING;
        }
        return failed.contains(r.id()) ? Status.FAILED : Status.ONLINE;
    }
}
