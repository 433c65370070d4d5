package vn.loaxa.bulletin.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;

public record BulletinView(UUID id, String title, String topic, Priority priority, List<SegmentView> segments,
        OffsetDateTime createdAt) {

    public record SegmentView(UUID mediaId, String language) {
    }
}
