package vn.loaxa.dispatch.protocol;

import java.time.Instant;

/** A receiver's periodic health report (docs/protocol.md, "Heartbeat"). */
public record HeartbeatMessage(
        String schema,
        String receiverId,
        Instant at,
        String agentVersion,
        Long uptimeSeconds,
        Integer volume,
        Boolean muted,
        Long freeCacheBytes,
        Long clockOffsetMs,
        Boolean audioOutputOk,
        String lastError,
        Long outboxPending,
        Long outboxDropped,
        Long messagesDropped,
        String lastCommandId) {

    public static final String SCHEMA = "loaxa.heartbeat/1";
}
