package vn.loaxa.delivery.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryEvent;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;

/** Stores receiver events idempotently, keyed by (occurrence, receiver, event), and advances deliveries. */
@ApplicationScoped
public class EventIngestService {
    private static final int ATTEMPTS = 3;

    public enum Outcome { APPLIED, DUPLICATE, UNKNOWN_DELIVERY }

    private final DeliveryRepository deliveries;
    private final DeliveryEventRepository events;

    public EventIngestService(DeliveryRepository deliveries, DeliveryEventRepository events) {
        this.deliveries = deliveries;
        this.events = events;
    }

    public Outcome ingest(UUID occurrenceId, String receiverId, DeliveryState event, OffsetDateTime at,
            String reason, UUID eventId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew()
                        .call(() -> ingestOnce(occurrenceId, receiverId, event, at, reason, eventId));
            } catch (OptimisticLockException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (PersistenceException e) {
                // another replica stored the same event first: the unique key makes this a duplicate
                if (attempt == ATTEMPTS || !QuarkusTransaction.requiringNew()
                        .call(() -> events.exists(occurrenceId, receiverId, event))) {
                    throw e;
                }
                return Outcome.DUPLICATE;
            }
        }
    }

    private Outcome ingestOnce(UUID occurrenceId, String receiverId, DeliveryState event, OffsetDateTime at,
            String reason, UUID eventId) {
        Optional<Delivery> delivery = deliveries.findFor(occurrenceId, receiverId);
        if (delivery.isEmpty()) {
            return Outcome.UNKNOWN_DELIVERY;
        }
        if (events.exists(occurrenceId, receiverId, event)) {
            return Outcome.DUPLICATE;
        }
        OffsetDateTime now = OffsetDateTime.now();
        DeliveryEvent row = new DeliveryEvent();
        row.eventId = eventId;
        row.occurrenceId = occurrenceId;
        row.receiverId = receiverId;
        row.event = event;
        row.occurredAt = at;
        row.receivedAt = now;
        row.reason = reason;
        events.persist(row);
        delivery.get().apply(event, at, reason, now);
        events.flush();
        return Outcome.APPLIED;
    }
}
