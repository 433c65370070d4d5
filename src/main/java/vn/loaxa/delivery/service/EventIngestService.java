package vn.loaxa.delivery.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryAdvance;
import vn.loaxa.delivery.model.DeliveryEvent;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.model.IngestStore;
import vn.loaxa.delivery.model.IngestStore.DeliveryRef;
import vn.loaxa.delivery.model.LiveCounts;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

/** Stores receiver events idempotently, keyed by (occurrence, receiver, event), and advances deliveries. */
@ApplicationScoped
public class EventIngestService {
    private static final Logger LOG = Logger.getLogger(EventIngestService.class);
    private static final int ATTEMPTS = 3;

    public static final String REPLAYED_METER = "loaxa.ingest.replayed.batches";
    public static final String OVERTURNED_METER = "loaxa.delivery.missed.overturned";

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        UNKNOWN_DELIVERY
    }

    private record Stored(Outcome outcome, boolean overturned) {}

    private record StoredBatch(List<Outcome> outcomes, int overturned) {}

    private final DeliveryRepository deliveries;
    private final DeliveryEventRepository events;
    private final AgroalDataSource dataSource;
    private final IngestStore store;
    private final Counter replayed;
    private final Counter overturned;
    private final LateAreaDeliveries lateJoiners;
    private final OccurrenceRepository occurrences;
    private final IngestConfig config;
    private final Event<DeliveriesAdvanced> advanced;

    public EventIngestService(
            DeliveryRepository deliveries,
            DeliveryEventRepository events,
            AgroalDataSource dataSource,
            IngestStore store,
            MeterRegistry registry,
            LateAreaDeliveries lateJoiners,
            OccurrenceRepository occurrences,
            IngestConfig config,
            Event<DeliveriesAdvanced> advanced) {
        this.advanced = advanced;
        this.lateJoiners = lateJoiners;
        this.occurrences = occurrences;
        this.config = config;
        this.deliveries = deliveries;
        this.events = events;
        this.dataSource = dataSource;
        this.store = store;
        this.replayed = Counter.builder(REPLAYED_METER)
                .description("Event batches that collided with another writer and were replayed one event at a time")
                .register(registry);
        this.overturned = Counter.builder(OVERTURNED_METER)
                .description("MISSED deliveries turned into PLAYING or PLAYED by a receiver's late report from"
                        + " inside the window")
                .register(registry);
    }

    public Outcome ingest(
            UUID occurrenceId, String receiverId, DeliveryState event, OffsetDateTime at, String reason, UUID eventId) {
        return ingest(new IncomingEvent(eventId, occurrenceId, receiverId, event, at, reason, OffsetDateTime.now()));
    }

    /** Stores one event, and the live counts it carries, in one transaction. */
    public Outcome ingest(IncomingEvent incoming) {
        UUID occurrenceId = incoming.occurrenceId();
        String receiverId = incoming.receiverId();
        DeliveryState event = incoming.event();
        for (int attempt = 1; ; attempt++) {
            try {
                Stored stored = QuarkusTransaction.requiringNew().call(() -> ingestOnce(incoming));
                if (stored.overturned()) {
                    overturned.increment();
                }
                return stored.outcome();
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
     * Stores a batch of events in one transaction and returns one outcome per event, in order: one lookup of the
     * deliveries and their stored events, one insert of the new events, one set-based update of the deliveries and
     * one batch of the live counts that came with the events (see {@link IngestStore}). Concurrent updates of the
     * same delivery need no retry, since the update is relative to the row it finds; if the batch collides with
     * another replica storing the same event (or deadlocks with it), it is rolled back and replayed one event at a
     * time, which sorts out every such race.
     */
    public List<Outcome> ingestBatch(List<IncomingEvent> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try {
            StoredBatch stored = QuarkusTransaction.requiringNew().call(() -> ingestBatchOnce(batch));
            overturned.increment(stored.overturned());
            return stored.outcomes();
        } catch (RuntimeException e) {
            // the failure may surface at commit, wrapped in a transaction exception: any failure means "replay"
            LOG.debugf(e, "Batch of %d events replayed one by one", batch.size());
            replayed.increment();
            return batch.stream().map(this::ingest).toList();
        }
    }

    private StoredBatch ingestBatchOnce(List<IncomingEvent> batch) throws SQLException {
        DeliveryRef[] refs = new DeliveryRef[batch.size()];
        Set<DeliveryRef> distinct = new LinkedHashSet<>();
        for (int i = 0; i < refs.length; i++) {
            IncomingEvent e = batch.get(i);
            refs[i] = new DeliveryRef(e.occurrenceId(), e.receiverId());
            distinct.add(refs[i]);
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<DeliveryRef, IngestStore.Known> known = store.lookup(connection, distinct);
            addLateJoiners(distinct, known);
            // by delivery id, so that concurrent writers lock rows in the same order
            Map<Long, DeliveryAdvance> advances = new TreeMap<>();
            Set<OffsetDateTime> playTimes = new HashSet<>();
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            List<DeliveryEvent> rows = new ArrayList<>(batch.size());
            Map<Long, LiveCounts> liveCounts = new TreeMap<>();
            for (int i = 0; i < refs.length; i++) {
                IncomingEvent e = batch.get(i);
                IngestStore.Known delivery = known.get(refs[i]);
                if (delivery != null && e.live() != null) {
                    liveCounts.put(delivery.deliveryId(), e.live());
                }
                if (delivery == null) {
                    outcomes.add(Outcome.UNKNOWN_DELIVERY);
                } else if (!delivery.stored().add(e.event())) {
                    // stored before, or earlier in this batch: the set grows as the batch is read
                    outcomes.add(Outcome.DUPLICATE);
                } else {
                    rows.add(row(
                            e.occurrenceId(),
                            e.receiverId(),
                            e.event(),
                            e.at(),
                            e.reason(),
                            e.eventId(),
                            e.receivedAt(),
                            delivery.playAt()));
                    advances.computeIfAbsent(delivery.deliveryId(), DeliveryAdvance::new)
                            .add(
                                    e.event(),
                                    e.at(),
                                    e.reason(),
                                    inWindow(e.event(), e.at(), delivery.playAt(), delivery.windowEnd()));
                    playTimes.add(delivery.playAt());
                    outcomes.add(Outcome.APPLIED);
                }
            }
            store.insertEvents(connection, rows);
            OffsetDateTime now = OffsetDateTime.now();
            int overturnedRows = store.advance(connection, advances.values(), now);
            store.recordLive(connection, liveCounts);
            if (!playTimes.isEmpty()) {
                advanced.fire(new DeliveriesAdvanced(playTimes, now));
            }
            return new StoredBatch(outcomes, overturnedRows);
        }
    }

    /**
     * Creates the deliveries of receivers that joined an area after its occurrence went out (see
     * {@link LateAreaDeliveries}) and flushes them, so that the batch's own statements, on the transaction's
     * connection, find them.
     */
    private void addLateJoiners(Set<DeliveryRef> refs, Map<DeliveryRef, IngestStore.Known> known) {
        Map<UUID, List<String>> missing = new java.util.LinkedHashMap<>();
        refs.stream()
                .filter(ref -> !known.containsKey(ref))
                .forEach(ref -> missing.computeIfAbsent(ref.occurrenceId(), k -> new ArrayList<>())
                        .add(ref.receiverId()));
        if (missing.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<Delivery> created = new ArrayList<>();
        missing.forEach(
                (occurrenceId, receiverIds) -> created.addAll(lateJoiners.create(occurrenceId, receiverIds, now)));
        if (created.isEmpty()) {
            return;
        }
        deliveries.flush();
        for (Delivery delivery : created) {
            Occurrence occurrence = occurrences.findById(delivery.occurrenceId);
            known.put(
                    new DeliveryRef(delivery.occurrenceId, delivery.receiverId),
                    new IngestStore.Known(
                            delivery.id,
                            java.util.EnumSet.noneOf(DeliveryState.class),
                            occurrence.playAt,
                            occurrence.windowEnd));
        }
    }

    private static DeliveryEvent row(
            UUID occurrenceId,
            String receiverId,
            DeliveryState event,
            OffsetDateTime at,
            String reason,
            UUID eventId,
            OffsetDateTime receivedAt,
            OffsetDateTime playAt) {
        DeliveryEvent row = new DeliveryEvent();
        row.playAt = playAt;
        row.eventId = eventId;
        row.occurrenceId = occurrenceId;
        row.receiverId = receiverId;
        row.event = event;
        row.occurredAt = at;
        row.receivedAt = receivedAt;
        row.reason = reason;
        return row;
    }

    private Stored ingestOnce(IncomingEvent incoming) {
        UUID occurrenceId = incoming.occurrenceId();
        String receiverId = incoming.receiverId();
        DeliveryState event = incoming.event();
        OffsetDateTime at = incoming.at();
        OffsetDateTime now = OffsetDateTime.now();
        Optional<Delivery> delivery = deliveries
                .findFor(occurrenceId, receiverId)
                .or(() -> lateJoiners.create(occurrenceId, List.of(receiverId), now).stream()
                        .findFirst());
        if (delivery.isEmpty()) {
            return new Stored(Outcome.UNKNOWN_DELIVERY, false);
        }
        Occurrence occurrence = occurrences.findById(occurrenceId);
        if (incoming.live() != null) {
            delivery.get().recordLive(incoming.live());
        }
        if (events.exists(occurrenceId, receiverId, event)) {
            return new Stored(Outcome.DUPLICATE, false);
        }
        events.persist(row(
                occurrenceId,
                receiverId,
                event,
                at,
                incoming.reason(),
                incoming.eventId(),
                incoming.receivedAt(),
                occurrence.playAt));
        boolean inWindow = inWindow(event, at, occurrence.playAt, occurrence.windowEnd);
        Delivery.Change change = delivery.get().apply(event, at, incoming.reason(), inWindow, now);
        events.flush();
        advanced.fire(new DeliveriesAdvanced(Set.of(occurrence.playAt), now));
        return new Stored(Outcome.APPLIED, change == Delivery.Change.OVERTURNED);
    }

    /**
     * Whether a PLAYING or PLAYED happened inside its occurrence's window: from the play time (less the clock
     * tolerance) to the window's end, the bound after which {@link MissedSweeper} marks it MISSED.
     */
    boolean inWindow(DeliveryState event, OffsetDateTime at, OffsetDateTime playAt, OffsetDateTime windowEnd) {
        return event.overturnsMissed() && !at.isBefore(playAt.minus(config.earlyTolerance())) && !at.isAfter(windowEnd);
    }
}
