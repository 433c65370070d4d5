package vn.loaxa.schedule.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record BroadcastView(UUID id, UUID bulletinId, String title, OffsetDateTime startAt, List<String> targetAreas,
        List<String> targetReceivers, List<OccurrenceView> occurrences, OffsetDateTime createdAt) {

    public record OccurrenceView(UUID id, OffsetDateTime playAt, OffsetDateTime expiresAt, OffsetDateTime dispatchedAt) {
    }
}
