package vn.loaxa.delivery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loaxa.delivery.model.DeliveryState;

/**
 * Delivery of one broadcast: counts per state, how many of them a late report turned from MISSED (they count under
 * the state it turned them into, PLAYED or PLAYING), and one row per (occurrence, receiver).
 */
public record DeliveryReport(
        UUID broadcastId, int total, Map<DeliveryState, Long> counts, long reportedLate, List<Row> deliveries) {

    /**
     * {@code mediaId} is the audio the receiver plays: the bulletin variant for its languages; {@code reportedLateAt}
     * is when the receiver's report from inside the window overturned MISSED, or null; {@code live} is there for a
     * live session once the receiver has reported how it went.
     */
    public record Row(
            UUID occurrenceId,
            String receiverId,
            UUID mediaId,
            DeliveryState state,
            String reason,
            OffsetDateTime deliveredAt,
            OffsetDateTime downloadedAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            OffsetDateTime updatedAt,
            OffsetDateTime reportedLateAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Live live) {}

    /** For a live session: the frames the receiver played, dropped as late and concealed as lost, and its joins. */
    public record Live(Long framesPlayed, Long framesLate, Long framesLost, Integer joins) {}
}
