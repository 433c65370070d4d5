package vn.loaxa.agent;

/** Why an incoming message was dropped. */
public enum DropReason {
    /** Arrived on a topic that is not this receiver's manifest or command topic. */
    UNEXPECTED_TOPIC,
    /** Zero-length payload (e.g. a cleared retained message). */
    EMPTY,
    /** Not valid JSON, or JSON of the wrong shape. */
    MALFORMED,
    /** A {@code schema} this agent does not know. */
    UNKNOWN_SCHEMA,
    /** The payload's {@code receiverId} is not this receiver. */
    RECEIVER_MISMATCH,
    /** A required field is missing. */
    INCOMPLETE,
    /** A command whose {@code expiresAt}, or a message whose signed expiry, has passed. */
    EXPIRED,
    /** A manifest or command without a signature block, while signing keys are trusted. */
    UNSIGNED,
    /** Signed with a key this agent does not trust. */
    UNKNOWN_KEY,
    /** The signature does not match the message (forged or altered). */
    BAD_SIGNATURE,
    /** A signed message older than, or for a command the same as, the last one accepted on its topic. */
    REPLAYED,
    /** A command whose id was already carried out (a QoS 1 redelivery). */
    DUPLICATE,
    /** A live frame that is too short, of a version or kind this agent does not know, or inconsistent. */
    BAD_LIVE_FRAME,
    /** A live frame whose tag does not match its session's frame key (forged or altered). */
    FORGED_LIVE_FRAME,
    /** A live frame of a session this agent is not playing now. */
    NO_LIVE_SESSION
}
