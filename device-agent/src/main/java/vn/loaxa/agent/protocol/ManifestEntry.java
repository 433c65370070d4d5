package vn.loaxa.agent.protocol;

import java.time.Instant;

/**
 * One airing of a broadcast on this receiver.
 *
 * @param occurrenceId stable id of the airing; the key of every event about it
 * @param broadcastId  the broadcast this airing belongs to
 * @param title        human-readable title, for logs
 * @param priority     bulletin class
 * @param playAt       the UTC instant at which playback starts
 * @param expiresAt    the latest instant at which playback may still start
 * @param audio        the audio to play; absent for a relay
 * @param onPreempt    what to do when a higher-priority entry interrupts it; absent means
 *                     {@link PreemptPolicy#DEFAULT}
 * @param relay        a live stream to play for a window instead of {@code audio}
 * @param test         true for a test broadcast (logged as such); absent for live ones
 * @param live         a live session to play instead of {@code audio}
 */
public record ManifestEntry(
        String occurrenceId,
        String broadcastId,
        String title,
        Priority priority,
        Instant playAt,
        Instant expiresAt,
        AudioRef audio,
        PreemptPolicy onPreempt,
        RelayRef relay,
        Boolean test,
        LiveRef live) {

    /** An entry that is not a live session: audio or relay, test or not. */
    public ManifestEntry(
            String occurrenceId,
            String broadcastId,
            String title,
            Priority priority,
            Instant playAt,
            Instant expiresAt,
            AudioRef audio,
            PreemptPolicy onPreempt,
            RelayRef relay,
            Boolean test) {
        this(occurrenceId, broadcastId, title, priority, playAt, expiresAt, audio, onPreempt, relay, test, null);
    }

    /** A live session entry. */
    public ManifestEntry(
            String occurrenceId,
            String broadcastId,
            String title,
            Priority priority,
            Instant playAt,
            Instant expiresAt,
            PreemptPolicy onPreempt,
            LiveRef live) {
        this(occurrenceId, broadcastId, title, priority, playAt, expiresAt, null, onPreempt, null, null, live);
    }

    /** A broadcast entry, audio or relay. */
    public ManifestEntry(
            String occurrenceId,
            String broadcastId,
            String title,
            Priority priority,
            Instant playAt,
            Instant expiresAt,
            AudioRef audio,
            PreemptPolicy onPreempt,
            RelayRef relay) {
        this(occurrenceId, broadcastId, title, priority, playAt, expiresAt, audio, onPreempt, relay, null, null);
    }

    /** An entry that plays downloaded audio. */
    public ManifestEntry(
            String occurrenceId,
            String broadcastId,
            String title,
            Priority priority,
            Instant playAt,
            Instant expiresAt,
            AudioRef audio,
            PreemptPolicy onPreempt) {
        this(occurrenceId, broadcastId, title, priority, playAt, expiresAt, audio, onPreempt, null, null, null);
    }

    /** An entry with the default pre-emption policy. */
    public ManifestEntry(
            String occurrenceId,
            String broadcastId,
            String title,
            Priority priority,
            Instant playAt,
            Instant expiresAt,
            AudioRef audio) {
        this(occurrenceId, broadcastId, title, priority, playAt, expiresAt, audio, null, null, null, null);
    }

    /** The bulletin class; absent counts as {@link Priority#NORMAL}. */
    public Priority effectivePriority() {
        return priority == null ? Priority.NORMAL : priority;
    }

    /** The pre-emption policy; absent counts as {@link PreemptPolicy#DEFAULT}. */
    public PreemptPolicy effectivePreemptPolicy() {
        return onPreempt == null ? PreemptPolicy.DEFAULT : onPreempt;
    }

    /** True for a test broadcast. */
    public boolean isTest() {
        return Boolean.TRUE.equals(test);
    }

    /** True if the entry relays a live stream rather than playing a file. */
    public boolean relays() {
        return relay != null && live == null;
    }

    /** True if the entry plays a live session's frames rather than a file or a relay. */
    public boolean playsLive() {
        return live != null;
    }

    /** True if nothing is downloaded ahead for the entry: a relay or a live session. */
    public boolean streams() {
        return relays() || playsLive();
    }

    /** True if every field the agent needs to act on the entry is present. */
    public boolean isComplete() {
        return occurrenceId != null
                && !occurrenceId.isBlank()
                && playAt != null
                && expiresAt != null
                && (playsLive()
                        ? live.isComplete()
                        : relays()
                                ? relay.isComplete()
                                : audio != null && audio.url() != null && audio.sha256() != null);
    }
}
