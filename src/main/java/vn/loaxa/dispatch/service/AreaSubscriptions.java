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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.AreasMessage;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.receiver.service.ReceiverPlaced;

/**
 * Tells each receiver which area topics to subscribe to: a retained, signed {@link AreasMessage} on its own
 * {@code areas} topic, published when it is provisioned or moved and again at every server start (so that the
 * message never expires while the server runs at least once a year). Its version comes from {@link ManifestVersions}
 * and the chain is read under that row's lock, as for manifests, so that whichever replica publishes later publishes
 * a higher version with what the database then holds, whatever the replicas' clocks.
 */
@ApplicationScoped
public class AreaSubscriptions {
    private static final Logger LOG = Logger.getLogger(AreaSubscriptions.class);
    static final Duration VALIDITY = Duration.ofDays(365);
    /** Receivers published in one transaction at start. */
    private static final int BATCH = 500;

    private final ReceiverRepository receivers;
    private final ManifestVersions versions;
    private final MqttGateway mqtt;
    private final ObjectMapper json;

    public AreaSubscriptions(
            ReceiverRepository receivers, ManifestVersions versions, MqttGateway mqtt, ObjectMapper json) {
        this.receivers = receivers;
        this.versions = versions;
        this.mqtt = mqtt;
        this.json = json;
    }

    /** Off the start-up thread: a large fleet means one publish per receiver, which must not hold up the start. */
    void onStart(@Observes @Priority(30) StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                List<String> ids = List.copyOf(QuarkusTransaction.requiringNew()
                        .call(receivers::areaChains)
                        .keySet());
                for (int from = 0; from < ids.size(); from += BATCH) {
                    publish(ids.subList(from, Math.min(ids.size(), from + BATCH)));
                }
                LOG.infof("Published the area subscriptions of %d receivers", ids.size());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not republish the area subscriptions at start; they are sent again on the next");
            }
        });
    }

    void onPlaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReceiverPlaced placed) {
        publish(List.of(placed.receiverId()));
    }

    /** Publishes these receivers' area chains again, e.g. for a receiver that asks to catch up and lacks its own. */
    void publish(List<String> receiverIds) {
        Map<String, String> topics = new LinkedHashMap<>();
        receiverIds.forEach(id -> topics.put(id, mqtt.topics().receiver(id, Topics.Kind.AREAS)));
        versions.ensure(topics.values());
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, Long> next = versions.lockAndRaise(topics.values(), Instant.now());
            Map<String, List<String>> chains = receivers.areaChains(receiverIds);
            topics.forEach((id, topic) -> publish(id, topic, next.get(topic), chains.getOrDefault(id, List.of())));
        });
    }

    private void publish(String receiverId, String topic, long version, List<String> chain) {
        try {
            mqtt.publish(
                    topic,
                    json.writeValueAsBytes(new AreasMessage(AreasMessage.SCHEMA, receiverId, version, chain)),
                    true,
                    VALIDITY.toSeconds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the areas of " + receiverId, e);
        }
    }
}
