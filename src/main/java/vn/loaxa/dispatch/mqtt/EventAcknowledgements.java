package vn.loaxa.dispatch.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.service.EventsSettled;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.dispatch.protocol.AckMessage;

/**
 * Tells each receiver which of its events the server has stored, once they are committed: the end-to-end
 * acknowledgement that lets the agent delete them from its outbox. A broker's PUBACK only says the broker took an
 * event; this says the server kept it. A lost acknowledgement costs a resend, which the idempotent ingest absorbs.
 * Signing and publishing run on a thread of their own, so that the event writer goes on to its next batch at once;
 * when that thread falls far behind, the oldest acknowledgements give way (and their events come again).
 */
@ApplicationScoped
public class EventAcknowledgements {
    public static final String SENT_METER = "loaxa.mqtt.acks.sent";
    private static final Logger LOG = Logger.getLogger(EventAcknowledgements.class);
    /** An acknowledgement older than this is of no use: the agent will have sent the events again. */
    private static final Duration EXPIRY = Duration.ofMinutes(10);
    /** Acknowledgements waiting to be sent; beyond this the oldest is discarded. */
    private static final int BACKLOG = 10_000;

    private final MqttGateway gateway;
    private final ObjectMapper json;
    private final Counter sent;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            r -> new Thread(r, "loaxa-mqtt-acks"),
            new ThreadPoolExecutor.DiscardOldestPolicy());

    public EventAcknowledgements(MqttGateway gateway, ObjectMapper json, MeterRegistry registry) {
        this.gateway = gateway;
        this.json = json;
        this.sent = Counter.builder(SENT_METER)
                .description("Acknowledgements of stored events sent to receivers")
                .register(registry);
        registry.gauge("loaxa.mqtt.acks.queued", sender.getQueue(), Collection::size);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    void acknowledge(@Observes EventsSettled settled) {
        Map<String, Set<UUID>> byReceiver = new LinkedHashMap<>();
        for (IncomingEvent event : settled.events()) {
            byReceiver
                    .computeIfAbsent(event.receiverId(), rx -> new LinkedHashSet<>())
                    .add(event.eventId());
        }
        Instant now = Instant.now();
        byReceiver.forEach((receiverId, distinct) -> {
            List<UUID> ids = List.copyOf(distinct);
            for (int from = 0; from < ids.size(); from += AckMessage.MAX_IDS) {
                AckMessage ack = new AckMessage(
                        AckMessage.SCHEMA,
                        receiverId,
                        ids.subList(from, Math.min(ids.size(), from + AckMessage.MAX_IDS)),
                        now);
                try {
                    sender.execute(() -> send(ack));
                } catch (RejectedExecutionException stopping) {
                    LOG.debugf(
                            "Stopping: %d events of %s stay unacknowledged",
                            ack.eventIds().size(), receiverId);
                }
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
