package vn.loaxa.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.loaxa.agent.mqtt.MqttLink;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.store.EntryJournal;
import vn.loaxa.agent.store.Outbox;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records an event in the journal, writes it durably to the outbox, then publishes it with QoS 1. The outbox file
 * is deleted only when the broker acknowledges it; everything left is published again on the next connect.
 */
final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    private static final int QOS = 1;

    private final String receiverId;
    private final String eventTopic;
    private final EntryJournal journal;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final MqttLink mqtt;
    private final Executor lane;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean backlog = new AtomicBoolean();

    EventPublisher(String receiverId, String eventTopic, EntryJournal journal, Outbox outbox, ObjectMapper json,
                   Clock clock, MqttLink mqtt, Executor lane) {
        this.receiverId = receiverId;
        this.eventTopic = eventTopic;
        this.journal = journal;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.mqtt = mqtt;
        this.lane = lane;
    }

    /** True if this event already happened for the entry (it is in the journal). */
    boolean happened(String occurrenceId, EventType type) {
        return journal.has(AgentEvent.idFor(occurrenceId, receiverId, type));
    }

    /** Records and publishes an event; a repeated event is recorded once. */
    void record(String occurrenceId, EventType type, String reason) {
        AgentEvent event = AgentEvent.of(receiverId, occurrenceId, type,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), reason);
        if (journal.has(event.id())) {
            LOG.fine(() -> "already recorded " + type + " for " + occurrenceId);
            return;
        }
        LOG.info(() -> receiverId + " " + type + " " + occurrenceId + (reason == null ? "" : ": " + reason));
        try {
            boolean added = outbox.add(event);
            journal.mark(event.id());
            if (added) {
                publish(event);
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot write event " + type + " for " + occurrenceId + " to the outbox", e);
        }
    }

    /**
     * Publishes everything waiting in the outbox.
     *
     * @param afterConnect true right after a (re)connect: messages believed in flight are published again too
     */
    void flush(boolean afterConnect) {
        if (afterConnect) {
            inFlight.clear();
        }
        backlog.set(false);
        for (AgentEvent event : outbox.pending()) {
            if (!publish(event)) {
                backlog.set(true);
                return;
            }
        }
    }

    private boolean publish(AgentEvent event) {
        if (!inFlight.add(event.id())) {
            return true;
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            inFlight.remove(event.id());
            LOG.log(Level.SEVERE, "cannot serialise event " + event.id(), e);
            return true;
        }
        boolean handedOver = mqtt.publish(eventTopic, payload, QOS, false, new MqttLink.Delivery() {
            @Override
            public void delivered() {
                outbox.remove(event.id());
                inFlight.remove(event.id());
                if (backlog.compareAndSet(true, false)) {
                    lane.execute(() -> flush(false));
                }
            }

            @Override
            public void failed(Throwable cause) {
                inFlight.remove(event.id());
                LOG.log(Level.FINE, "event " + event.id() + " not acknowledged; it stays in the outbox", cause);
            }
        });
        if (!handedOver) {
            inFlight.remove(event.id());
        }
        return handedOver;
    }
}
