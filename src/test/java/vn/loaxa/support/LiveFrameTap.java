package vn.loaxa.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Listens on every live session's topic as the server's login and notes each audio frame's capture instant (the
 * server's stamp, docs/protocol.md "Frames") and when it reached this subscriber, host clock.
 */
public final class LiveFrameTap implements AutoCloseable {
    private static final int AUDIO = 0;

    /** One audio frame: its sequence, the server's capture stamp and its arrival here, microseconds. */
    public record Frame(long sequence, long captureMicros, long arrivedMicros) {}

    private final MqttClient client;
    private final Map<Long, Frame> frames = new ConcurrentHashMap<>();

    public LiveFrameTap(String url, String topicPrefix) throws MqttException {
        client = new MqttClient(url, "p8-tap-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback((OnMessage) (topic, message) -> {
            long arrived = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            ByteBuffer frame = ByteBuffer.wrap(message.getPayload());
            if (frame.get(1) == AUDIO) {
                long sequence = frame.getLong(2);
                frames.put(sequence, new Frame(sequence, frame.getLong(10), arrived));
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(Api.MQTT_USER);
        options.setPassword(Api.MQTT_PASSWORD.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        client.subscribe(topicPrefix + "/v1/live/+", 0);
    }

    /** The frames seen so far, by sequence. */
    public Map<Long, Frame> frames() {
        return frames;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
