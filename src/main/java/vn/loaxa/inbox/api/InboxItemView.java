package vn.loaxa.inbox.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.inbox.model.InboxStatus;

/** An inbox item with what the operator needs to decide: the bulletin, and the broadcast's first airing. */
public record InboxItemView(
        UUID id,
        String communeCode,
        UUID broadcastId,
        UUID bulletinId,
        String title,
        OffsetDateTime playAt,
        String rrule,
        String timeZone,
        InboxStatus status,
        UUID placedBroadcastId,
        String reason,
        String decidedBy,
        OffsetDateTime decidedAt,
        OffsetDateTime createdAt) {}
