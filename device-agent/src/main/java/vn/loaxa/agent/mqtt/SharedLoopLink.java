package vn.loaxa.agent.mqtt;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One simulated receiver's MQTT 5 connection over the HiveMQ MQTT client, whose sockets all share the event loop of
 * one {@link SharedLoop}: the same session, Last Will and {@link ReconnectBackoff} as {@link MqttLink}, without
 * threads of its own. Reconnecting is ours: each disconnect (a failed attempt or a lost connection) asks the
 * client's reconnector to try again after this link's next backoff wait, at the next broker of the list (a cluster's
 * nodes are alike, so a receiver whose node failed finds another one).
 */
public final class SharedLoopLink implements MqttTransport {

    private static final Logger LOG = Logger.getLogger(SharedLoopLink.class.getName());

    private final MqttSettings settings;
    private final MqttTransport.Listener listener;
    private final Mqtt5AsyncClient client;
    private final List<URI> brokers;
    /** The broker of {@link #brokers} this link connects to now, counting up by one at each disconnect. */
    private final AtomicInteger brokerTurn = new AtomicInteger();
    /** Failed attempts since the last connection that held; chooses the next wait. */
    private final AtomicInteger failures = new AtomicInteger();

    private final AtomicBoolean everConnected = new AtomicBoolean();
    private volatile long connectedAtNanos;
    private volatile boolean wasConnected;
    private volatile boolean failureReported;
    private volatile boolean closed;

