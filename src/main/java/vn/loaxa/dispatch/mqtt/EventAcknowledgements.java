package vn.loaxa.dispatch.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.service.EventsSettled;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.dispatch.protocol.AckMessage;

/**
 * Tells each receiver which of its events the server has stored, once they are committed: the end-to-end
 * acknowledgement that lets the agent delete them from its outbox. A broker's PUBACK only says the broker took an
 * event; this says the server kept it. A lost acknowledgement costs a resend, which the idempotent ingest absorbs.
 * Signing and publishing run on a thread of their own, so that the event writer goes on to its next batch at once.
 * The ids of the batches that commit while that thread is busy, or within {@link #PACE} of its last round, gather
 * per receiver ({@link PendingAcknowledgements}) and go out together: under load each receiver gets a few larger
 * acknowledgements a second instead of one per batch, so signing and publishing them never become the bottleneck.
 */
@ApplicationScoped
public class EventAcknowledgements {
    public static final String SENT_METER = "loaxa.mqtt.acks.sent";
    private static final Logger LOG = Logger.getLogger(EventAcknowledgements.class);
    /** An acknowledgement older than this is of no use: the agent will have sent the events again. */
    private static final Duration EXPIRY = Duration.ofMinutes(10);
    /** The shortest time between two rounds of acknowledgements; far below the agent's resend timeout (20 s). */
    private static final Duration PACE = Duration.ofSeconds(1);
    /** Event ids waiting to be acknowledged; beyond this the receivers waiting longest give way. */
    private static final int BACKLOG = 200_000;

    private final MqttGateway gateway;
    private final ObjectMapper json;
    private final Counter sent;
    private final PendingAcknowledgements pending = new PendingAcknowledgements(BACKLOG);
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ScheduledExecutorService sender =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "loaxa-mqtt-acks"));
    private volatile long lastDrainNanos = System.nanoTime() - PACE.toNanos();

    public EventAcknowledgements(MqttGateway gateway, ObjectMapper json, MeterRegistry registry) {
        this.gateway = gateway;
        this.json = json;
        this.sent = Counter.builder(SENT_METER)
                .description("Acknowledgements of stored events sent to receivers")
                .register(registry);
        Gauge.builder("loaxa.mqtt.acks.queued", pending, PendingAcknowledgements::size)
                .description("Stored event ids waiting to be acknowledged")
                .register(registry);
        FunctionCounter.builder("loaxa.mqtt.acks.discarded", pending, PendingAcknowledgements::discarded)
                .description("Stored event ids never acknowledged because too many were waiting")
                .register(registry);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    void acknowledge(@Observes EventsSettled settled) {
        for (IncomingEvent event : settled.events()) {
            pending.add(event.receiverId(), event.eventId());
        }
        if (drainQueued.compareAndSet(false, true)) {
            try {
                long wait = lastDrainNanos + PACE.toNanos() - System.nanoTime();
                sender.schedule(this::drain, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.debugf("Stopping: %d stored events stay unacknowledged", pending.size());
            }
        }
    }

    private void drain() {
        // cleared before taking, so that ids added from here on queue the next drain
        drainQueued.set(false);
        lastDrainNanos = System.nanoTime();
        Instant now = Instant.now();
        pending.takeAll().forEach((receiverId, distinct) -> {
            List<UUID> ids = List.copyOf(distinct);
            for (int from = 0; from < ids.size(); from += AckMessage.MAX_IDS) {
                send(new AckMessage(
                        AckMessage.SCHEMA,
                        receiverId,
                        ids.subList(from, Math.min(ids.size(), from + AckMessage.MAX_IDS)),
                        now));
            }
        });
    }

    private void send(AckMessage ack) {
        try {
            gateway.publish(
                    gateway.topics().receiver(ack.receiverId(), Topics.Kind.ACK),
                    json.writeValueAsBytes(ack),
                    false,
                    EXPIRY.toSeconds());
            sent.increment();
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf(
                    "Could not acknowledge %d events to %s (%s); the receiver will send them again",
                    ack.eventIds().size(), ack.receiverId(), e.toString());
        }
    }
}
