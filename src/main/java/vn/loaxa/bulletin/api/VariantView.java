package vn.loaxa.bulletin.api;

import java.util.List;
import java.util.UUID;

/**
 * One rendered variant: the bulletin's ALL segments plus its segments in {@code languages}, in bulletin order, as
 * one normalised file whose duration is exact.
 */
public record VariantView(
        List<String> languages,
        UUID mediaId,
        long durationMs,
        String sha256,
        String audioUrl,
        String mp3Sha256,
        String mp3Url) {}
