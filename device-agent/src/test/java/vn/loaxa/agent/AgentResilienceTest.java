package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.support.AudioServer;
import vn.loaxa.agent.support.EmbeddedBroker;
import vn.loaxa.agent.support.EventAcknowledger;
import vn.loaxa.agent.support.RecordingSink;
import vn.loaxa.agent.support.TestAudio;

/**
 * The agent without its network: it plays its schedule on time while the broker is down, and its events reach the
 * subscriber exactly once when the broker returns. A cached file that no longer matches its SHA-256 is never played
 * and is fetched again.
 */
class AgentResilienceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double TONE_SECONDS = 1.0;
    private static final String OBSERVER = "observer";
    private static final String OBSERVER_PASSWORD = "observer-password";
    private static final String TONE_PATH = "/api/v1/media/tone/audio";

    @TempDir
    static Path sharedDir;

    private static EmbeddedBroker broker;
    private static AudioServer audioServer;
    private static String toneUrl;
    private static String toneSha256;
    private static byte[] tone;

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private String prefix;
    private String receiverId;
    private String secret;
    private final java.util.concurrent.atomic.AtomicInteger subscriptions =
            new java.util.concurrent.atomic.AtomicInteger();
    private Topics topics;
    private MqttClient observer;
    private EventAcknowledger acks;
    private AgentExecutors executors;
    private Agent agent;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(sharedDir.resolve("broker")));
        broker.allow(OBSERVER, OBSERVER_PASSWORD);
        tone = TestAudio.sineOggOpus(sharedDir.resolve("tone.ogg"), TONE_SECONDS);
        toneSha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
        audioServer = AudioServer.start();
        toneUrl = audioServer.serve(TONE_PATH, tone);
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        audioServer.close();
        broker.close();
    }

    @BeforeEach
    void startAgentAndObserver() throws Exception {
        prefix = "res-" + UUID.randomUUID().toString().substring(0, 8);
        receiverId = "rx-res-" + prefix.substring(4);
        topics = new Topics(prefix);
        secret = "secret-" + receiverId;
        broker.allow(receiverId, secret);
        observer = new MqttClient(broker.url(), OBSERVER, new MemoryPersistence());
        observer.setCallback(new Callback());
        acks = new EventAcknowledger(observer, topics, json);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setUserName(OBSERVER);
        options.setPassword(OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        observer.connect(options);
        subscribeObserver();

        AgentConfig config = new AgentConfig(
                        receiverId, secret, broker.url(), null, prefix, cacheDir, SinkType.NULL, null, 5)
                .withTuning(Tuning.defaults().withFlush(1000, Duration.ZERO));
        executors = new AgentExecutors();
        agent = Agent.builder(config, executors, sink)
                .retryPolicy(new RetryPolicy(3, 3, Duration.ofMillis(20), Duration.ofMillis(100)))
                .json(json)
                .build();
        agent.start();
        await().atMost(TIMEOUT).until(agent::isConnected);
    }

    @AfterEach
    void stopAgentAndObserver() throws MqttException {
        agent.close();
        executors.close();
        acks.close();
        observer.disconnect();
        observer.close();
    }

    @Test
    void shouldPlayOnTimeWhileTheBrokerIsDownAndDeliverEveryEventOnceItReturns() throws Exception {
        Instant start = Instant.now().plusSeconds(4);
        ManifestEntry first = entry("occ-offline-1", start);
        ManifestEntry second = entry("occ-offline-2", start.plusSeconds(2));
        publishManifest(first, second);
        await().atMost(TIMEOUT)
                .until(() -> has(first, EventType.DOWNLOADED)
                        && has(second, EventType.DOWNLOADED)
                        && agent.heartbeat().outboxPending() == 0);

        broker.stop();
        try {
            await().atMost(TIMEOUT)
                    .until(() -> sink.clips().size() == 2 && agent.heartbeat().outboxPending() == 4);
            assertThat(agent.isConnected()).isFalse();
            assertThat(sink.clips().get(0).openedAt)
                    .as("on time without the network")
                    .isBetween(first.playAt().minusMillis(20), first.playAt().plusMillis(100));
            assertThat(sink.clips().get(1).openedAt)
                    .isBetween(second.playAt().minusMillis(20), second.playAt().plusMillis(100));
            assertThat(events).noneMatch(e -> e.event() == EventType.PLAYING || e.event() == EventType.PLAYED);
        } finally {
            // The observer stands in for the server: it must be subscribed again before the agent flushes, as the
            // server is in production (the agent's flush jitter gives it that time; here the agent waits outside).
            broker.deny(receiverId);
            broker.restart();
        }
        await().atMost(TIMEOUT).until(() -> subscriptions.get() == 2);
        broker.allow(receiverId, secret);

        await().atMost(TIMEOUT)
                .until(() -> has(first, EventType.PLAYED)
                        && has(second, EventType.PLAYED)
                        && agent.heartbeat().outboxPending() == 0);
        Map<String, Long> perEvent = events.stream()
                .collect(Collectors.groupingBy(e -> e.occurrenceId() + "/" + e.event(), Collectors.counting()));
        assertThat(perEvent)
                .as("exactly one of each event per occurrence, nothing lost")
                .containsOnlyKeys(keys(first, second))
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        assertThat(events.stream().map(AgentEvent::id).distinct().count()).isEqualTo(8);
    }

    @Test
    void shouldNeverPlayACorruptedCachedFileAndFetchItAgain() throws Exception {
        ManifestEntry entry = entry("occ-corrupt", Instant.now().plusSeconds(5));
        publishManifest(entry);
        await().atMost(TIMEOUT).until(() -> has(entry, EventType.DOWNLOADED));
        long downloads = audioServer.requests().stream()
                .filter(r -> r.path().equals(TONE_PATH))
                .count();
        Path cached = cacheDir.resolve(toneSha256 + ".ogg");
        byte[] corrupted = tone.clone();
        corrupted[corrupted.length / 2] ^= 0x55;
        Files.write(cached, corrupted);

        await().atMost(TIMEOUT).until(() -> has(entry, EventType.PLAYED));

        assertThat(sink.clips()).as("played once, from the file fetched again").hasSize(1);
        assertThat(sink.clips().get(0).bytes).isGreaterThan((long) (96_000 * TONE_SECONDS * 0.9));
        assertThat(audioServer.requests().stream()
                        .filter(r -> r.path().equals(TONE_PATH))
                        .count())
                .isEqualTo(downloads + 1);
        assertThat(Files.readAllBytes(cached)).isEqualTo(tone);
        assertThat(agent.heartbeat().lastError()).contains("no longer matched its sha256");
    }

    private void subscribeObserver() {
        try {
            observer.subscribe(prefix + "/v1/rx/+/event", 1);
            subscriptions.incrementAndGet();
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] keys(ManifestEntry... entries) {
        return List.of(entries).stream()
                .flatMap(e ->
                        List.of(EventType.DELIVERED, EventType.DOWNLOADED, EventType.PLAYING, EventType.PLAYED).stream()
                                .map(type -> e.occurrenceId() + "/" + type))
                .toArray(String[]::new);
    }

    private boolean has(ManifestEntry entry, EventType type) {
        return events.stream().anyMatch(e -> e.occurrenceId().equals(entry.occurrenceId()) && e.event() == type);
    }

    private ManifestEntry entry(String occurrenceId, Instant playAt) {
        return new ManifestEntry(
                occurrenceId,
                "broadcast-1",
                occurrenceId,
                Priority.NORMAL,
                playAt,
                playAt.plusSeconds(60),
                new AudioRef(toneUrl, toneSha256, (long) (TONE_SECONDS * 1000), (long) tone.length, "audio/ogg"));
    }

    private void publishManifest(ManifestEntry... entries) throws Exception {
        Manifest manifest = new Manifest(Schemas.MANIFEST, receiverId, 1L, Instant.now(), List.of(entries));
        MqttMessage message = new MqttMessage(json.writeValueAsBytes(manifest), 1, true, new MqttProperties());
        message.getProperties().setMessageExpiryInterval(3600L);
        observer.publish(topics.manifest(receiverId), message);
    }

    private final class Callback implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            if (topics.parse(topic).filter(t -> t.kind() == Topics.Kind.EVENT).isPresent()) {
                AgentEvent event = json.readValue(message.getPayload(), AgentEvent.class);
                events.add(event);
                acks.acknowledgeLater(event);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                // not on Paho's callback thread, which must not block
                new Thread(AgentResilienceTest.this::subscribeObserver, "observer-resubscribe").start();
            }
        }
    }
}
