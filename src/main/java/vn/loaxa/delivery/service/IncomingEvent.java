package vn.loaxa.delivery.service;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.model.LiveCounts;

/**
 * One validated receiver event waiting to be stored; {@code receivedAt} is when the server got it. {@code live}
 * holds a live session's counts, stored in the same transaction as the event; only PLAYED carries them
 * (docs/protocol.md), so counts on any other event are not kept.
 */
public record IncomingEvent(
        UUID eventId,
        UUID occurrenceId,
        String receiverId,
        DeliveryState event,
        OffsetDateTime at,
        String reason,
        OffsetDateTime receivedAt,
        LiveCounts live) {

    public IncomingEvent {
        if (event != DeliveryState.PLAYED) {
            live = null;
        }
    }

    /** An event that carries no live counts. */
    public IncomingEvent(
            UUID eventId,
            UUID occurrenceId,
            String receiverId,
            DeliveryState event,
            OffsetDateTime at,
            String reason,
            OffsetDateTime receivedAt) {
        this(eventId, occurrenceId, receiverId, event, at, reason, receivedAt, null);
    }

    public Key key() {
        return new Key(occurrenceId, receiverId, event);
    }

    /** The idempotency key: one stored event per (occurrence, receiver, event). */
    public record Key(UUID occurrenceId, String receiverId, DeliveryState event) {}
}
