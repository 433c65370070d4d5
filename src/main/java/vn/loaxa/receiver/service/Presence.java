package vn.loaxa.receiver.service;

import java.time.OffsetDateTime;
import vn.loaxa.receiver.api.ReceiverHealth;

/** One presence report of a receiver, as the server received it: its status or its heartbeat. */
public sealed interface Presence {

    String receiverId();

    /**
     * A status report: online when the agent connects, offline in its Last Will.
     *
     * @param receivedAt when the server received it; presence follows this order
     * @param reportedAt the agent's clock when it sent it, for information; null in a Last Will
     */
    record Status(
            String receiverId,
            boolean online,
            OffsetDateTime receivedAt,
            OffsetDateTime reportedAt,
            String agentVersion)
            implements Presence {}

    /** @param receivedAt when the server received it */
    record Heartbeat(String receiverId, String agentVersion, ReceiverHealth health, OffsetDateTime receivedAt)
            implements Presence {}
}
