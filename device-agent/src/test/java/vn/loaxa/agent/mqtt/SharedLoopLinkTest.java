package vn.loaxa.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.OnMessage;
import vn.loaxa.agent.support.EmbeddedBroker;

class SharedLoopLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OBSERVER = "shared-loop-observer";

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private static MqttClient observer;
    private static final Map<String, List<String>> observed = new ConcurrentHashMap<>();

    private final SharedLoop loop = new SharedLoop();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<MqttTransport> links = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")));
        broker.allow(OBSERVER, "observer");
        observer = new MqttClient(broker.url(), OBSERVER, new MemoryPersistence());
        observer.setCallback(
                (OnMessage) (topic, message) -> observed.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                        .add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(OBSERVER);
        options.setPassword("observer".getBytes(StandardCharsets.UTF_8));
        observer.connect(options);
        observer.subscribe("shared/#", 1);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        observer.disconnect();
        observer.close();
        broker.close();
    }

    @AfterEach
    void closeLinks() {
        links.forEach(MqttTransport::close);
        loop.close();
        scheduler.shutdownNow();
    }

    @Test
    void shouldReceiveWhatItSubscribedToWithItsUserPropertiesAndReportDeliveries() throws Exception {
        broker.allow("shared-rx-1", "secret-1");
        RecordingListener listener = new RecordingListener();
        MqttTransport link = start("shared-rx-1", "secret-1", listener);
        await().atMost(WAIT).until(link::isConnected);
        assertThat(listener.connects).containsExactly(false);

        link.subscribe("shared/rx/shared-rx-1/manifest", 1);
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty("loaxa-sig", "abc")));
        MqttMessage message = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, properties);
        await().atMost(WAIT).untilAsserted(() -> {
            observer.publish("shared/rx/shared-rx-1/manifest", message);
            assertThat(listener.messages).isNotEmpty();
        });
        assertThat(listener.messages.get(0)).isEqualTo("shared/rx/shared-rx-1/manifest {loaxa-sig=abc} {}");

        AtomicInteger delivered = new AtomicInteger();
        boolean handed = link.publish(
                "shared/rx/shared-rx-1/event",
                "played".getBytes(StandardCharsets.UTF_8),
                1,
                false,
                60,
                new Count(delivered));
        assertThat(handed).isTrue();
        await().atMost(WAIT).until(() -> delivered.get() == 1);
        await().atMost(WAIT)
                .until(() -> observed.getOrDefault("shared/rx/shared-rx-1/event", List.of())
                        .contains("played"));
    }

    @Test
    void shouldKeepRetryingARefusedLoginAndConnectOnceTheSecretIsAccepted() {
        RecordingListener listener = new RecordingListener();
        MqttTransport link = start("shared-rx-2", "secret-2", listener);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !link.isConnected());
        assertThat(link.publish("shared/x", new byte[0], 1, false, new Count(new AtomicInteger())))
                .as("nothing is handed over while not connected")
                .isFalse();

        broker.allow("shared-rx-2", "secret-2");

        await().atMost(WAIT).until(link::isConnected);
        assertThat(listener.connects).containsExactly(false);
    }

    @Test
    void shouldReconnectAfterTheBrokerDropsItAndTellTheListenerItIsAReconnect() throws Exception {
        broker.allow("shared-rx-3", "secret-3");
        RecordingListener listener = new RecordingListener();
        MqttTransport link = start("shared-rx-3", "secret-3", listener);
        await().atMost(WAIT).until(link::isConnected);

        broker.disconnect("shared-rx-3");

        await().atMost(WAIT).until(() -> listener.connects.size() == 2);
        assertThat(listener.connects).containsExactly(false, true);
        assertThat(link.isConnected()).isTrue();
    }

    @Test
    void shouldPublishItsLastStatusOnCloseInsteadOfItsWill() {
        broker.allow("shared-rx-4", "secret-4");
        MqttTransport link = start("shared-rx-4", "secret-4", new RecordingListener());
        await().atMost(WAIT).until(link::isConnected);

        link.close("shared/rx/shared-rx-4/status", "offline".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        assertThat(link.isConnected()).isFalse();
        await().atMost(WAIT)
                .until(() -> observed.getOrDefault("shared/rx/shared-rx-4/status", List.of())
                        .contains("offline"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> !observed.getOrDefault("shared/rx/shared-rx-4/status", List.of())
                        .contains("will"));
    }

    @Test
    void shouldMoveToTheNextBrokerOfItsListWhenTheFirstIsDead() throws Exception {
        broker.allow("shared-rx-5", "secret-5");
        RecordingListener listener = new RecordingListener();
        String dead;
        try (ServerSocket closedAtOnce = new ServerSocket(0)) {
            dead = "tcp://127.0.0.1:" + closedAtOnce.getLocalPort();
        }

        MqttTransport link = start(List.of(dead, broker.url()), "shared-rx-5", "secret-5", listener);

        await().atMost(WAIT).until(() -> link.isConnected() && !listener.connects.isEmpty());
        assertThat(listener.connects).containsExactly(false);
    }

    private MqttTransport start(String id, String secret, MqttTransport.Listener listener) {
        return start(List.of(broker.url()), id, secret, listener);
    }

    private MqttTransport start(List<String> brokers, String id, String secret, MqttTransport.Listener listener) {
        MqttSettings settings = new MqttSettings(
                brokers,
                id,
                secret,
                "shared/rx/" + id + "/status",
                "will".getBytes(StandardCharsets.UTF_8),
                0,
                ReconnectBackoff.withMaxDelay(Duration.ofSeconds(1)));
        MqttTransport link = loop.create(settings, listener, scheduler);
        links.add(link);
        link.start();
        return link;
    }

    private static final class RecordingListener implements MqttTransport.Listener {
        final List<Boolean> connects = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onConnected(boolean reconnect) {
            connects.add(reconnect);
        }

        @Override
        public void onMessage(String topic, byte[] payload, Map<String, String> userProperties) {
            messages.add(topic + " " + userProperties + " " + new String(payload, StandardCharsets.UTF_8));
        }
    }

    private record Count(AtomicInteger count) implements MqttTransport.Delivery {
        @Override
        public void delivered() {
            count.incrementAndGet();
        }

        @Override
        public void failed(Throwable cause) {
            // counted as not delivered
        }
    }
}
