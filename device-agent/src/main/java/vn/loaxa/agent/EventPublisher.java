package vn.loaxa.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.mqtt.MqttTransport;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.LiveReport;
import vn.loaxa.agent.store.EntryJournal;
import vn.loaxa.agent.store.Outbox;

/**
 * Records an event in the journal, writes it durably to the outbox, then publishes it with QoS 1. The outbox file is
 * deleted only when the server acknowledges that it has stored the event (on the receiver's {@code ack} topic): a
 * broker's PUBACK only says the broker took it, and with no subscriber, or a server that stops before its commit, the
 * event would be gone. An event that is not acknowledged is sent again after a backoff that doubles with every
 * attempt (with jitter); after a (re)connect everything waiting is sent again, starting after a random delay and at
 * a bounded rate, so that a fleet coming back at once does not flood the server.
 */
final class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    private static final int QOS = 1;
    /** The republishing runs in ticks of this length. */
    static final Duration FLUSH_TICK = Duration.ofMillis(100);
    /** How often the agent looks for events whose acknowledgement is overdue. */
    static final Duration RESEND_CHECK = Duration.ofSeconds(1);

    /** A sent event waiting for its acknowledgement: how often it was sent, and when to send it again. */
    private record Awaiting(int sends, long resendAtNanos) {}

    private final String receiverId;
    private final String eventTopic;
    private final EntryJournal journal;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final MqttTransport mqtt;
    private final Executor lane;
    private final ScheduledExecutorService scheduler;
    private final int batchPerTick;
    private final Duration flushJitter;
    private final Duration ackTimeout;
    private final LongSupplier nanos;
    /** Handed to the MQTT client, no PUBACK yet. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    /** Taken by the broker, not yet acknowledged by the server. */
    private final Map<UUID, Awaiting> awaiting = new ConcurrentHashMap<>();

    private final AtomicLong flushRound = new AtomicLong();
    private volatile boolean flushing;
    private volatile long quietUntilNanos;
    private volatile ScheduledFuture<?> resendTimer;

    EventPublisher(
            String receiverId,
            String eventTopic,
            EntryJournal journal,
            Outbox outbox,
            ObjectMapper json,
            Clock clock,
            MqttTransport mqtt,
            Executor lane,
            ScheduledExecutorService scheduler,
            int flushRatePerSecond,
            Duration flushJitter,
            Duration ackTimeout) {
        this(
                receiverId,
                eventTopic,
                journal,
                outbox,
                json,
                clock,
                mqtt,
                lane,
                scheduler,
                flushRatePerSecond,
                flushJitter,
                ackTimeout,
                System::nanoTime);
    }

    EventPublisher(
            String receiverId,
            String eventTopic,
            EntryJournal journal,
            Outbox outbox,
            ObjectMapper json,
            Clock clock,
            MqttTransport mqtt,
            Executor lane,
            ScheduledExecutorService scheduler,
            int flushRatePerSecond,
            Duration flushJitter,
            Duration ackTimeout,
            LongSupplier nanos) {
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
        this.ackTimeout = ackTimeout;
        this.nanos = nanos;
        this.quietUntilNanos = nanos.getAsLong();
    }

    /** Starts looking for overdue acknowledgements every {@link #RESEND_CHECK}. */
    void start() {
        try {
            resendTimer = scheduler.scheduleWithFixedDelay(
                    () -> lane.execute(this::resendOverdue),
                    RESEND_CHECK.toMillis(),
                    RESEND_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; no resends");
        }
    }

    void stop() {
        ScheduledFuture<?> timer = resendTimer;
        if (timer != null) {
            timer.cancel(false);
        }
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
        record(occurrenceId, type, reason, at, null);
    }

    /** Records and publishes an event, with the report of a live session for its PLAYED. */
    void record(String occurrenceId, EventType type, String reason, Instant at, LiveReport live) {
        AgentEvent event = AgentEvent.of(
                receiverId,
                occurrenceId,
                type,
                (at == null ? clock.instant() : at).truncatedTo(ChronoUnit.MILLIS),
                reason,
                live);
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

    /** The server has stored these events: they leave the outbox for good. */
    void acknowledged(Collection<UUID> eventIds) {
        for (UUID id : eventIds) {
            awaiting.remove(id);
            if (outbox.contains(id)) {
                outbox.remove(id);
            }
        }
    }

    /**
     * Republishes everything waiting in the outbox after a (re)connect: starts after a random delay up to the
     * flush jitter and publishes at most the flush rate per second. Messages believed in flight are published
     * again too: the connection that carried them is gone.
     */
    void flushAfterConnect() {
        inFlight.clear();
        awaiting.clear();
        long round = flushRound.incrementAndGet();
        long delayMillis =
                flushJitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(flushJitter.toMillis() + 1);
        quietUntilNanos = nanos.getAsLong() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        flushing = true;
        scheduleFlushTick(round, delayMillis);
    }

    /** Starts a paced round if some event is due: never sent on this connection, or its acknowledgement overdue. */
    private void resendOverdue() {
        if (flushing || outbox.size() == 0 || !mqtt.isConnected() || nanos.getAsLong() - quietUntilNanos < 0) {
            return;
        }
        if (!outbox.pending(1, this::due).isEmpty()) {
            flushing = true;
            flushTick(flushRound.incrementAndGet());
        }
    }

    private void scheduleFlushTick(long round, long delayMillis) {
        try {
            scheduler.schedule(() -> lane.execute(() -> flushTick(round)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            flushing = false;
            LOG.fine("agent is shutting down; outbox not republished");
        }
    }

    private void flushTick(long round) {
        if (round != flushRound.get()) {
            return;
        }
        List<AgentEvent> batch = outbox.pending(batchPerTick + 1, this::due);
        int sent = 0;
        for (AgentEvent event : batch) {
            if (sent == batchPerTick) {
                scheduleFlushTick(round, FLUSH_TICK.toMillis());
                return;
            }
            if (!publish(event)) {
                break;
            }
            sent++;
        }
        flushing = false;
    }

    private boolean due(UUID eventId) {
        if (inFlight.contains(eventId)) {
            return false;
        }
        Awaiting waiting = awaiting.get(eventId);
        return waiting == null || nanos.getAsLong() - waiting.resendAtNanos() >= 0;
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
        boolean handedOver = mqtt.publish(eventTopic, payload, QOS, false, new MqttTransport.Delivery() {
            @Override
            public void delivered() {
                if (outbox.contains(event.id())) {
                    awaiting.compute(
                            event.id(), (id, before) -> awaitingAgain(before == null ? 1 : before.sends() + 1));
                }
                inFlight.remove(event.id());
            }

            @Override
            public void failed(Throwable cause) {
                inFlight.remove(event.id());
                LOG.log(Level.FINE, "event " + event.id() + " not taken by the broker; it stays in the outbox", cause);
            }
        });
        if (!handedOver) {
            inFlight.remove(event.id());
        }
        return handedOver;
    }

    /** Waits half the backoff plus a random part of the other half, so that a fleet does not resend in step. */
    private Awaiting awaitingAgain(int sends) {
        long backoff = Math.min(Tuning.LONGEST_ACK_TIMEOUT.toNanos(), ackTimeout.toNanos() << Math.min(sends - 1, 20));
        long wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        return new Awaiting(sends, nanos.getAsLong() + wait);
    }
}
