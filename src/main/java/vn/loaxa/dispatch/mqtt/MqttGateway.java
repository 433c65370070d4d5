package vn.loaxa.dispatch.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.signing.MessageSigner;
import vn.loaxa.dispatch.signing.SignedMessage;

/**
 * The server's one MQTT connection: publishes manifests, and receives events and status through shared
 * subscriptions. Incoming messages are handed to a bounded executor at once; Paho's callback thread never blocks.
 * The connection itself (session, reconnects, subscribing on connect) is supervised by {@link MqttConnection}; here
 * the inbound side is watched for stalls and silence, and a silent connection is replaced. Neither the broker's queue
 * nor its PUBACK is what keeps an event safe: the agent keeps it until the server acknowledges it after the commit
 * ({@link EventAcknowledgements}), and sends it again until then.
 */
@ApplicationScoped
public class MqttGateway {
    public static final String RECEIVED_METER = "loaxa.mqtt.received";
    private static final Logger LOG = Logger.getLogger(MqttGateway.class);
    public static final String STALLS_METER = "loaxa.mqtt.inbound.stalls";
    public static final String SILENCES_METER = "loaxa.mqtt.inbound.silences";
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    /** Places of the broker's window that QoS 1 publishes leave free: for live frames, the probe and end frames. */
    static final int FRAME_RESERVE = 4;

    private final MqttConfig config;
    private final EmbeddedBroker broker;
    private final InboundMessages inbound;
    private final Topics topics;
    /** Built once: every incoming message is compared with it on Paho's callback thread. */
    private final String probeTopic;

    private final ThreadPoolExecutor inboundExecutor;
    private final String clientId;
    private final Counter received;
    private final Counter stalls;
    private final InboundStallWatch stallWatch = new InboundStallWatch(STALL_LIMIT, System::nanoTime);
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "loaxa-mqtt-inbound-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final MessageSigner signer;
    private final MqttDrops drops;
    private final InboundSilenceWatch silenceWatch;
    private final Counter silences;
    private final Object qos1Window = new Object();
    private volatile MqttConnection connection;

