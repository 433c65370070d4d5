package vn.loaxa.agent.mqtt;

/**
 * How to connect one receiver to the broker.
 *
 * @param serverUri        broker URL, e.g. {@code tcp://127.0.0.1:1884}
 * @param receiverId       client id and username
 * @param secret           password
 * @param willTopic        the status topic, where the Last Will goes
 * @param willPayload      the Last Will (retained, QoS 1)
 * @param willDelaySeconds MQTT 5 Will Delay Interval
 * @param backoff          waits between connect attempts, after a failure or a lost connection
 */
public record MqttSettings(
        String serverUri,
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
}
