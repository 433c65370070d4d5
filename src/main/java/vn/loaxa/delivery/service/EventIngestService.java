package vn.loaxa.delivery.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryEvent;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;

/** Stores receiver events idempotently, keyed by (occurrence, receiver, event), and advances deliveries. */
@ApplicationScoped
public class EventIngestService {
    private static final Logger LOG = Logger.getLogger(EventIngestService.class);
    private static final int ATTEMPTS = 3;
    /** Receivers per IN list, well below every database's limit on bind parameters. */
    private static final int IN_LIST = 1000;

    public enum Outcome { APPLIED, DUPLICATE, UNKNOWN_DELIVERY }

    private final DeliveryRepository deliveries;
    private final DeliveryEventRepository events;
    private final LateAreaDeliveries lateJoiners;

    public EventIngestService(DeliveryRepository deliveries, DeliveryEventRepository events,
            LateAreaDeliveries lateJoiners) {
        this.deliveries = deliveries;
        this.events = events;
        this.lateJoiners = lateJoiners;
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
                if (QuarkusTransaction.requiringNew().call(() -> events.exists(occurrenceId, receiverId, event))) {
                    return Outcome.DUPLICATE;
                }
                // or created the same late joiner's delivery first: the next attempt finds it
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stores a batch of events in one transaction and returns one outcome per event, in order. If the batch
     * collides with another replica (the same event stored, or the same delivery updated, concurrently), it is
     * rolled back and replayed one event at a time, which sorts out every such race.
     */
    public List<Outcome> ingestBatch(List<IncomingEvent> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> ingestBatchOnce(batch));
        } catch (RuntimeException e) {
            // the failure may surface at commit, wrapped in a transaction exception: any failure means "replay"
            LOG.debugf(e, "Batch of %d events replayed one by one", batch.size());
            return batch.stream().map(one -> ingest(one.occurrenceId(), one.receiverId(), one.event(), one.at(),
                    one.reason(), one.eventId())).toList();
        }
    }

    private List<Outcome> ingestBatchOnce(List<IncomingEvent> batch) {
        Map<UUID, Set<String>> receiversByOccurrence = new LinkedHashMap<>();
        batch.forEach(e -> receiversByOccurrence.computeIfAbsent(e.occurrenceId(), k -> new LinkedHashSet<>())
                .add(e.receiverId()));
        Map<DeliveryKey, Delivery> found = new HashMap<>();
        Set<IncomingEvent.Key> seen = new HashSet<>();
        OffsetDateTime now = OffsetDateTime.now();
        receiversByOccurrence.forEach((occurrenceId, receiverIds) -> {
            for (List<String> chunk : chunks(List.copyOf(receiverIds))) {
                deliveries.forReceivers(occurrenceId, chunk)
                        .forEach(d -> found.put(new DeliveryKey(occurrenceId, d.receiverId), d));
                events.storedFor(occurrenceId, chunk).forEach(row -> seen.add(
                        new IncomingEvent.Key(occurrenceId, (String) row[0], (DeliveryState) row[1])));
                List<String> missing = chunk.stream()
                        .filter(rx -> !found.containsKey(new DeliveryKey(occurrenceId, rx))).toList();
                if (!missing.isEmpty()) {
                    lateJoiners.create(occurrenceId, missing, now)
                            .forEach(d -> found.put(new DeliveryKey(occurrenceId, d.receiverId), d));
                }
            }
        });
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<DeliveryEvent> rows = new ArrayList<>();
        for (IncomingEvent e : batch) {
            Delivery delivery = found.get(new DeliveryKey(e.occurrenceId(), e.receiverId()));
            if (delivery == null) {
                outcomes.add(Outcome.UNKNOWN_DELIVERY);
            } else if (!seen.add(e.key())) {
                outcomes.add(Outcome.DUPLICATE);
            } else {
                rows.add(row(e.occurrenceId(), e.receiverId(), e.event(), e.at(), e.reason(), e.eventId(),
                        e.receivedAt()));
                delivery.apply(e.event(), e.at(), e.reason(), now);
                outcomes.add(Outcome.APPLIED);
            }
        }
        events.insertBatch(rows);
        return outcomes;
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += IN_LIST) {
            chunks.add(values.subList(i, Math.min(values.size(), i + IN_LIST)));
        }
        return chunks;
    }

    private record DeliveryKey(UUID occurrenceId, String receiverId) {
    }

    private static DeliveryEvent row(UUID occurrenceId, String receiverId, DeliveryState event, OffsetDateTime at,
            String reason, UUID eventId, OffsetDateTime receivedAt) {
        DeliveryEvent row = new DeliveryEvent();
        row.eventId = eventId;
        row.occurrenceId = occurrenceId;
        row.receiverId = receiverId;
        row.event = event;
        row.occurredAt = at;
        row.receivedAt = receivedAt;
        row.reason = reason;
        return row;
    }

    private Outcome ingestOnce(UUID occurrenceId, String receiverId, DeliveryState event, OffsetDateTime at,
            String reason, UUID eventId) {
        OffsetDateTime now = OffsetDateTime.now();
        Optional<Delivery> delivery = deliveries.findFor(occurrenceId, receiverId).or(() -> lateJoiners
                .create(occurrenceId, List.of(receiverId), now).stream().findFirst());
        if (delivery.isEmpty()) {
            return Outcome.UNKNOWN_DELIVERY;
        }
        if (events.exists(occurrenceId, receiverId, event)) {
            return Outcome.DUPLICATE;
        }
        events.persist(row(occurrenceId, receiverId, event, at, reason, eventId, now));
        delivery.get().apply(event, at, reason, now);
        events.flush();
        return Outcome.APPLIED;
    }
}
