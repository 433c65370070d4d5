package vn.loaxa.delivery.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loaxa.delivery.model.DeliveryState;

/** Delivery of one broadcast: counts per state and one row per (occurrence, receiver). */
public record DeliveryReport(UUID broadcastId, int total, Map<DeliveryState, Long> counts, List<Row> deliveries) {

    /** {@code mediaId} is the audio the receiver plays: the bulletin variant for its languages. */
    public record Row(UUID occurrenceId, String receiverId, UUID mediaId, DeliveryState state, String reason,
            OffsetDateTime deliveredAt, OffsetDateTime downloadedAt, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, OffsetDateTime updatedAt) {
    }
}
