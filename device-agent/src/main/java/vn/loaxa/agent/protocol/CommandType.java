package vn.loaxa.agent.protocol;

/** What a remote command asks the agent to do. */
public enum CommandType {
    /** Set the output volume of non-emergency entries to {@code volume} (0–100). */
    SET_VOLUME,
    /** Silence non-emergency entries (they still play, inaudibly, and report as usual). */
    MUTE,
    /** Undo {@link #MUTE}. */
    UNMUTE,
    /** Play a short test tone now, unless something is playing; it reports no events. */
    TEST_TONE,
    /** Take the retained manifest again even if its version is the one held. */
    RESYNC,
    /** Publish a heartbeat now. */
    REPORT_NOW,
    /** Stop the entry that is playing; it reports FAILED with the command as reason. */
    STOP_CURRENT,
    /**
     * The server's answer to a catch-up request: what the agent lacked is on its way, and whatever else it did not get
     * on this connection it holds at the latest version, so it asks no more. Not reported in a heartbeat.
     */
    CAUGHT_UP
}
