package vn.loaxa.delivery.service;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.delivery.model.DeliveryState;

/** One validated receiver event waiting to be stored; {@code receivedAt} is when the server got it. */
public record IncomingEvent(
        UUID eventId,
        UUID occurrenceId,
        String receiverId,
        DeliveryState event,
        OffsetDateTime at,
        String reason,
        OffsetDateTime receivedAt) {

    public Key key() {
        return new Key(occurrenceId, receiverId, event);
    }

    /** The idempotency key: one stored event per (occurrence, receiver, event). */
    public record Key(UUID occurrenceId, String receiverId, DeliveryState event) {}
}
