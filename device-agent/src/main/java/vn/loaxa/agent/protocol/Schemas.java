package vn.loaxa.agent.protocol;

/** The {@code schema} values this agent understands (protocol version 1). */
public final class Schemas {

    /** Schema of a manifest, server to agent. */
    public static final String MANIFEST = "loaxa.manifest/1";
    /** Schema of an event, agent to server. */
    public static final String EVENT = "loaxa.event/1";
    /** Schema of a status message, agent to server. */
    public static final String STATUS = "loaxa.status/1";

    /** Schema of a heartbeat, agent to server. */
    public static final String HEARTBEAT = "loaxa.heartbeat/1";
    /** Schema of the list of areas a receiver listens to, server to agent. */
    public static final String AREAS = "loaxa.areas/1";
    /** Schema of the server's acknowledgement of stored events, server to agent. */
    public static final String ACK = "loaxa.ack/1";
    /** Schema of a request for the manifests the receiver lacks, agent to server. */
    public static final String CATCHUP = "loaxa.catchup/1";
    /** Schema of a remote command, server to agent. */
    public static final String COMMAND = "loaxa.command/1";

    /** Schema of the server's time answer, {@code GET /api/v1/time}. */
    public static final String TIME = "loaxa.time/1";

    private Schemas() {}
}
