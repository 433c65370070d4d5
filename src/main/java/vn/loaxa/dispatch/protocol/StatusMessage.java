package vn.loaxa.dispatch.protocol;

import java.time.Instant;

/** A receiver's retained status, also used as its Last Will (docs/protocol.md, "Connecting"). */
public record StatusMessage(String schema, String receiverId, Boolean online, Instant at, String agentVersion) {

    public static final String SCHEMA = "loaxa.status/1";
}
