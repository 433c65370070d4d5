package vn.loaxa.dispatch.mqtt;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import vn.loaxa.dispatch.signing.MessageSigner;
import vn.loaxa.dispatch.signing.SignedMessage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.broker.EmbeddedBroker;

/**
 * The server's one MQTT connection: publishes manifests, and receives events and status through shared
 * subscriptions. Incoming messages are handed to a bounded executor at once; Paho's callback thread never blocks.
 * On an external broker the session is persistent (a stable client id per replica, no clean start), so that the
 * broker queues receivers' messages while the server restarts. Neither the broker's queue nor its PUBACK is what
 * keeps an event safe: the agent keeps it until the server acknowledges it after the commit
 * ({@link EventAcknowledgements}), and sends it again until then.
 */
@ApplicationScoped
public class MqttGateway {
    public static final String RECEIVED_METER = "loaxa.mqtt.received";
    private static final Logger LOG = Logger.getLogger(MqttGateway.class);
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    public static final String STALLS_METER = "loaxa.mqtt.inbound.stalls";
    public static final String SILENCES_METER = "loaxa.mqtt.inbound.silences";
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    private static final Duration SUBSCRIBE_RETRY = Duration.ofSeconds(5);

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
    private String url;
    private volatile MqttAsyncClient client;
    private volatile boolean subscribed;
    private volatile boolean connectFailed;

