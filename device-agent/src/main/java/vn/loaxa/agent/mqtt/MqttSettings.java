package vn.loaxa.agent.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to connect one receiver to the broker.
 *
 * @param serverUris       broker URLs, e.g. {@code tcp://127.0.0.1:1884}; Paho tries them in order on every connect
 * @param receiverId       client id and username
 * @param secret           password
 * @param willTopic        the status topic, where the Last Will goes
 * @param willPayload      the Last Will (retained, QoS 1)
 * @param willDelaySeconds MQTT 5 Will Delay Interval
 * @param backoff          waits between connect attempts, after a failure or a lost connection
 */
public record MqttSettings(
        List<String> serverUris,
        String receiverId,
        String secret,
        String willTopic,
        byte[] willPayload,
        int willDelaySeconds,
        ReconnectBackoff backoff) {

    /** Session expiry: the broker keeps the session (subscription, queued messages) for an hour. */
    public static final long SESSION_EXPIRY_SECONDS = 3600;
    /** How many unacknowledged QoS 1/2 messages the broker may send us at once. */
    public static final int RECEIVE_MAXIMUM = 100;
    /** MQTT keep-alive. */
    public static final int KEEP_ALIVE_SECONDS = 30;
    /** How long one connect attempt may take; with {@link ReconnectBackoff#DEFAULT_MAX_DELAY} at most 30 s. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    public MqttSettings {
        serverUris = List.copyOf(serverUris);
        if (serverUris.isEmpty()) {
            throw new IllegalArgumentException("no broker URL");
        }
    }

    /** The broker URLs of a comma-separated list, trimmed, without empty items, in their order. */
    public static List<String> splitUris(String list) {
        Objects.requireNonNull(list, "list");
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(uri -> !uri.isEmpty())
                .toList();
    }
}
