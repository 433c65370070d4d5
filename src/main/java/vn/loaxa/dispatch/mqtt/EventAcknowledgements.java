package vn.loaxa.dispatch.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.service.EventsSettled;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.dispatch.protocol.AckMessage;

/**
 * Tells each receiver which of its events the server has stored, once they are committed: the end-to-end
 * acknowledgement that lets the agent delete them from its outbox. A broker's PUBACK only says the broker took an
 * event; this says the server kept it. A lost acknowledgement costs a resend, which the idempotent ingest absorbs.
 */
@ApplicationScoped
public class EventAcknowledgements {
    public static final String SENT_METER = "loaxa.mqtt.acks.sent";
    private static final Logger LOG = Logger.getLogger(EventAcknowledgements.class);
    /** An acknowledgement older than this is of no use: the agent will have sent the events again. */
    private static final Duration EXPIRY = Duration.ofMinutes(10);

    private final MqttGateway gateway;
    private final ObjectMapper json;
    private final Counter sent;

    public EventAcknowledgements(MqttGateway gateway, ObjectMapper json, MeterRegistry registry) {
        this.gateway = gateway;
        this.json = json;
        this.sent = Counter.builder(SENT_METER)
                .description("Acknowledgements of stored events sent to receivers").register(registry);
    }

    void acknowledge(@Observes EventsSettled settled) {
        Map<String, Set<UUID>> byReceiver = new LinkedHashMap<>();
        for (IncomingEvent event : settled.events()) {
            byReceiver.computeIfAbsent(event.receiverId(), rx -> new LinkedHashSet<>()).add(event.eventId());
        }
        Instant now = Instant.now();
        byReceiver.forEach((receiverId, distinct) -> {
            List<UUID> ids = List.copyOf(distinct);
            for (int from = 0; from < ids.size(); from += AckMessage.MAX_IDS) {
                send(new AckMessage(AckMessage.SCHEMA, receiverId,
                        ids.subList(from, Math.min(ids.size(), from + AckMessage.MAX_IDS)), now));
            }
        });
    }

    private void send(AckMessage ack) {
        try {
            gateway.publish(gateway.topics().receiver(ack.receiverId(), Topics.Kind.ACK), json.writeValueAsBytes(ack),
                    false, EXPIRY.toSeconds());
            sent.increment();
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Could not acknowledge %d events to %s (%s); the receiver will send them again",
                    ack.eventIds().size(), ack.receiverId(), e.toString());
        }
    }
}
