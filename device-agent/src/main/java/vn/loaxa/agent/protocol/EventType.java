package vn.loaxa.agent.protocol;

/** The progress events an agent reports for a manifest entry. */
public enum EventType {
    /** The entry was received in a manifest. */
    DELIVERED,
    /** The audio was downloaded and its SHA-256 verified. */
    DOWNLOADED,
    /** Playback started. */
    PLAYING,
    /** Playback ended normally. */
    PLAYED,
    /** The entry cannot play; the event's reason says why. */
    FAILED,
    /** {@code expiresAt} passed before playback could start. */
    MISSED,
    /** A higher-priority entry interrupted it and it will not play again (policy {@code DROP}). */
    PREEMPTED;

    /** True for the events after which nothing more happens to the entry. */
    public boolean isFinal() {
        return this == PLAYED || this == FAILED || this == MISSED || this == PREEMPTED;
    }
}
