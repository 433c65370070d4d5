package vn.loaxa.dispatch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A receiver's schedule for the dispatch horizon (docs/protocol.md, "Manifest"), or an area's: the entries that are
 * the same for every receiver of the area subtree ("Area manifests"). Exactly one of {@code receiverId} and
 * {@code area} is set.
 */
public record ManifestMessage(
        String schema,
        @JsonInclude(JsonInclude.Include.NON_NULL) String receiverId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String area,
        long version,
        Instant generatedAt,
        List<ManifestEntry> entries) {

    public static final String SCHEMA = "loaxa.manifest/1";

    public static ManifestMessage ofReceiver(
            String receiverId, long version, Instant generatedAt, List<ManifestEntry> entries) {
        return new ManifestMessage(SCHEMA, receiverId, null, version, generatedAt, entries);
    }

    public static ManifestMessage ofArea(String area, long version, Instant generatedAt, List<ManifestEntry> entries) {
        return new ManifestMessage(SCHEMA, null, area, version, generatedAt, entries);
    }

    /**
     * One airing. {@code onPreempt} ({@code RESUME}, {@code RESTART} or {@code DROP}) is left out when the
     * broadcast names no policy; the agent then resumes. A relay entry has {@code relay} and no {@code audio}; a
     * live entry has {@code live} and neither.
     */
    public record ManifestEntry(
            String occurrenceId,
            String broadcastId,
            String title,
            String priority,
            Instant playAt,
            Instant expiresAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String onPreempt,
            @JsonInclude(JsonInclude.Include.NON_NULL) AudioRef audio,
            @JsonInclude(JsonInclude.Include.NON_NULL) RelayRef relay,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean test,
            @JsonInclude(JsonInclude.Include.NON_NULL) LiveRef live) {

        /** An entry that plays downloaded audio or relays a stream. */
        public ManifestEntry(
                String occurrenceId,
                String broadcastId,
                String title,
                String priority,
                Instant playAt,
                Instant expiresAt,
                String onPreempt,
                AudioRef audio,
                RelayRef relay,
                Boolean test) {
            this(occurrenceId, broadcastId, title, priority, playAt, expiresAt, onPreempt, audio, relay, test, null);
        }
    }

    /**
     * A live session's signed announcement (docs/protocol.md, "Live sessions"): its frames come on the session's
     * topic, authenticated with {@code frameKey}, and play at their capture time plus {@code delayMs}.
     */
    public record LiveRef(
            String sessionId,
            String codec,
            int sampleRate,
            int channels,
            String frameKey,
            int delayMs,
            Instant endsAt) {

        public static final String OPUS = "opus";
        public static final int SAMPLE_RATE = 48_000;

        public static LiveRef opus(String sessionId, String frameKey, int delayMs, Instant endsAt) {
            return new LiveRef(sessionId, OPUS, SAMPLE_RATE, 1, frameKey, delayMs, endsAt);
        }
    }

    /** A live stream played from {@code playAt} until {@code endsAt} instead of {@code audio} (relay). */
    public record RelayRef(String url, Instant endsAt) {}

    public record AudioRef(String url, String sha256, long durationMs, long sizeBytes, String contentType) {}
}
