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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records an event in the journal, writes it durably to the outbox, then publishes it with QoS 1. The outbox file
 * is deleted only when the broker acknowledges it; everything left is published again after the next connect,
 * starting after a random delay and at a bounded rate, so that a fleet coming back at once does not flood the
 * server.
 */
final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    private static final int QOS = 1;
    /** The republishing after a connect runs in ticks of this length. */
    static final Duration FLUSH_TICK = Duration.ofMillis(100);

    private final String receiverId;
    private final String eventTopic;
    private final EntryJournal journal;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final MqttLink mqtt;
    private final Executor lane;
    private final ScheduledExecutorService scheduler;
    private final int batchPerTick;
    private final Duration flushJitter;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final AtomicLong flushRound = new AtomicLong();

    EventPublisher(String receiverId, String eventTopic, EntryJournal journal, Outbox outbox, ObjectMapper json,
                   Clock clock, MqttLink mqtt, Executor lane, ScheduledExecutorService scheduler,
                   int flushRatePerSecond, Duration flushJitter) {
        this.receiverId = receiverId;
        this.eventTopic = eventTopic;
        this.journal = journal;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.mqtt = mqtt;
        this.lane = lane;
        this.scheduler = scheduler;
        long ticksPerSecond = Duration.ofSeconds(1).toMillis() / FLUSH_TICK.toMillis();
        this.batchPerTick = (int) Math.max(1, (flushRatePerSecond + ticksPerSecond - 1) / ticksPerSecond);
        this.flushJitter = flushJitter;
    }

    /** Events waiting for acknowledgement. */
    int pending() {
        return outbox.size();
    }

    /** Events dropped from the full outbox. */
    long dropped() {
        return outbox.dropped();
    }

    /** True if this event already happened for the entry (it is in the journal). */
    boolean happened(String occurrenceId, EventType type) {
        return journal.has(AgentEvent.idFor(occurrenceId, receiverId, type));
    }

    /** Records and publishes an event; a repeated event is recorded once. */
    void record(String occurrenceId, EventType type, String reason) {
        record(occurrenceId, type, reason, null);
    }

    /** Records and publishes an event that happened (or will happen in a moment) at {@code at}; null is now. */
    void record(String occurrenceId, EventType type, String reason, Instant at) {
        AgentEvent event = AgentEvent.of(receiverId, occurrenceId, type,
                (at == null ? clock.instant() : at).truncatedTo(ChronoUnit.MILLIS), reason);
        if (journal.has(event.id())) {
            LOG.fine(() -> "already recorded " + type + " for " + occurrenceId);
            return;
        }
        LOG.info(() -> receiverId + " " + type + " " + occurrenceId + (reason == null ? "" : ": " + reason));
        try {
            boolean added = outbox.add(event);
            journal.mark(event.id());
            if (added && !publish(event)) {
                backlog.set(true);
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot write event " + type + " for " + occurrenceId + " to the outbox", e);
        }
    }

    /**
     * Republishes everything waiting in the outbox after a (re)connect: starts after a random delay up to the
     * flush jitter and publishes at most the flush rate per second. Messages believed in flight are published
     * again too: the connection that carried them is gone.
     */
    void flushAfterConnect() {
        inFlight.clear();
        long round = flushRound.incrementAndGet();
        long delayMillis = flushJitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(flushJitter.toMillis() + 1);
        scheduleFlushTick(round, delayMillis);
    }

    private void scheduleFlushTick(long round, long delayMillis) {
        try {
            scheduler.schedule(() -> lane.execute(() -> flushTick(round)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; outbox not republished");
        }
    }

    private void flushTick(long round) {
        if (round != flushRound.get()) {
            return;
        }
        List<AgentEvent> batch = outbox.pending(batchPerTick + 1, Set.copyOf(inFlight));
        int sent = 0;
        for (AgentEvent event : batch) {
            if (sent == batchPerTick) {
                scheduleFlushTick(round, FLUSH_TICK.toMillis());
                return;
            }
            if (!publish(event)) {
                backlog.set(true);
                return;
            }
            sent++;
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
                    long round = flushRound.get();
                    lane.execute(() -> flushTick(round));
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
