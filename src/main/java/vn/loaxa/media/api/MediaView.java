package vn.loaxa.media.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.media.model.MediaStatus;

/**
 * A media item. While {@code status} is PROCESSING, {@code progress} runs from 0 to 100; a FAILED item carries a
 * {@code failureReason} a person can act on. The distribution files are Ogg/Opus ({@code audioUrl}, {@code sha256})
 * and an MP3 fallback ({@code mp3Url}, {@code mp3Sha256}).
 */
public record MediaView(
        UUID id,
        String title,
        String language,
        MediaStatus status,
        int progress,
        Long durationMs,
        String sha256,
        Long sizeBytes,
        Double loudnessLufs,
        Double truePeakDbtp,
        String failureReason,
        String audioUrl,
        String mp3Sha256,
        Long mp3SizeBytes,
        String mp3Url,
        String transcript,
        OffsetDateTime createdAt) {}
