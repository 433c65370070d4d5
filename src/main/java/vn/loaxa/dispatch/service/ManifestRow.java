package vn.loaxa.dispatch.service;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.schedule.model.PreemptPolicy;

/** One still-pending delivery of a receiver, with what its manifest entry needs. */
public record ManifestRow(
        String receiverId,
        UUID occurrenceId,
        UUID broadcastId,
        String title,
        Priority priority,
        OffsetDateTime playAt,
        OffsetDateTime expiresAt,
        OffsetDateTime windowEnd,
        UUID mediaId,
        String sha256,
        Long durationMs,
        Long sizeBytes,
        int stateRank,
        PreemptPolicy onPreempt,
        String relayUrl,
        Integer relayWindowSeconds,
        boolean test,
        UUID liveSessionId,
        String liveFrameKey,
        Integer liveDelayMs) {

    /** A relay lasts its window; that is its duration for the priority rule. */
    public ManifestRow {
        if (durationMs == null && relayWindowSeconds != null) {
            durationMs = relayWindowSeconds * 1000L;
        }
    }

    /** A row of a bulletin or a relay. */
    public ManifestRow(
            String receiverId,
            UUID occurrenceId,
            UUID broadcastId,
            String title,
            Priority priority,
            OffsetDateTime playAt,
            OffsetDateTime expiresAt,
            OffsetDateTime windowEnd,
            UUID mediaId,
            String sha256,
            Long durationMs,
            Long sizeBytes,
            int stateRank,
            PreemptPolicy onPreempt,
            String relayUrl,
            Integer relayWindowSeconds,
            boolean test) {
        this(
                receiverId,
                occurrenceId,
                broadcastId,
                title,
                priority,
                playAt,
                expiresAt,
                windowEnd,
                mediaId,
                sha256,
                durationMs,
                sizeBytes,
                stateRank,
                onPreempt,
                relayUrl,
                relayWindowSeconds,
                test,
                null,
                null,
                null);
    }

    /** A row without a relay. */
    public ManifestRow(
            String receiverId,
            UUID occurrenceId,
            UUID broadcastId,
            String title,
            Priority priority,
            OffsetDateTime playAt,
            OffsetDateTime expiresAt,
            OffsetDateTime windowEnd,
            UUID mediaId,
            String sha256,
            Long durationMs,
            Long sizeBytes,
            int stateRank,
            PreemptPolicy onPreempt) {
        this(
                receiverId,
                occurrenceId,
                broadcastId,
                title,
                priority,
                playAt,
                expiresAt,
                windowEnd,
                mediaId,
                sha256,
                durationMs,
                sizeBytes,
                stateRank,
                onPreempt,
                null,
                null,
                false);
    }
}
