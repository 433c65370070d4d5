package vn.loaxa.dispatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.OnMessage;

/**
 * P2's bare subscriber, at fleet size: a Paho client beside the server on every receiver's event topic that only
 * counts the events of one occurrence, noting when the first and the last arrived.
 */
final class BareEventCounter implements AutoCloseable {
    private final MqttClient client;
    private static final String OCCURRENCE_FIELD = "\"occurrenceId\":\"";
    private static final String EVENT_FIELD = "\"event\":\"";
    private static final int UUID_LENGTH = 36;

    private final Map<String, Arrivals> byOccurrence = new ConcurrentHashMap<>();

    /** Written by Paho's one callback thread, read by the test's. */
    private static final class Arrivals {
        final AtomicInteger count = new AtomicInteger();
        volatile long firstNanos;
        volatile long lastNanos;
    }

    BareEventCounter(String url, Topics topics) throws MqttException {
        client = new MqttClient(url, "bench-bare-events-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new OnMessage() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long now = System.nanoTime();
                String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                int at = text.indexOf(OCCURRENCE_FIELD);
                if (at < 0) {
                    return;
                }
                int from = at + OCCURRENCE_FIELD.length();
                int kindAt = text.indexOf(EVENT_FIELD) + EVENT_FIELD.length();
                String kind = text.substring(kindAt, text.indexOf('"', kindAt));
                Arrivals arrivals = byOccurrence.computeIfAbsent(
                        text.substring(from, from + UUID_LENGTH) + "/" + kind, k -> new Arrivals());
                if (arrivals.count.getAndIncrement() == 0) {
                    arrivals.firstNanos = now;
                }
                arrivals.lastNanos = now;
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(Api.MQTT_USER);
        options.setPassword(Api.MQTT_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setReceiveMaximum(65535);
        client.connect(options);
        client.subscribe(topics.allReceivers(Topics.Kind.EVENT), 1);
    }

    /** Events of these kinds counted for the occurrence. */
    int counted(String occurrenceId, List<String> kinds) {
        return arrivals(occurrenceId, kinds).mapToInt(a -> a.count.get()).sum();
    }

    /** Seconds from the first event of these kinds counted for the occurrence to the last. */
    double spanSeconds(String occurrenceId, List<String> kinds) {
        long first =
                arrivals(occurrenceId, kinds).mapToLong(a -> a.firstNanos).min().orElse(0);
        long last =
                arrivals(occurrenceId, kinds).mapToLong(a -> a.lastNanos).max().orElse(0);
        return (last - first) / 1e9;
    }

    private Stream<Arrivals> arrivals(String occurrenceId, List<String> kinds) {
        return kinds.stream()
                .map(kind -> byOccurrence.get(occurrenceId + "/" + kind))
                .filter(Objects::nonNull);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
