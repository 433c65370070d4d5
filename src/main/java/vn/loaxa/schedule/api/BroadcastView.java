package vn.loaxa.schedule.api;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.schedule.model.PreemptPolicy;

public record BroadcastView(
        UUID id,
        UUID bulletinId,
        String title,
        String relayUrl,
        OffsetDateTime startAt,
        String timeZone,
        String rrule,
        List<LocalDateTime> exdates,
        long lateStartGraceSeconds,
        List<String> targetAreas,
        List<String> targetReceivers,
        List<String> targetGroups,
        List<OccurrenceView> occurrences,
        PreemptPolicy onPreempt,
        OffsetDateTime createdAt,
        OffsetDateTime cancelledAt,
        String cancelledBy,
        boolean awaitingConfirmation,
        String confirmedBy,
        boolean test) {

    public record OccurrenceView(
            UUID id,
            OffsetDateTime playAt,
            OffsetDateTime expiresAt,
            OffsetDateTime dispatchedAt,
            OffsetDateTime cancelledAt) {}
}
