package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.CommandType;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Heartbeat;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.PreemptPolicy;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.RelayRef;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.support.AudioServer;
import vn.loaxa.agent.support.EmbeddedBroker;
import vn.loaxa.agent.support.RecordingSink;
import vn.loaxa.agent.support.StreamServer;
import vn.loaxa.agent.support.TestAudio;
import vn.loaxa.agent.time.ClockOffset;

/**
 * Priorities, pre-emption, volume and mute, remote commands and the heartbeat, against a real broker and HTTP
 * server, with a recording null sink.
 */
class AgentControlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final double TONE_SECONDS = 2.0;
    private static final String OBSERVER = "observer";
    private static final String OBSERVER_PASSWORD = "observer-password";
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path sharedDir;

    private static EmbeddedBroker broker;
    private static AudioServer audioServer;
    private static String toneUrl;
    private static String toneSha256;

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private String prefix;
    private String receiverId;
    private Topics topics;
    private MqttClient observer;
    private AgentExecutors executors;
    private Agent agent;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(sharedDir.resolve("broker")));
        broker.allow(OBSERVER, OBSERVER_PASSWORD);
        byte[] tone = TestAudio.sineOggOpus(sharedDir.resolve("tone.ogg"), TONE_SECONDS);
        toneSha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
        audioServer = AudioServer.start();
        toneUrl = audioServer.serve("/api/v1/media/tone/audio", tone);
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        audioServer.close();
        broker.close();
    }

    @BeforeEach
    void connectObserver() throws MqttException {
        int run = RUN.incrementAndGet();
        prefix = "ctl-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
        receiverId = "rx-ctl-" + run;
        topics = new Topics(prefix);
        observer = observe(broker.url(), OBSERVER, OBSERVER_PASSWORD);
    }

    @AfterEach
    void stopAgentAndObserver() throws MqttException {
        if (agent != null) {
            agent.close();
        }
        if (executors != null) {
            executors.close();
        }
        observer.disconnect();
        observer.close();
    }

    @Test
    void shouldInterruptNormalForEmergencyAndResumeItWhereItStopped() throws Exception {
        startAgent(broker.url(), "secret-" + receiverId);
        Instant start = Instant.now().plusSeconds(3);
        ManifestEntry normal = entry("occ-normal", Priority.NORMAL, start, PreemptPolicy.RESUME);
        ManifestEntry emergency = entry("occ-emergency", Priority.EMERGENCY, start.plusMillis(800), null);
        publishManifest(1, normal, emergency);

        awaitEvents(normal, EventType.PLAYED);
        awaitEvents(emergency, EventType.PLAYED);

        assertThat(event(normal, EventType.PREEMPTED))
                .as("a resumed entry is not PREEMPTED")
                .isNull();
        assertThat(event(normal, EventType.PLAYED).at())
                .isAfter(event(emergency, EventType.PLAYED).at());
        assertThat(sink.clips()).hasSize(3);
        long bytesPerSecond = 96_000;
        long normalBytes = sink.clips().get(0).bytes + sink.clips().get(2).bytes;
        assertThat(normalBytes)
                .as("the normal entry played once in total, in two parts")
                .isBetween((long) (bytesPerSecond * TONE_SECONDS * 0.9), (long) (bytesPerSecond * TONE_SECONDS * 1.2));
        assertThat(sink.clips().get(1).openedAt)
                .isBetween(
                        emergency.playAt().minusMillis(50), emergency.playAt().plusMillis(200));
    }

    @Test
    void shouldRelayALocallyServedStreamForItsWindow() throws Exception {
        byte[] mp3 = TestAudio.sineMp3(sharedDir.resolve("relay.mp3"), 2.0);
        try (StreamServer stream = StreamServer.start(mp3, 8_000)) {
            startAgent(broker.url(), "secret-" + receiverId);
            Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
            ManifestEntry relay = relayEntry("occ-relay", stream.url(), start, start.plusSeconds(4));
            publishManifest(1, relay);

            awaitEvents(relay, EventType.PLAYED);

            assertThat(event(relay, EventType.PLAYING)).isNotNull();
            assertThat(event(relay, EventType.FAILED)).isNull();
            assertThat(event(relay, EventType.PLAYED).at())
                    .as("played until the window closed")
                    .isBetween(start.plusSeconds(4), start.plusSeconds(6));
            assertThat(stream.listeners()).isEqualTo(1);
            assertThat(sink.clips()).hasSize(1);
            assertThat(sink.clips().get(0).bytes)
                    .as("about 4 s of 48 kHz mono s16")
                    .isBetween(96_000L * 3, 96_000L * 5);
            assertThat(sink.clips().get(0).peak).isGreaterThan(1000);
        }
    }

    @Test
    void shouldReportAnUnreachableRelayStreamAsFailed() throws Exception {
        startAgent(broker.url(), "secret-" + receiverId);
        Instant start = Instant.now().plusSeconds(2);
        ManifestEntry relay = relayEntry("occ-relay-down", "http://127.0.0.1:9/live.mp3", start, start.plusSeconds(30));
        publishManifest(1, relay);

        awaitEvents(relay, EventType.FAILED);

        assertThat(event(relay, EventType.FAILED).reason()).contains("cannot open the relay stream");
        assertThat(event(relay, EventType.PLAYED)).isNull();
    }

    @Test
    void shouldStartAtTheScheduledServerInstantCorrectedByTheMeasuredOffset() throws Exception {
        ClockOffset time = new ClockOffset(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-3)));
        time.update(Duration.ofSeconds(3));
        startAgent(broker.url(), "secret-" + receiverId, time);
        ManifestEntry entry = entry("occ-offset", Priority.NORMAL, Instant.now().plusSeconds(2), null);
        publishManifest(1, entry);

        awaitEvents(entry, EventType.PLAYED);

        assertThat(sink.clips().get(0).openedAt)
                .as("the local clock is 3 s behind; the offset corrects it")
                .isBetween(entry.playAt().minusMillis(20), entry.playAt().plusMillis(100));
        assertThat(event(entry, EventType.PLAYING).at())
                .isEqualTo(entry.playAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(agent.heartbeat().clockOffsetMs()).isEqualTo(3000L);
    }

    @Test
    void shouldDropAPreemptedEntryWhosePolicyIsDropAndReportPreempted() throws Exception {
        startAgent(broker.url(), "secret-" + receiverId);
        Instant start = Instant.now().plusSeconds(3);
        ManifestEntry normal = entry("occ-drop", Priority.NORMAL, start, PreemptPolicy.DROP);
        ManifestEntry priority = entry("occ-priority", Priority.PRIORITY, start.plusMillis(600), null);
        publishManifest(1, normal, priority);

        awaitEvents(normal, EventType.PREEMPTED);
        awaitEvents(priority, EventType.PLAYED);

        assertThat(event(normal, EventType.PREEMPTED).reason()).contains("occ-priority");
        assertThat(event(normal, EventType.PLAYED)).isNull();
        assertThat(sink.clips()).hasSize(2);
    }

    @Test
    void shouldMuteNormalEntriesButPlayEmergenciesAtEmergencyVolume() throws Exception {
        startAgent(broker.url(), "secret-" + receiverId);
        sendCommand(CommandType.MUTE, null, Instant.now().plusSeconds(60));
        await().atMost(TIMEOUT).until(() -> heartbeats.stream().anyMatch(h -> Boolean.TRUE.equals(h.muted())));
        Instant start = Instant.now().plusSeconds(2);
        ManifestEntry normal = entry("occ-muted", Priority.NORMAL, start, null);
        ManifestEntry emergency = entry("occ-loud", Priority.EMERGENCY, start.plusSeconds(3), null);
        publishManifest(1, normal, emergency);

        awaitEvents(normal, EventType.PLAYED);
        awaitEvents(emergency, EventType.PLAYED);

        assertThat(sink.clips()).hasSize(2);
        assertThat(sink.clips().get(0).peak).as("muted").isZero();
        assertThat(sink.clips().get(1).peak).as("emergency ignores mute").isGreaterThan(1000);
    }

    @Test
    void shouldCarryOutCommandsAndIgnoreExpiredOrRepeatedOnes() throws Exception {
        startAgent(broker.url(), "secret-" + receiverId);
        await().atMost(TIMEOUT).until(() -> !heartbeats.isEmpty());
        Heartbeat first = heartbeats.get(0);
        assertThat(first.volume()).isEqualTo(Tuning.DEFAULT_VOLUME);
        assertThat(first.audioOutputOk()).isTrue();
        assertThat(first.freeCacheBytes()).isPositive();
        assertThat(first.agentVersion()).isNotBlank();

        UUID volume = sendCommand(CommandType.SET_VOLUME, 35, Instant.now().plusSeconds(60));
        await().atMost(TIMEOUT).until(() -> lastHeartbeat().volume() == 35);
        assertThat(lastHeartbeat().lastCommandId()).isEqualTo(volume);

        publishCommand(new Command(
                Schemas.COMMAND,
                volume,
                receiverId,
                CommandType.SET_VOLUME,
                90,
                Instant.now(),
                Instant.now().plusSeconds(60),
                null));
        sendCommand(CommandType.SET_VOLUME, 70, Instant.now().minusSeconds(1));
        UUID report = sendCommand(CommandType.REPORT_NOW, null, Instant.now().plusSeconds(60));
        await().atMost(TIMEOUT).until(() -> report.equals(lastHeartbeat().lastCommandId()));

        assertThat(lastHeartbeat().volume())
                .as("repeated and expired commands are ignored")
                .isEqualTo(35);
        assertThat(agent.counters().droppedFor(DropReason.DUPLICATE)).isEqualTo(1);
        assertThat(agent.counters().droppedFor(DropReason.EXPIRED)).isEqualTo(1);
        assertThat(lastHeartbeat().messagesDropped()).isEqualTo(2);

        sendCommand(CommandType.TEST_TONE, null, Instant.now().plusSeconds(60));
        await().atMost(TIMEOUT)
                .until(() -> sink.clips().size() == 1 && sink.clips().get(0).bytes > 150_000);
        assertThat(events).as("the test tone is nobody's delivery").isEmpty();
    }

    @Test
    void shouldStopTheCurrentItemOnCommandAndResyncTheManifest() throws Exception {
        startAgent(broker.url(), "secret-" + receiverId);
        ManifestEntry entry = entry("occ-stop", Priority.NORMAL, Instant.now().plusSeconds(2), null);
        publishManifest(7, entry);
        awaitEvents(entry, EventType.PLAYING);
        await().atMost(TIMEOUT)
                .until(() -> !sink.clips().isEmpty() && sink.clips().get(0).bytes > 10_000);

        UUID stop = sendCommand(CommandType.STOP_CURRENT, null, Instant.now().plusSeconds(60));

        awaitEvents(entry, EventType.FAILED);
        assertThat(event(entry, EventType.FAILED).reason()).contains("remote command " + stop);
        assertThat(event(entry, EventType.PLAYED)).isNull();

        long accepted = agent.counters().acceptedManifests();
        long stale = agent.counters().staleManifests();
        sendCommand(CommandType.RESYNC, null, Instant.now().plusSeconds(60));
        await().atMost(TIMEOUT).until(() -> agent.counters().acceptedManifests() == accepted + 1);
        assertThat(agent.counters().staleManifests()).isEqualTo(stale);
        assertThat(agent.manifestVersion()).hasValue(7);
    }

    @Test
    void shouldLogCountAndIgnoreGarbageFromMosquittoPubAndKeepWorking() throws Exception {
        String mosquitto = "tcp://127.0.0.1:1883";
        Assumptions.assumeTrue(
                mosquittoPub("probe/" + prefix, "x") == 0,
                "Mosquitto on 127.0.0.1:1883 and " + "mosquitto_pub are needed");
        observer.disconnect();
        observer.close();
        observer = observe(mosquitto, "observer-" + prefix, "unused");
        startAgent(mosquitto, "secret-" + receiverId);
        await().atMost(TIMEOUT).until(() -> agent.isConnected() && !heartbeats.isEmpty());

        assertThat(mosquittoPub(topics.manifest(receiverId), "{not json")).isZero();
        assertThat(mosquittoPub(topics.manifest(receiverId), "[1,2,3]")).isZero();
        assertThat(mosquittoPub(topics.command(receiverId), "{\"schema\":\"loaxa.command/9\"}"))
                .isZero();
        assertThat(mosquittoPub(
                        topics.command(receiverId),
                        "{\"schema\":\"loaxa.command/1\",\"receiverId\":\"" + receiverId + "\",\"type\":\"EXPLODE\"}"))
                .isZero();
        assertThat(mosquittoPub(topics.command(receiverId), "\u00ff\u00fe garbage"))
                .isZero();

        await().atMost(TIMEOUT).until(() -> agent.counters().droppedTotal() == 5);
        assertThat(agent.counters().droppedFor(DropReason.MALFORMED)).isEqualTo(4);
        assertThat(agent.counters().droppedFor(DropReason.UNKNOWN_SCHEMA)).isEqualTo(1);
        UUID report = sendCommand(CommandType.REPORT_NOW, null, Instant.now().plusSeconds(60));
        await().atMost(TIMEOUT).until(() -> report.equals(lastHeartbeat().lastCommandId()));
        assertThat(lastHeartbeat().messagesDropped()).isEqualTo(5);
    }

    private static int mosquittoPub(String topic, String payload) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1", "-t", topic, "-m", payload)
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private void startAgent(String mqttUrl, String secret) throws Exception {
        startAgent(mqttUrl, secret, new ClockOffset(Clock.systemUTC()));
    }

    private void startAgent(String mqttUrl, String secret, ClockOffset time) throws Exception {
        broker.allow(receiverId, secret);
        Tuning tuning = Tuning.defaults().withFlush(1000, Duration.ZERO);
        AgentConfig config = new AgentConfig(
                        receiverId, secret, mqttUrl, null, prefix, cacheDir, SinkType.NULL, null, 5)
                .withTuning(tuning);
        executors = new AgentExecutors();
        agent = Agent.builder(config, executors, sink)
                .retryPolicy(new RetryPolicy(3, 3, Duration.ofMillis(20), Duration.ofMillis(100)))
                .json(json)
                .time(time)
                .build();
        agent.start();
        // the first heartbeat follows the subscriptions on the same connection: commands sent now arrive
        await().atMost(TIMEOUT).until(() -> agent.isConnected() && !heartbeats.isEmpty());
    }

    private ManifestEntry entry(String occurrenceId, Priority priority, Instant playAt, PreemptPolicy policy) {
        return new ManifestEntry(
                occurrenceId,
                "broadcast-1",
                occurrenceId,
                priority,
                playAt,
                playAt.plusSeconds(30),
                new AudioRef(toneUrl, toneSha256, (long) (TONE_SECONDS * 1000), null, "audio/ogg"),
                policy);
    }

    private ManifestEntry relayEntry(String occurrenceId, String url, Instant playAt, Instant endsAt) {
        return new ManifestEntry(
                occurrenceId,
                "broadcast-relay",
                occurrenceId,
                Priority.NORMAL,
                playAt,
                playAt.plusSeconds(30),
                null,
                null,
                new RelayRef(url, endsAt, "audio/mpeg"));
    }

    private void publishManifest(long version, ManifestEntry... entries) throws Exception {
        Manifest manifest = new Manifest(Schemas.MANIFEST, receiverId, version, Instant.now(), List.of(entries));
        MqttMessage message = new MqttMessage(json.writeValueAsBytes(manifest), 1, true, new MqttProperties());
        message.getProperties().setMessageExpiryInterval(3600L);
        observer.publish(topics.manifest(receiverId), message);
    }

    private UUID sendCommand(CommandType type, Integer volume, Instant expiresAt) throws Exception {
        UUID id = UUID.randomUUID();
        publishCommand(new Command(Schemas.COMMAND, id, receiverId, type, volume, Instant.now(), expiresAt, null));
        return id;
    }

    private void publishCommand(Command command) throws Exception {
        observer.publish(topics.command(receiverId), new MqttMessage(json.writeValueAsBytes(command), 1, false, null));
    }

    private Heartbeat lastHeartbeat() {
        return heartbeats.get(heartbeats.size() - 1);
    }

    private void awaitEvents(ManifestEntry entry, EventType type) {
        await().atMost(TIMEOUT).until(() -> event(entry, type) != null);
    }

    private AgentEvent event(ManifestEntry entry, EventType type) {
        return events.stream()
                .filter(e -> e.occurrenceId().equals(entry.occurrenceId()) && e.event() == type)
                .findFirst()
                .orElse(null);
    }

    private MqttClient observe(String url, String clientId, String password) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(clientId);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        client.subscribe(prefix + "/v1/rx/+/event", 1);
        client.subscribe(prefix + "/v1/rx/+/heartbeat", 1);
        return client;
    }

    private final class Callback implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            topics.parse(topic).ifPresent(parsed -> {
                try {
                    switch (parsed.kind()) {
                        case EVENT -> events.add(json.readValue(message.getPayload(), AgentEvent.class));
                        case HEARTBEAT -> heartbeats.add(json.readValue(message.getPayload(), Heartbeat.class));
                        default -> {}
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
