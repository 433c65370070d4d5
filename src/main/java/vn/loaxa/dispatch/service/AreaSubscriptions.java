package vn.loaxa.dispatch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.AreasMessage;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.receiver.service.ReceiverPlaced;

/**
 * Tells each receiver which area topics to subscribe to: a retained, signed {@link AreasMessage} on its own
 * {@code areas} topic, published when it is provisioned or moved and again at every server start (so that the
 * message never expires while the server runs at least once a year).
 */
@ApplicationScoped
public class AreaSubscriptions {
    private static final Logger LOG = Logger.getLogger(AreaSubscriptions.class);
    static final Duration VALIDITY = Duration.ofDays(365);

    private final ReceiverRepository receivers;
    private final MqttGateway mqtt;
    private final ObjectMapper json;
    private final AtomicLong lastVersion = new AtomicLong();

    public AreaSubscriptions(ReceiverRepository receivers, MqttGateway mqtt, ObjectMapper json) {
        this.receivers = receivers;
        this.mqtt = mqtt;
        this.json = json;
    }

    /** Off the start-up thread: a large fleet means one publish per receiver, which must not hold up the start. */
    void onStart(@Observes @Priority(30) StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                Map<String, List<String>> chains =
                        QuarkusTransaction.requiringNew().call(receivers::areaChains);
                chains.forEach(this::publish);
                LOG.infof("Published the area subscriptions of %d receivers", chains.size());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not republish the area subscriptions at start; they are sent again on the next");
            }
        });
    }

    void onPlaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReceiverPlaced placed) {
        publish(
                placed.receiverId(),
                QuarkusTransaction.requiringNew().call(() -> receivers.areaChain(placed.receiverId())));
    }

    private void publish(String receiverId, List<String> chain) {
        long version = lastVersion.updateAndGet(
                last -> Math.max(last + 1, Instant.now().toEpochMilli()));
        try {
            mqtt.publish(
                    mqtt.topics().receiver(receiverId, Topics.Kind.AREAS),
                    json.writeValueAsBytes(new AreasMessage(AreasMessage.SCHEMA, receiverId, version, chain)),
                    true,
                    VALIDITY.toSeconds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the areas of " + receiverId, e);
        }
    }
}
