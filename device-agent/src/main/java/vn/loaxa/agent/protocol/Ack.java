package vn.loaxa.agent.protocol;

import java.util.List;
import java.util.UUID;

/**
 * The server's word that it has stored these events (or refused them for good): only then do they leave the outbox.
 *
 * @param schema     always {@link Schemas#ACK}
 * @param receiverId the receiver whose events they are
 * @param eventIds   the events' ids
 */
public record Ack(String schema, String receiverId, List<UUID> eventIds) {

    public Ack {
        eventIds = eventIds == null ? null : List.copyOf(eventIds);
    }

    /** True if the fields the agent relies on are present. */
    public boolean isComplete() {
        return receiverId != null && eventIds != null;
    }
}
