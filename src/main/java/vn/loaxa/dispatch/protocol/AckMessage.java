package vn.loaxa.dispatch.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The server's word that it has stored (or refused for good) these events of one receiver, sent after the commit;
 * the agent keeps each event in its outbox until it is named here (docs/protocol.md, "Events").
 */
public record AckMessage(String schema, String receiverId, List<UUID> eventIds, Instant at) {

    public static final String SCHEMA = "loaxa.ack/1";
    /** Ids in one acknowledgement at most, so that a large backlog is acknowledged in messages of a few kilobytes. */
    public static final int MAX_IDS = 500;
}
