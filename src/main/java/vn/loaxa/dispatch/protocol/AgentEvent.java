package vn.loaxa.dispatch.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** An event a receiver reports about one manifest entry (docs/protocol.md, "Events"). */
public record AgentEvent(
        String schema,
        String id,
        String receiverId,
        String occurrenceId,
        String event,
        Instant at,
        String reason,
        LiveStats live) {

    public AgentEvent(
            String schema, String id, String receiverId, String occurrenceId, String event, Instant at, String reason) {
        this(schema, id, receiverId, occurrenceId, event, at, reason, null);
    }

    /** How a live session went on the receiver, on its {@code PLAYED} event (docs/protocol.md, "Live sessions"). */
    public record LiveStats(long framesPlayed, long framesLate, long framesLost, int joins) {}

    public static final String SCHEMA = "loaxa.event/1";

    /** The stable id of an event: a name-based UUID of {@code occurrenceId/receiverId/event}. */
    public static UUID idFor(String occurrenceId, String receiverId, String event) {
        return UUID.nameUUIDFromBytes((occurrenceId + "/" + receiverId + "/" + event).getBytes(StandardCharsets.UTF_8));
    }
}
