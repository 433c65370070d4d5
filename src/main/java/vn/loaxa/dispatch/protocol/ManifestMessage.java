package vn.loaxa.dispatch.protocol;

import java.time.Instant;
import java.util.List;

/** A receiver's whole schedule for the dispatch horizon (docs/protocol.md, "Manifest"). */
public record ManifestMessage(String schema, String receiverId, long version, Instant generatedAt,
        List<ManifestEntry> entries) {

    public static final String SCHEMA = "loaxa.manifest/1";

    public record ManifestEntry(String occurrenceId, String broadcastId, String title, String priority,
            Instant playAt, Instant expiresAt, AudioRef audio) {
    }

    public record AudioRef(String url, String sha256, long durationMs, long sizeBytes, String contentType) {
    }
}
