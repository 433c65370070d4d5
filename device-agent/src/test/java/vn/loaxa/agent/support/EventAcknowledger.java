package vn.loaxa.agent.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.loaxa.agent.Topics;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.Schemas;

/**
 * Plays the server's part of the end-to-end acknowledgement in the agent's tests: acknowledges an event on the
 * receiver's ack topic, as the server does once it has stored it; off Paho's callback thread when asked from there.
 */
public final class EventAcknowledger implements AutoCloseable {
    private final MqttClient client;
    private final Topics topics;
    private final ObjectMapper json;
    private final ExecutorService lane = Executors.newSingleThreadExecutor();

    public EventAcknowledger(MqttClient client, Topics topics, ObjectMapper json) {
        this.client = client;
        this.topics = topics;
        this.json = json;
    }

    /** Acknowledges later, on a thread of its own: for use inside a Paho callback. */
    public void acknowledgeLater(AgentEvent event) {
        lane.execute(() -> acknowledge(event));
    }

    public void acknowledge(AgentEvent event) {
        try {
            byte[] ack = json.writeValueAsBytes(Map.of(
                    "schema",
                    Schemas.ACK,
                    "receiverId",
                    event.receiverId(),
                    "eventIds",
                    List.of(event.id()),
                    "at",
                    Instant.now().toString()));
            client.publish(topics.ack(event.receiverId()), new MqttMessage(ack, 1, false, null));
        } catch (IOException | MqttException e) {
            throw new IllegalStateException("cannot acknowledge " + event.id(), e);
        }
    }

    @Override
    public void close() {
        lane.shutdownNow();
    }
}
