package vn.loaxa.receiver.api;

import java.time.OffsetDateTime;

/** The values of a receiver's latest heartbeat (docs/protocol.md, "Heartbeat"). */
public record ReceiverHealth(
        OffsetDateTime at,
        Long uptimeSeconds,
        Integer volume,
        Boolean muted,
        Long freeCacheBytes,
        Long clockOffsetMs,
        Boolean audioOutputOk,
        String lastError,
        Long outboxPending,
        Long outboxDropped) {}
