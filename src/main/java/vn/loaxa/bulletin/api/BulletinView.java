package vn.loaxa.bulletin.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.model.Priority;

public record BulletinView(
        UUID id,
        String title,
        String topic,
        String sourceAgency,
        Priority priority,
        BulletinStatus status,
        List<SegmentView> segments,
        List<TransitionView> history,
        OffsetDateTime createdAt) {

    public record SegmentView(UUID mediaId, String language) {}

    /** One approval step; {@code from} is null for the creation. */
    public record TransitionView(BulletinStatus from, BulletinStatus to, String by, OffsetDateTime at, String reason) {}
}
