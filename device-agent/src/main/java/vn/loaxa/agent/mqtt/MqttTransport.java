package vn.loaxa.agent.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One receiver's MQTT 5 connection as its {@code Agent} uses it: a persistent session with a Last Will, reconnected
 * after the settings' {@link ReconnectBackoff}, counted per connection. A real receiver runs over {@link MqttLink}
 * (Paho, its own threads); a simulated fleet over {@link SharedLoopLink} (one Netty event loop for all).
 */
public interface MqttTransport extends AutoCloseable {

    /** What the owner of the transport hears. Both methods run on the client's threads and must return quickly. */
    interface Listener {
        /** Every connect and reconnect: subscribe, announce, flush. */
        void onConnected(boolean reconnect);

        /** A message arrived; hand it to another thread. */
        void onMessage(String topic, byte[] payload, Map<String, String> userProperties);
    }

    /** The result of a publish. Runs on the client's threads; must not block. */
    interface Delivery {
        void delivered();

        void failed(Throwable cause);
    }

    /** Makes the transport of one receiver. */
    @FunctionalInterface
    interface Factory {
        /**
         * Makes the (not yet started) transport of the receiver in {@code settings}.
         *
         * @param scheduler where reconnect attempts may be timed (shared by every agent in the JVM)
         */
        MqttTransport create(MqttSettings settings, Listener listener, ScheduledExecutorService scheduler)
                throws MqttException;
    }

    /** Starts connecting in the background; failures and lost connections are retried after the backoff. */
    void start();

    /** True while connected to the broker. */
    boolean isConnected();

    /** Subscribes asynchronously; a failure is logged (the next reconnect subscribes again). */
    void subscribe(String topic, int qos);

    /** Unsubscribes asynchronously; a failure is logged. */
    void unsubscribe(String topic);

    /**
     * Publishes asynchronously.
     *
     * @return false if the message could not even be handed to the client (not connected, too many in flight); the
     *         delivery callback is then not called
     */
    default boolean publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery) {
        return publish(topic, payload, qos, retained, 0, delivery);
    }

    /**
     * Publishes asynchronously with an MQTT 5 message expiry.
     *
     * @param expirySeconds the broker discards the message if it cannot deliver it within this; 0 for never
     * @return false if the message could not even be handed to the client
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained, long expirySeconds, Delivery delivery);

    /**
     * Publishes a last message (e.g. the offline status), waiting for it at most {@code timeout}, then disconnects
     * normally (so the broker discards the Last Will) and releases the client.
     */
    void close(String topic, byte[] lastPayload, Duration timeout);

    @Override
    void close();
}