    SharedLoopLink(MqttSettings settings, MqttTransport.Listener listener, MqttClientExecutorConfig executors) {
        this.settings = settings;
        this.listener = listener;
        this.brokers = settings.serverUris().stream().map(URI::create).toList();
        URI uri = brokers.get(0);
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(settings.receiverId())
                .serverHost(uri.getHost())
                .serverPort(port(uri))
                .executorConfig(executors)
                .transportConfig()
                .socketConnectTimeout(MqttSettings.CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .mqttConnectTimeout(MqttSettings.CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .applyTransportConfig()
                .simpleAuth()
                .username(settings.receiverId())
                .password(settings.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth()
                .willPublish()
                .topic(settings.willTopic())
                .payload(settings.willPayload())
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .delayInterval(settings.willDelaySeconds())
                .applyWillPublish()
                .addConnectedListener(context -> connected())
                .addDisconnectedListener(this::disconnected);
        if ("ssl".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) {
            builder = builder.sslWithDefaultConfig();
        }
        if ("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) {
            builder = builder.webSocketConfig()
                    .serverPath(uri.getPath() == null ? "" : uri.getPath())
                    .applyWebSocketConfig();
        }
        this.client = builder.buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::arrived);
    }

    @Override
    public void start() {
        // failures are handled (and retried) in disconnected(), not through this attempt's future
        var unused = client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(MqttSettings.SESSION_EXPIRY_SECONDS)
                .keepAlive(MqttSettings.KEEP_ALIVE_SECONDS)
                .restrictions()
                .receiveMaximum(MqttSettings.RECEIVE_MAXIMUM)
                .applyRestrictions()
                .send();
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void subscribe(String topic, int qos) {
        var unused = client.subscribeWith()
                .topicFilter(topic)
                .qos(qos(qos))
                .send()
                .whenComplete((subAck, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, settings.receiverId() + " cannot subscribe to " + topic, failure);
                    }
                });
    }

    @Override
    public void unsubscribe(String topic) {
        var unused = client.unsubscribeWith().topicFilter(topic).send().whenComplete((unsubAck, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, settings.receiverId() + " cannot unsubscribe from " + topic, failure);
            }
        });
    }

    @Override
    public boolean publish(
            String topic, byte[] payload, int qos, boolean retained, long expirySeconds, Delivery delivery) {
        if (closed || !isConnected()) {
            return false;
        }
        var message =
                client.publishWith().topic(topic).payload(payload).qos(qos(qos)).retain(retained);
        if (expirySeconds > 0) {
            message = message.messageExpiryInterval(expirySeconds);
        }
        var unused = message.send().whenComplete((result, failure) -> {
            Throwable error = failure != null ? failure : result.getError().orElse(null);
            if (error == null) {
                delivery.delivered();
            } else {
                delivery.failed(error);
            }
        });
        return true;
    }

    @Override
    public void close(String topic, byte[] lastPayload, Duration timeout) {
        closed = true;
        if (isConnected() && lastPayload != null) {
            await(
                    client.publishWith()
                            .topic(topic)
                            .payload(lastPayload)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .retain(true)
                            .send(),
                    timeout,
                    "publish the offline status");
        }
        if (client.getState().isConnectedOrReconnect()) {
            await(client.disconnect(), timeout, "disconnect");
        }
    }

    @Override
    public void close() {
        close(settings.willTopic(), null, Duration.ofSeconds(2));
    }

    private void connected() {
        int retry = failures.get();
        connectedAtNanos = System.nanoTime();
        wasConnected = true;
        LOG.fine(() ->
                settings.receiverId() + " connected to " + broker() + (retry > 0 ? " (retry " + retry + ")" : ""));
        listener.onConnected(everConnected.getAndSet(true));
    }

    /** A failed attempt or a lost connection: tries again after this link's own backoff, unless closed. */
    private void disconnected(MqttClientDisconnectedContext context) {
        if (closed || context.getSource() == MqttDisconnectSource.USER) {
            context.getReconnector().reconnect(false);
            return;
        }
        boolean lost = wasConnected;
        wasConnected = false;
        // As in MqttLink: a connection that held for a whole backoff cap starts the count again.
        if (lost
                && System.nanoTime() - connectedAtNanos
                        >= settings.backoff().maxDelay().toNanos()) {
            failures.set(0);
        }
        long delayMillis = settings.backoff().delay(failures.incrementAndGet()).toMillis();
        URI failed = broker();
        URI next = brokers.get(brokerTurn.incrementAndGet() % brokers.size());
        context.getReconnector()
                .reconnect(true)
                .delay(delayMillis, TimeUnit.MILLISECONDS)
                .transportConfig()
                .serverHost(next.getHost())
                .serverPort(port(next))
                .applyTransportConfig();
        if (lost) {
            failureReported = false;
            LOG.warning(settings.receiverId() + " lost the broker connection (" + describe(context.getCause())
                    + "); reconnecting in " + delayMillis + " ms");
        } else {
            Level level = failureReported ? Level.FINE : Level.WARNING;
            failureReported = true;
            LOG.log(
                    level,
                    () -> settings.receiverId() + " cannot connect to " + failed + " ("
                            + describe(context.getCause()) + "); retry " + failures.get() + " in " + delayMillis
                            + " ms");
        }
    }

    private void arrived(Mqtt5Publish publish) {
        Map<String, String> properties = new HashMap<>();
        for (Mqtt5UserProperty property : publish.getUserProperties().asList()) {
            properties.putIfAbsent(
                    property.getName().toString(), property.getValue().toString());
        }
        listener.onMessage(publish.getTopic().toString(), publish.getPayloadAsBytes(), properties);
    }

    private void await(java.util.concurrent.CompletableFuture<?> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.FINE, settings.receiverId() + " cannot " + what, e);
        }
    }

    private static MqttQos qos(int qos) {
        MqttQos level = MqttQos.fromCode(qos);
        if (level == null) {
            throw new IllegalArgumentException("QoS " + qos);
        }
        return level;
    }

    private URI broker() {
        return brokers.get(brokerTurn.get() % brokers.size());
    }

    private static int port(URI broker) {
        return broker.getPort() > 0 ? broker.getPort() : defaultPort(broker.getScheme());
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "ssl" -> 8883;
            case "ws" -> 80;
            case "wss" -> 443;
            default -> 1883;
        };
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown error" : cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
