package vn.loaxa.dispatch.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;

/**
 * Supervises one MQTT client identity: connects under a stable client id with the session options, lets Paho
 * reconnect with backoff, subscribes on every connect and checks the broker's grant (retrying until granted), and,
 * when asked, replaces the client with a fresh one that resumes the broker's session. Paho's callbacks of a client
 * that has since been replaced change nothing.
 */
final class MqttConnection {
    private static final Logger LOG = Logger.getLogger(MqttConnection.class);
    static final long CONNECT_TIMEOUT_MS = 15_000;
    private static final Duration SUBSCRIBE_RETRY = Duration.ofSeconds(5);
    private static final int OFFLINE_BUFFER = 100_000;
    /** The receive maximum of a broker whose CONNACK states none (MQTT 5, 3.2.2.3.3). */
    static final int UNSTATED_RECEIVE_MAXIMUM = 65_535;

    /** What the connection reports to its owner, on Paho's threads: none of these may block. */
    interface Listener {
        void messageArrived(String topic, MqttMessage message);

        /** The broker granted every subscription on the current client. */
        void subscribed();

        /** The current client lost its subscriptions (disconnected or replaced). */
        void unsubscribed();
    }

    private final String url;
    private final List<String> urls;
    private final String clientId;
    private final MqttConnectionOptions options;
    private final List<String> filters;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private volatile MqttAsyncClient client;
    private volatile boolean subscribed;
    private volatile boolean connectFailed;
    private volatile int publishWindow = UNSTATED_RECEIVE_MAXIMUM;

    /**
     * @param url the broker, or a comma-separated list of a cluster's brokers, tried in order on every connect
     * @param filters the topic filters subscribed at QoS 1 on every connect
     * @param scheduler where subscription retries wait
     */
    MqttConnection(
            String url,
            String clientId,
            MqttConnectionOptions options,
            List<String> filters,
            ScheduledExecutorService scheduler,
            Listener listener) {
        this.url = url;
        this.urls = BrokerUrls.parse(url);
        this.clientId = clientId;
        this.options = options;
        options.setServerURIs(urls.toArray(String[]::new));
        this.filters = List.copyOf(filters);
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /**
     * The options of the server's session. On an external broker it is persistent (no clean start, kept for
     * {@code sessionExpiry}), so that the broker queues receivers' messages while the server restarts; the embedded
     * broker starts and stops with this server, so it has nothing queued to resume.
     */
    static MqttConnectionOptions sessionOptions(
            boolean embedded,
            Duration sessionExpiry,
            int receiveMaximum,
            Optional<String> username,
            Optional<String> password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        boolean persistent = !embedded;
        options.setCleanStart(!persistent);
        if (persistent) {
            options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        }
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 60);
        options.setKeepAliveInterval(30);
        options.setReceiveMaximum(receiveMaximum);
        username.ifPresent(options::setUserName);
        password.ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return options;
    }

    /** The current client; publishes while it is disconnected wait in its buffer. */
    MqttAsyncClient client() {
        return client;
    }

    boolean connected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    /** True once the broker has granted the subscriptions on the current client and it is still connected. */
    boolean subscribed() {
        return subscribed && connected();
    }

    /** The last {@link #replace} could not connect; the fresh client has no automatic reconnect until it does. */
    boolean connectFailed() {
        return connectFailed;
    }

    /** A new client under the stable id, which resumes the session that the broker kept for it. */
    void connect() throws MqttException {
        MqttAsyncClient fresh = new MqttAsyncClient(urls.get(0), clientId, new MemoryPersistence());
        fresh.setCallback(new Callbacks(fresh));
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(OFFLINE_BUFFER);
        buffer.setDeleteOldestMessages(true);
        fresh.setBufferOpts(buffer);
        client = fresh;
        IMqttToken connected = fresh.connect(options);
        connected.waitForCompletion(CONNECT_TIMEOUT_MS);
        MqttProperties connack = connected.getResponseProperties();
        publishWindow = connack != null && connack.getReceiveMaximum() != null
                ? connack.getReceiveMaximum()
                : UNSTATED_RECEIVE_MAXIMUM;
    }

    /**
     * The broker's receive maximum from its last CONNACK to this server: QoS 1 and 2 publishes that may be in flight
     * at once. Paho refuses every publish, whatever its QoS, while that many are.
     */
    int publishWindow() {
        return publishWindow;
    }

    /** Closes the current client and connects a fresh one; when that fails, {@link #connectFailed} says so. */
    void replace() {
        MqttAsyncClient old = client;
        subscribed = false;
        listener.unsubscribed();
        try {
            old.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            LOG.debug("The old MQTT connection did not close cleanly", e);
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("The old MQTT client did not close cleanly", e);
        }
        try {
            connect();
            connectFailed = false;
            LOG.infof("Connected afresh to MQTT broker %s", url);
        } catch (MqttException | RuntimeException e) {
            connectFailed = true;
            LOG.errorf("Cannot connect afresh to the MQTT broker at %s (%s); trying again later", url, e.getMessage());
        }
    }

    /** Disconnects and closes the current client, for good. */
    void close() {
        MqttAsyncClient current = client;
        if (current == null) {
            return;
        }
        try {
            if (current.isConnected()) {
                current.disconnect().waitForCompletion(5_000);
            }
            current.close();
        } catch (MqttException e) {
            LOG.debug("MQTT client did not close cleanly", e);
        }
    }

    /**
     * Subscribes and checks the broker's answer: a refused or lost subscription would silence every receiver while
     * the connection itself looks healthy, so it is retried until granted.
     */
    private void subscribe(MqttAsyncClient owner) {
        if (owner != client) {
            return;
        }
        subscribed = false;
        MqttSubscription[] subscriptions =
                filters.stream().map(filter -> new MqttSubscription(filter, 1)).toArray(MqttSubscription[]::new);
        try {
            owner.subscribe(
                    subscriptions,
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            int[] codes = token.getReasonCodes();
                            if (codes != null && Arrays.stream(codes).anyMatch(code -> code >= 0x80)) {
                                retrySubscription(
                                        owner, "the broker refused it with reason codes " + Arrays.toString(codes));
                            } else if (owner == client) {
                                subscribed = true;
                                listener.subscribed();
                                LOG.infof("Subscribed to %s", filters);
                            }
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            retrySubscription(owner, String.valueOf(failure));
                        }
                    },
                    new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            retrySubscription(owner, e.toString());
        }
    }

    private void retrySubscription(MqttAsyncClient owner, String why) {
        LOG.errorf("Could not subscribe to %s (%s); trying again in %d s", filters, why, SUBSCRIBE_RETRY.toSeconds());
        scheduler.schedule(
                () -> {
                    if (owner == client && !subscribed && owner.isConnected()) {
                        subscribe(owner);
                    }
                },
                SUBSCRIBE_RETRY.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** Paho's callbacks for one client. */
    private final class Callbacks implements MqttCallback {
        private final MqttAsyncClient owner;

        Callbacks(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                LOG.infof("Reconnected to MQTT broker %s", serverURI);
            }
            subscribe(owner);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.messageArrived(topic, message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner == client) {
                subscribed = false;
                listener.unsubscribed();
                LOG.warnf("Disconnected from the MQTT broker: %s", response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.error("MQTT error", exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // QoS 1 publishes need no follow-up: manifests are retained and re-sent as a whole on every change
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
