package vn.loaxa.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A plain Paho client for tests that act as a receiver or watch the broker. */
public final class TestMqttClient implements AutoCloseable {
    public record Received(String topic, MqttMessage message) {
        public String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Logs in as the server does, so it may use every topic. */
    public TestMqttClient(String url) throws MqttException {
        this(url, "test-" + UUID.randomUUID(), Api.MQTT_USER, Api.MQTT_PASSWORD);
    }

    /** Logs in with the given client id and credentials, for instance as a receiver with its secret. */
    public TestMqttClient(String url, String clientId, String user, String password) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new OnMessage() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message));
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
    }

    public void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    public void publishBytes(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /** Publishes an empty retained message, which deletes the retained message of the topic (MQTT 5, 3.3.1.3). */
    public void clearRetained(String topic) throws MqttException {
        client.publish(topic, new byte[0], 1, true);
    }

    /**
     * Publishes at QoS 0, for floods: no acknowledgement to wait for, so a broker's limit on messages in flight
     * (Mosquitto's is small) cannot refuse the sender before the server sees the flood.
     */
    public void publishAtMostOnce(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 0, false);
    }

    /** Publishes with QoS 1 and returns the broker's PUBACK reason code (0 when accepted, 0x87 when refused). */
    public int publishForReasonCode(String topic, String payload) throws MqttException {
        IMqttToken token = client.getTopic(topic).publish(payload.getBytes(StandardCharsets.UTF_8), 1, false);
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** Subscribes with QoS 1 and returns the broker's SUBACK reason code (1 when granted, 0x87 when refused). */
    public int subscribeForReasonCode(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public List<Received> received() {
        return received;
    }

    /** Closes even a client the broker is disconnecting (after a refused publish, say). */
    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            try {
                client.disconnectForcibly(0, 2000, true);
            } catch (MqttException alreadyGoing) {
                // the broker is dropping the connection itself
            }
        }
        client.close(true);
    }
}