    public MqttGateway(
            MqttConfig config,
            EmbeddedBroker broker,
            InboundMessages inbound,
            MeterRegistry registry,
            MessageSigner signer,
            MqttDrops drops) {
        this.drops = drops;
        this.signer = signer;
        this.received = Counter.builder(RECEIVED_METER)
                .description("Messages received from receivers")
                .register(registry);
        this.stalls = Counter.builder(STALLS_METER)
                .description("Receiver messages held by the inbound thread for longer than " + STALL_LIMIT.toSeconds()
                        + " s")
                .register(registry);
        this.silences = Counter.builder(SILENCES_METER)
                .description("Connections replaced because nothing arrived, not even the server's own probes")
                .register(registry);
        this.silenceWatch = new InboundSilenceWatch(config.silenceLimit(), System::nanoTime);
        this.config = config;
        this.broker = broker;
        this.inbound = inbound;
        this.topics = new Topics(config.topicPrefix());
        this.probeTopic = topics.inboundProbe();
        this.clientId = config.clientId().orElseGet(() -> defaultClientId(config.topicPrefix()));
        this.inboundExecutor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(config.inboundQueue()),
                r -> new Thread(r, "loaxa-mqtt-inbound"));
    }

    static String defaultClientId(String prefix) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        // the colons keep it out of the receiver id pattern, so no receiver can log in under it
        return "loaxa-server:" + safe(host) + ":" + safe(prefix);
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The client id this replica connects with, and under which the broker keeps its session. */
    public String clientId() {
        return clientId;
    }

    public Topics topics() {
        return topics;
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        String url = config.url()
                .or(broker::url)
                .orElseThrow(() ->
                        new IllegalStateException("No MQTT broker: set LOAXA_MQTT_URL, or enable the embedded broker"));
        List<String> filters = Stream.of(
                        Topics.Kind.EVENT, Topics.Kind.STATUS, Topics.Kind.HEARTBEAT, Topics.Kind.CATCHUP)
                .map(this::receiverFilter)
                .toList();
        connection = new MqttConnection(url, clientId, sessionOptions(), filters, watcher, new Inbound());
        try {
            connection.connect();
        } catch (MqttException e) {
            throw new IllegalStateException(
                    "Cannot connect to the MQTT broker at " + url + ": " + e.getMessage()
                            + ". Check LOAXA_MQTT_URL and that the broker runs.",
                    e);
        }
        LOG.infof("Connected to MQTT broker %s as %s (topic prefix '%s')", url, clientId, config.topicPrefix());
        watcher.scheduleWithFixedDelay(
                () -> stallWatch.check().ifPresent(report -> {
                    stalls.increment();
                    LOG.warn(report);
                }),
                5,
                5,
                TimeUnit.SECONDS);
        long probeMillis = config.probeInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::probeInbound, probeMillis, probeMillis, TimeUnit.MILLISECONDS);
    }

    /** The embedded broker's own login for the server, or the configured one on an external broker. */
    private MqttConnectionOptions sessionOptions() {
        boolean ownLogin = embedded();
        return MqttConnection.sessionOptions(
                embedded(),
                config.sessionExpiry(),
                config.maxInflight(),
                ownLogin ? Optional.of(broker.serverLogin().username()) : config.username(),
                ownLogin ? Optional.of(broker.serverLogin().password()) : config.password());
    }

    /**
     * Publishes a probe that the server's own subscription matches, and replaces the connection when nothing at all
     * has come in for longer than the silence limit (see {@link InboundSilenceWatch}).
     */
    private void probeInbound() {
        try {
            if (!connection.connected()) {
                if (connection.connectFailed()) {
                    connection.replace();
                }
                return;
            }
            if (connection.subscribed()) {
                MqttMessage probe = new MqttMessage(clientId.getBytes(StandardCharsets.UTF_8));
                probe.setQos(1);
                MqttProperties properties = new MqttProperties();
                properties.setMessageExpiryInterval(
                        Math.max(1, config.probeInterval().toSeconds()));
                probe.setProperties(properties);
                connection.client().publish(probeTopic, probe);
            }
            silenceWatch.check().ifPresent(report -> {
                silences.increment();
                LOG.errorf("%s; replacing the connection", report);
                connection.replace();
            });
        } catch (MqttException | RuntimeException e) {
            LOG.warnf("Inbound probe failed: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        watcher.shutdownNow();
        inboundExecutor.shutdown();
        if (connection != null) {
            connection.close();
        }
        try {
            inboundExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every message to agents carries its Ed25519 signature block (docs/protocol.md, "Signatures"). */
    private List<UserProperty> signatureProperties(String topic, byte[] payload, long expirySeconds) {
        SignedMessage signed = signer.sign(topic, payload, Duration.ofSeconds(Math.max(1, expirySeconds)));
        return signed.userProperties().entrySet().stream()
                .map(property -> new UserProperty(property.getKey(), property.getValue()))
                .toList();
    }

    public boolean connected() {
        return connection != null && connection.connected();
    }

    /**
     * Publishes at QoS 1; while disconnected the message waits in Paho's buffer. While connected it waits rather
     * than take the last {@link #FRAME_RESERVE} places of the broker's window: live frames are refused once QoS 1
     * messages fill it.
     */
    public void publish(String topic, byte[] payload, boolean retained, long expirySeconds) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expirySeconds));
        properties.setContentType("application/json");
        properties.setUserProperties(signatureProperties(topic, payload, expirySeconds));
        message.setProperties(properties);
        try {
            IMqttToken token;
            synchronized (qos1Window) {
                leaveRoomForFrames();
                token = connection.client().publish(topic, message);
            }
            if (token != null && token.getException() != null) {
                throw token.getException();
            }
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                waitForInflightSlot();
                publish(topic, payload, retained, expirySeconds);
                return;
            }
            throw new MqttPublishException(topic, e);
        }
    }

    /**
     * Publishes a live frame as it is: no signature block, since the frame carries its own tag under the key the
     * signed announcement gave out (docs/protocol.md, "Live sessions"). Audio goes at QoS 0, so that a slow link
     * loses a frame rather than delays the next ones; a frame that cannot be handed to the client is dropped.
     */
    public void publishFrame(String topic, byte[] frame, int qos, boolean retained, long expirySeconds) {
        MqttMessage message = new MqttMessage(frame);
        message.setQos(qos);
        message.setRetained(retained);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(Math.max(1, expirySeconds));
        properties.setContentType("application/octet-stream");
        message.setProperties(properties);
        try {
            connection.client().publish(topic, message);
        } catch (MqttException e) {
            throw new MqttPublishException(topic, e);
        }
    }

    /**
     * Waits while QoS 1 publishes fill the broker's window but for {@link #FRAME_RESERVE} places. Paho refuses any
     * publish, a QoS 0 live frame too, while the window is full, which on a default Mosquitto is 20 messages: a
     * dispatch or a catch-up storm would otherwise silence a live session. Paho counts a message in flight only
     * once its sender thread takes it, so the publishes not yet delivered are counted instead: all of them, since a
     * queued frame takes its place as well. Callers hold {@link #qos1Window}.
     */
    private void leaveRoomForFrames() {
        MqttAsyncClient client = connection.client();
        int limit = Math.max(1, connection.publishWindow() - FRAME_RESERVE);
        while (client.isConnected() && client.getPendingTokens().length >= limit) {
            waitForInflightSlot();
        }
    }

    private void waitForInflightSlot() {
        for (IMqttToken pending : connection.client().getPendingTokens()) {
            try {
                pending.waitForCompletion(MqttConnection.CONNECT_TIMEOUT_MS);
            } catch (MqttException ignored) {
                // the failed token frees its slot just the same
            }
            return;
        }
    }

    /** Hands each message to the inbound executor at once, and keeps the silence watch in step. */
    private final class Inbound implements MqttConnection.Listener {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            silenceWatch.arrived();
            if (topic.equals(probeTopic)) {
                return;
            }
            received.increment();
            byte[] payload = message.getPayload();
            try {
                inboundExecutor.execute(() -> {
                    stallWatch.begin(topic);
                    try {
                        inbound.handle(topic, payload);
                    } finally {
                        stallWatch.end();
                    }
                });
            } catch (RejectedExecutionException e) {
                // the agent sends again every event that the server has not acknowledged
                drops.dropQuietly(
                        "overloaded",
                        "inbound-queue",
                        topic,
                        "the inbound queue is full (" + config.inboundQueue() + ")");
            }
        }

        @Override
        public void subscribed() {
            silenceWatch.subscribed();
        }

        @Override
        public void unsubscribed() {
            silenceWatch.unsubscribed();
        }
    }

    /**
     * Shared on an external broker, so that replicas split the load. The embedded broker lives inside this one server,
     * so nobody shares it, and a plain subscription avoids HiveMQ CE's shared-subscription delivery, which can go idle
     * under load while the connection stays up (hivemq-community-edition issue 558).
     */
    private String receiverFilter(Topics.Kind kind) {
        return embedded() ? topics.allReceivers(kind) : topics.sharedAllReceivers(config.sharedGroup(), kind);
    }

    private boolean embedded() {
        return config.url().isEmpty() && broker.active();
    }

    /** True once the broker has granted the subscriptions to receiver messages on the current connection. */
    public boolean subscribed() {
        return connection != null && connection.subscribed();
    }
}
