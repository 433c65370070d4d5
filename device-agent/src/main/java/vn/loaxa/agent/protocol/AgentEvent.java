package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A progress report about one manifest entry, published on the event topic.
 *
 * @param schema       always {@link Schemas#EVENT}
 * @param id           {@link #idFor(String, String, EventType) name-based UUID}; the same event always has the same id
 * @param receiverId   the reporting receiver
 * @param occurrenceId the entry the event is about
 * @param event        what happened
 * @param at           the agent's clock at the moment of the event
 * @param reason       for {@link EventType#FAILED}: why, in words a person can act on; otherwise absent
 * @param live         for the {@link EventType#PLAYED} of a live session: how it went; otherwise absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentEvent(
        String schema,
        UUID id,
        String receiverId,
        String occurrenceId,
        EventType event,
        Instant at,
        String reason,
        LiveReport live) {

    /** An event that is not about a live session's end. */
    public AgentEvent(
            String schema,
            UUID id,
            String receiverId,
            String occurrenceId,
            EventType event,
            Instant at,
            String reason) {
        this(schema, id, receiverId, occurrenceId, event, at, reason, null);
    }

    /** Builds an event with its derived id. */
    public static AgentEvent of(String receiverId, String occurrenceId, EventType event, Instant at, String reason) {
        return of(receiverId, occurrenceId, event, at, reason, null);
    }

    /** Builds an event with its derived id and, for a live session's end, its report. */
    public static AgentEvent of(
            String receiverId, String occurrenceId, EventType event, Instant at, String reason, LiveReport live) {
        return new AgentEvent(
                Schemas.EVENT,
                idFor(occurrenceId, receiverId, event),
                receiverId,
                occurrenceId,
                event,
                at,
                reason,
                live);
    }

    /** The version-3 UUID of the UTF-8 string {@code {occurrenceId}/{receiverId}/{event}}. */
    public static UUID idFor(String occurrenceId, String receiverId, EventType event) {
        String name = occurrenceId + "/" + receiverId + "/" + event.name();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
