package vn.loaxa.agent.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * One receiver's MQTT 5 connection (Paho {@link MqttAsyncClient}): persistent session, Last Will with Will Delay,
 * reconnect with this link's own jittered exponential backoff ({@link ReconnectBackoff}). Nothing here blocks a Paho
 * thread; the {@link MqttTransport.Listener} must not block either.
 */
public final class MqttLink implements MqttTransport, MqttCallback {

    private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());

    private final MqttSettings settings;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final MqttAsyncClient client;
    /** Failed attempts since the last connection that held; chooses the next wait. */
    private final AtomicInteger failures = new AtomicInteger();

    private final AtomicBoolean everConnected = new AtomicBoolean();
    private volatile long connectedAtNanos;
    private volatile boolean failureReported;
    private volatile boolean closed;

    public MqttLink(MqttSettings settings, Listener listener, ScheduledExecutorService scheduler) throws MqttException {
        this.settings = settings;
        this.listener = listener;
        this.scheduler = scheduler;
        this.client = new MqttAsyncClient(settings.serverUris().get(0), settings.receiverId(), new MemoryPersistence());
        this.client.setCallback(this);
    }

    /**
     * Starts connecting in the background. Every failed attempt and every lost connection is retried after a wait of
     * the {@link ReconnectBackoff} in the settings, counted for this link alone.
     */
    @Override
    public void start() {
        connect();
    }

    /** True while connected to the broker. */
    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Subscribes asynchronously; a failure is logged (the next reconnect subscribes again). */
    @Override
    public void subscribe(String topic, int qos) {
        try {
            client.subscribe(topic, qos, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.fine(() -> "subscribed to " + topic);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.log(Level.WARNING, "cannot subscribe to " + topic, cause);
                }
            });
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "cannot subscribe to " + topic, e);
        }
    }

    /** Unsubscribes asynchronously; a failure is logged. */
    @Override
    public void unsubscribe(String topic) {
        try {
            client.unsubscribe(topic);
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "cannot unsubscribe from " + topic, e);
        }
    }

    /**
     * Publishes asynchronously with an MQTT 5 message expiry.
     *
     * @param expirySeconds the broker discards the message if it cannot deliver it within this; 0 for never
     * @return false if the message could not even be handed to Paho
     */
    @Override
    public boolean publish(
            String topic, byte[] payload, int qos, boolean retained, long expirySeconds, Delivery delivery) {
        MqttProperties properties = new MqttProperties();
        if (expirySeconds > 0) {
            properties.setMessageExpiryInterval(expirySeconds);
        }
        MqttMessage message = new MqttMessage(payload, qos, retained, properties);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    delivery.delivered();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    delivery.failed(cause);
                }
            });
            return true;
        } catch (MqttException e) {
            LOG.fine(() -> "not published to " + topic + " now: " + e.getMessage());
            return false;
        }
    }

    /**
     * Publishes a last message (e.g. the offline status), waiting for it at most {@code timeout}, then disconnects
     * normally (so the broker discards the Last Will) and releases the client.
     */
    @Override
    public void close(String topic, byte[] lastPayload, Duration timeout) {
        closed = true;
        try {
            if (client.isConnected() && lastPayload != null) {
                client.publish(topic, new MqttMessage(lastPayload, 1, true, null))
                        .waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "cannot publish the offline status", e);
        }
        try {
            if (client.isConnected()) {
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "disconnect did not complete cleanly", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "cannot close the MQTT client", e);
        }
    }

    @Override
    public void close() {
        close(settings.willTopic(), null, Duration.ofSeconds(2));
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int retry = failures.get();
                    connectedAtNanos = System.nanoTime();
                    LOG.info(() -> settings.receiverId() + " connected to " + client.getCurrentServerURI()
                            + (retry > 0 ? " (retry " + retry + ")" : ""));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    connectFailed(cause);
                }
            });
        } catch (MqttException e) {
            connectFailed(e);
        }
    }

    /** Retries later; only the first failure after a start or a lost connection is a warning. */
    private void connectFailed(Throwable cause) {
        if (closed) {
            return;
        }
        long delayMillis = scheduleConnect();
        Level level = failureReported ? Level.FINE : Level.WARNING;
        failureReported = true;
        LOG.log(
                level,
                () -> settings.receiverId() + " cannot connect to " + String.join(", ", settings.serverUris()) + " ("
                        + describe(cause) + "); retry " + failures.get() + " in " + delayMillis + " ms");
    }

    /** Schedules the next attempt after this link's own backoff; returns the wait in milliseconds. */
    private long scheduleConnect() {
        long delayMillis = settings.backoff().delay(failures.incrementAndGet()).toMillis();
        if (!closed) {
            try {
                scheduler.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                LOG.fine("scheduler stopped; no more connect attempts");
            }
        }
        return delayMillis;
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        // Paho tries the brokers in this order on every attempt, so a lost node is left for the next one at once.
        options.setServerURIs(settings.serverUris().toArray(String[]::new));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(MqttSettings.SESSION_EXPIRY_SECONDS);
        // Reconnecting is ours (scheduleConnect): Paho's automatic reconnect shares one delay across all clients.
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(MqttSettings.KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(MqttSettings.CONNECT_TIMEOUT_SECONDS);
        options.setReceiveMaximum(MqttSettings.RECEIVE_MAXIMUM);
        options.setUserName(settings.receiverId());
        options.setPassword(settings.secret().getBytes(StandardCharsets.UTF_8));
        options.setWill(settings.willTopic(), new MqttMessage(settings.willPayload(), 1, true, null));
        MqttProperties willProperties = new MqttProperties();
        willProperties.setWillDelayInterval((long) settings.willDelaySeconds());
        options.setWillMessageProperties(willProperties);
        return options;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        listener.onConnected(everConnected.getAndSet(true));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Map<String, String> properties = new HashMap<>();
        if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
            for (UserProperty property : message.getProperties().getUserProperties()) {
                properties.putIfAbsent(property.getKey(), property.getValue());
            }
        }
        listener.onMessage(topic, message.getPayload(), properties);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (closed) {
            return;
        }
        // A connection that held for a whole backoff cap starts the count again; one that drops at once (another
        // client took the id, the broker refuses the session) keeps backing off.
        if (System.nanoTime() - connectedAtNanos
                >= settings.backoff().maxDelay().toNanos()) {
            failures.set(0);
        }
        failureReported = false;
        long delayMillis = scheduleConnect();
        LOG.warning(settings.receiverId() + " lost the broker connection (" + response + "); reconnecting in "
                + delayMillis + " ms");
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.log(Level.WARNING, settings.receiverId() + ": MQTT error", exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Deliveries are tracked per publish through MqttActionListener.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown error" : cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