    public MqttGateway(MqttConfig config, EmbeddedBroker broker, InboundMessages inbound, MeterRegistry registry,
            MessageSigner signer, MqttDrops drops) {
        this.drops = drops;
        this.signer = signer;
        this.received = Counter.builder(RECEIVED_METER).description("Messages received from receivers")
                .register(registry);
        this.stalls = Counter.builder(STALLS_METER)
                .description("Receiver messages held by the inbound thread for longer than " + STALL_LIMIT.toSeconds() + " s")
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
        this.inboundExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(config.inboundQueue()), r -> new Thread(r, "loaxa-mqtt-inbound"));
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
        url = config.url().or(broker::url).orElseThrow(() -> new IllegalStateException(
                "No MQTT broker: set LOAXA_MQTT_URL, or enable the embedded broker"));
        try {
            connect();
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot connect to the MQTT broker at " + url + ": " + e.getMessage()
                    + ". Check LOAXA_MQTT_URL and that the broker runs.", e);
        }
        LOG.infof("Connected to MQTT broker %s as %s (topic prefix '%s')", url, clientId, config.topicPrefix());
        watcher.scheduleWithFixedDelay(() -> stallWatch.check().ifPresent(report -> {
            stalls.increment();
            LOG.warn(report);
        }), 5, 5, TimeUnit.SECONDS);
        long probeMillis = config.probeInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::probeInbound, probeMillis, probeMillis, TimeUnit.MILLISECONDS);
    }

    /** A new client under this replica's stable id, which resumes the session that the broker kept for it. */
    private void connect() throws MqttException {
        MqttAsyncClient fresh = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        fresh.setCallback(new Connection(fresh));
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(100_000);
        buffer.setDeleteOldestMessages(true);
        fresh.setBufferOpts(buffer);
        client = fresh;
        fresh.connect(connectionOptions()).waitForCompletion(CONNECT_TIMEOUT_MS);
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        // the embedded broker starts and stops with this server, so it has nothing queued to resume
        boolean persistent = !embedded();
        options.setCleanStart(!persistent);
        if (persistent) {
            options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        }
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 60);
        options.setKeepAliveInterval(30);
        options.setReceiveMaximum(config.maxInflight());
        if (config.url().isEmpty() && broker.active()) {
            options.setUserName(broker.serverLogin().username());
            options.setPassword(broker.serverLogin().password().getBytes(StandardCharsets.UTF_8));
        } else {
            config.username().ifPresent(options::setUserName);
            config.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        }
        return options;
    }

    /**
     * Publishes a probe that the server's own subscription matches, and replaces the connection when nothing at all
     * has come in for longer than the silence limit (see {@link InboundSilenceWatch}).
     */
    private void probeInbound() {
        try {
            MqttAsyncClient current = client;
            if (!current.isConnected()) {
                if (connectFailed) {
                    replaceConnection();
                }
                return;
            }
            if (subscribed) {
                MqttMessage probe = new MqttMessage(current.getClientId().getBytes(StandardCharsets.UTF_8));
                probe.setQos(1);
                MqttProperties properties = new MqttProperties();
                properties.setMessageExpiryInterval(Math.max(1, config.probeInterval().toSeconds()));
                probe.setProperties(properties);
                current.publish(probeTopic, probe);
            }
            silenceWatch.check().ifPresent(report -> {
                silences.increment();
                LOG.errorf("%s; replacing the connection", report);
                replaceConnection();
            });
        } catch (MqttException | RuntimeException e) {
            LOG.warnf("Inbound probe failed: %s", e.toString());
        }
    }

    private void replaceConnection() {
        MqttAsyncClient old = client;
        subscribed = false;
        silenceWatch.unsubscribed();
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
            // the fresh client has no automatic reconnect until its first connect succeeds: the next probe retries
            connectFailed = true;
            LOG.errorf("Cannot connect afresh to the MQTT broker at %s (%s); trying again in %d s", url,
                    e.getMessage(), config.probeInterval().toSeconds());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        watcher.shutdownNow();
        inboundExecutor.shutdown();
        MqttAsyncClient current = client;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    current.disconnect().waitForCompletion(5_000);
                }
                current.close();
            } catch (MqttException e) {
                LOG.debug("MQTT client did not close cleanly", e);
            }
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
        return List.of(new UserProperty(SignedMessage.KEY_ID, signed.keyId()),
                new UserProperty(SignedMessage.SEQUENCE, Long.toString(signed.sequence())),
                new UserProperty(SignedMessage.ISSUED_AT, Long.toString(signed.issuedAt())),
                new UserProperty(SignedMessage.EXPIRES_AT, Long.toString(signed.expiresAt())),
                new UserProperty(SignedMessage.SIGNATURE, signed.signature()));
    }

    public boolean connected() {
        return client != null && client.isConnected();
    }

    /** Publishes at QoS 1; while disconnected the message waits in Paho's buffer. */
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
            IMqttToken token = client.publish(topic, message);
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

    private void waitForInflightSlot() {
        for (IMqttToken pending : client.getPendingTokens()) {
            try {
                pending.waitForCompletion(CONNECT_TIMEOUT_MS);
            } catch (MqttException ignored) {
                // the failed token frees its slot just the same
            }
            return;
        }
    }

    /** Paho's callbacks for one client; those of a client that has since been replaced change nothing. */
    private final class Connection implements MqttCallback {
        private final MqttAsyncClient owner;

        Connection(MqttAsyncClient owner) {
            this.owner = owner;
        }

        private boolean current() {
            return owner == client;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                LOG.infof("Reconnected to MQTT broker %s", serverURI);
            }
            subscribeToReceivers(owner);
        }

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
                drops.dropQuietly("overloaded", "inbound-queue", topic,
                        "the inbound queue is full (" + config.inboundQueue() + ")");
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (current()) {
                subscribed = false;
                silenceWatch.unsubscribed();
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

    /**
     * Subscribes to every receiver's events, status and heartbeats, and checks the broker's answer: a refused or lost
     * subscription would silence every receiver while the connection itself looks healthy, so it is retried until
     * granted, and readiness reports it.
     */
    private void subscribeToReceivers(MqttAsyncClient owner) {
        if (owner != client) {
            return;
        }
        subscribed = false;
        MqttSubscription[] subscriptions = Stream.of(Topics.Kind.EVENT, Topics.Kind.STATUS, Topics.Kind.HEARTBEAT)
                .map(kind -> new MqttSubscription(receiverFilter(kind), 1)).toArray(MqttSubscription[]::new);
        try {
            owner.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && Arrays.stream(codes).anyMatch(code -> code >= 0x80)) {
                        retrySubscription(owner, "the broker refused it with reason codes " + Arrays.toString(codes));
                    } else if (owner == client) {
                        subscribed = true;
                        silenceWatch.subscribed();
                        LOG.infof("Subscribed to receiver events, status and heartbeats (%s)",
                                receiverFilter(Topics.Kind.EVENT));
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retrySubscription(owner, String.valueOf(failure));
                }
            }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            retrySubscription(owner, e.toString());
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

    private void retrySubscription(MqttAsyncClient owner, String why) {
        LOG.errorf("Could not subscribe to receiver messages (%s); trying again in %d s", why,
                SUBSCRIBE_RETRY.toSeconds());
        watcher.schedule(() -> {
            if (owner == client && !subscribed && owner.isConnected()) {
                subscribeToReceivers(owner);
            }
        }, SUBSCRIBE_RETRY.toSeconds(), TimeUnit.SECONDS);
    }

    /** True once the broker has granted the subscriptions to receiver messages on the current connection. */
    public boolean subscribed() {
        return subscribed && connected();
    }
}
