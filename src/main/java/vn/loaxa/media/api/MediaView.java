package vn.loaxa.media.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.media.model.MediaStatus;

public record MediaView(
        UUID id,
        String title,
        String language,
        MediaStatus status,
        Long durationMs,
        String sha256,
        Long sizeBytes,
        Double loudnessLufs,
        String failureReason,
        String audioUrl,
        OffsetDateTime createdAt) {
}
