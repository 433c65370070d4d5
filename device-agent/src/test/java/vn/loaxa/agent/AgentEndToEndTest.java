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
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.playback.NullSink;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.protocol.Status;
import vn.loaxa.agent.store.Outbox;
import vn.loaxa.agent.support.AudioServer;
import vn.loaxa.agent.support.EmbeddedBroker;
import vn.loaxa.agent.support.EventAcknowledger;
import vn.loaxa.agent.support.TestAudio;

/**
 * The agent against a real broker (embedded HiveMQ CE) and a real HTTP server, with the null sink: manifests in,
 * events and status out, exactly as the server sees them.
 */
class AgentEndToEndTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);
    private static final double TONE_SECONDS = 1.5;
    private static final String OBSERVER = "observer";
    private static final String OBSERVER_PASSWORD = "observer-password";
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path sharedDir;

    private static EmbeddedBroker broker;
    private static AudioServer audioServer;
    private static String toneUrl;
    private static String toneSha256;
    private static long toneSize;

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private String prefix;
    private String receiverId;
    private String secret;
    private Topics topics;
    private MqttClient observer;
    /** The observer plays the server: it acknowledges every event it receives, unless a test turns that off. */
    private volatile boolean acknowledging = true;

    private EventAcknowledger acks;
    private AgentExecutors executors;
    private Agent agent;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(sharedDir.resolve("broker")));
        broker.allow(OBSERVER, OBSERVER_PASSWORD);
        byte[] tone = TestAudio.sineOggOpus(sharedDir.resolve("tone.ogg"), TONE_SECONDS);
        toneSha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
        toneSize = tone.length;
        audioServer = AudioServer.start();
        toneUrl = audioServer.serve("/api/v1/media/tone/audio", tone);
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        audioServer.close();
        broker.close();
    }

    @BeforeEach
    void connectObserver(TestInfo test) throws MqttException {
        int run = RUN.incrementAndGet();
        prefix = "test-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
        receiverId = "rx-e2e-" + run;
        secret = "secret-" + UUID.randomUUID();
        broker.allow(receiverId, secret);
        topics = new Topics(prefix);
        observer = new MqttClient(broker.url(), OBSERVER, new MemoryPersistence());
        observer.setCallback(new ObserverCallback());
        acks = new EventAcknowledger(observer, topics, json);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(OBSERVER);
        options.setPassword(OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        observer.connect(options);
        observer.subscribe(prefix + "/v1/rx/+/event", 1);
        observer.subscribe(prefix + "/v1/rx/+/status", 1);
    }

    @AfterEach
    void stopAgentAndObserver() throws MqttException {
        if (agent != null) {
            agent.close();
        }
        if (executors != null) {
            executors.close();
        }
        acks.close();
        observer.disconnect();
        observer.close();
    }

    @Test
    void shouldDownloadPlayAndReportEveryStepAtTheScheduledTime() throws Exception {
        Instant playAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        ManifestEntry entry = entry("occ-play", playAt, playAt.plusSeconds(60), toneSha256);
        publishManifest(manifest(1, entry));

        startAgent();

        awaitEvents(entry, EventType.DELIVERED, EventType.DOWNLOADED, EventType.PLAYING, EventType.PLAYED);
        AgentEvent playing = event(entry, EventType.PLAYING).orElseThrow();
        AgentEvent played = event(entry, EventType.PLAYED).orElseThrow();
        assertThat(playing.id()).isEqualTo(AgentEvent.idFor("occ-play", receiverId, EventType.PLAYING));
        assertThat(playing.schema()).isEqualTo(Schemas.EVENT);
        assertThat(playing.receiverId()).isEqualTo(receiverId);
        assertThat(playing.at())
                .as("playback starts at playAt")
                .isBetween(playAt.minus(Schedule.CLOCK_TOLERANCE), playAt.plusMillis(1_000));
        assertThat(Duration.between(playing.at(), played.at()))
                .as("the null sink plays the 1.5 s clip in real time")
                .isBetween(Duration.ofMillis(1_300), Duration.ofMillis(3_000));
        assertThat(event(entry, EventType.FAILED)).isEmpty();
        Status online = statuses.get(topics.status(receiverId));
        assertThat(online.online()).isTrue();
        assertThat(online.schema()).isEqualTo(Schemas.STATUS);
        assertThat(online.agentVersion()).isNotBlank();
        assertThat(online.at()).isNotNull();
        assertThat(cacheDir.resolve(toneSha256 + ".ogg")).exists();
        await().atMost(EVENT_TIMEOUT)
                .untilAsserted(() -> assertThat(new Outbox(cacheDir, json).pending())
                        .as("acknowledged events leave the outbox")
                        .isEmpty());
    }

    @Test
    void shouldReportMissedAndNotPlayWhenExpiresAtHasPassed() throws Exception {
        Instant now = Instant.now();
        ManifestEntry expired = entry("occ-expired", now.minusSeconds(120), now.minusSeconds(1), toneSha256);
        publishManifest(manifest(1, expired));

        startAgent();

        awaitEvents(expired, EventType.DELIVERED, EventType.MISSED);
        assertThat(event(expired, EventType.PLAYING)).isEmpty();
        assertThat(event(expired, EventType.MISSED).orElseThrow().id())
                .isEqualTo(AgentEvent.idFor("occ-expired", receiverId, EventType.MISSED));
    }

    @Test
    void shouldPlayEntryReceivedAfterItsPlayTimeWhileNotExpired() throws Exception {
        Instant now = Instant.now();
        ManifestEntry late = entry("occ-late", now.minusSeconds(5), now.plusSeconds(60), toneSha256);
        publishManifest(manifest(1, late));

        startAgent();

        awaitEvents(late, EventType.DELIVERED, EventType.DOWNLOADED, EventType.PLAYING, EventType.PLAYED);
        assertThat(event(late, EventType.FAILED)).isEmpty();
    }

    @Test
    void shouldCountAndIgnoreGarbageThenApplyTheNextValidManifest() throws Exception {
        startAgent();
        await().atMost(EVENT_TIMEOUT).until(() -> statuses.containsKey(topics.status(receiverId)));

        publishRaw(topics.manifest(receiverId), "{ this is not json".getBytes(StandardCharsets.UTF_8));
        publishRaw(topics.manifest(receiverId), """
                {"schema":"loaxa.manifest/2","receiverId":"%s","version":5,"entries":[]}""".formatted(receiverId).getBytes(StandardCharsets.UTF_8));
        publishRaw(
                topics.manifest(receiverId),
                json.writeValueAsBytes(new Manifest(Schemas.MANIFEST, "someone-else", 6L, Instant.now(), List.of())));
        await().atMost(EVENT_TIMEOUT).until(() -> agent.counters().droppedTotal() == 3);
        assertThat(agent.counters().droppedFor(DropReason.MALFORMED)).isEqualTo(1);
        assertThat(agent.counters().droppedFor(DropReason.UNKNOWN_SCHEMA)).isEqualTo(1);
        assertThat(agent.counters().droppedFor(DropReason.RECEIVER_MISMATCH)).isEqualTo(1);
        assertThat(agent.manifestVersion()).isEmpty();

        Instant playAt = Instant.now().plusSeconds(1);
        ManifestEntry entry = entry("occ-after-garbage", playAt, playAt.plusSeconds(60), toneSha256);
        publishManifest(manifest(7, entry));

        awaitEvents(entry, EventType.DELIVERED, EventType.DOWNLOADED, EventType.PLAYING, EventType.PLAYED);
        assertThat(agent.manifestVersion()).hasValue(7);
        assertThat(agent.isConnected()).isTrue();
    }

    @Test
    void shouldReportDownloadedWhenTheAudioArrivesAfterThePlayTime() throws Exception {
        java.util.concurrent.CountDownLatch slowLink =
                audioServer.serveHeld("/api/v1/media/slow/audio", Files.readAllBytes(sharedDir.resolve("tone.ogg")));
        startAgent();
        Instant playAt = Instant.now().plusMillis(500);
        ManifestEntry entry = new ManifestEntry(
                "occ-slow-download",
                "broadcast-1",
                "Bản tin thử",
                Priority.NORMAL,
                playAt,
                playAt.plusSeconds(60),
                new AudioRef(
                        audioServer.url("/api/v1/media/slow/audio"),
                        toneSha256,
                        (long) (TONE_SECONDS * 1000),
                        toneSize,
                        "audio/ogg"));
        publishManifest(manifest(1, entry));
        awaitEvents(entry, EventType.DELIVERED);
        await().atMost(EVENT_TIMEOUT).until(() -> Instant.now().isAfter(playAt.plusMillis(300)));

        slowLink.countDown();

        awaitEvents(entry, EventType.DOWNLOADED, EventType.PLAYING, EventType.PLAYED);
    }

    @Test
    void shouldIgnoreManifestWithOlderVersion() throws Exception {
        Instant later = Instant.now().plusSeconds(3600);
        ManifestEntry current = entry("occ-current", later, later.plusSeconds(60), toneSha256);
        ManifestEntry stale = entry("occ-stale", later, later.plusSeconds(60), toneSha256);
        publishManifest(manifest(20, current));
        startAgent();
        awaitEvents(current, EventType.DELIVERED);

        publishManifest(manifest(19, stale));
        publishManifest(manifest(20, stale));

        await().atMost(EVENT_TIMEOUT).until(() -> agent.counters().staleManifests() == 2);
        assertThat(agent.manifestVersion()).hasValue(20);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> event(stale, EventType.DELIVERED).isEmpty());
    }

    @Test
    void shouldCancelEntryThatVanishedFromNewerManifest() throws Exception {
        Instant soon = Instant.now().plusSeconds(3);
        ManifestEntry cancelled = entry("occ-cancelled", soon, soon.plusSeconds(60), toneSha256);
        publishManifest(manifest(1, cancelled));
        startAgent();
        awaitEvents(cancelled, EventType.DELIVERED);

        ManifestEntry replacement = entry("occ-replacement", soon.plusSeconds(1), soon.plusSeconds(60), toneSha256);
        publishManifest(manifest(2, replacement));

        awaitEvents(replacement, EventType.DELIVERED, EventType.PLAYING, EventType.PLAYED);
        assertThat(event(cancelled, EventType.PLAYING)).isEmpty();
        assertThat(event(cancelled, EventType.PLAYED)).isEmpty();
    }

    @Test
    void shouldReportFailedAndKeepNoFileWhenAudioDoesNotMatchItsSha256() throws Exception {
        String wrongSha = "ab".repeat(32);
        Instant playAt = Instant.now().plusSeconds(30);
        ManifestEntry entry = entry("occ-bad-sha", playAt, playAt.plusSeconds(60), wrongSha);
        publishManifest(manifest(1, entry));

        startAgent();

        awaitEvents(entry, EventType.DELIVERED, EventType.FAILED);
        assertThat(event(entry, EventType.FAILED).orElseThrow().reason())
                .startsWith("sha256 mismatch after download: expected abababab…, got " + toneSha256.substring(0, 8));
        assertThat(event(entry, EventType.DOWNLOADED)).isEmpty();
        assertThat(cacheDir.resolve(wrongSha + ".ogg")).doesNotExist();
        assertThat(cacheDir.resolve(wrongSha + ".part")).doesNotExist();
    }

    @Test
    void shouldPublishWhatWasLeftInTheOutboxOnConnect() throws Exception {
        AgentEvent leftOver = AgentEvent.of(
                receiverId, "occ-from-before", EventType.PLAYED, Instant.parse("2026-01-01T00:00:00Z"), null);
        Outbox outbox = new Outbox(cacheDir, json);
        outbox.add(leftOver);

        startAgent();

        await().atMost(EVENT_TIMEOUT).until(() -> events.contains(leftOver));
        await().atMost(EVENT_TIMEOUT).until(() -> outbox.pending().isEmpty());
    }

    @Test
    void shouldKeepAnEventTheBrokerTookUntilTheServerAcknowledgesItAndSendItAgainMeanwhile() throws Exception {
        acknowledging = false;
        AgentEvent played = AgentEvent.of(
                receiverId, "occ-unacknowledged", EventType.PLAYED, Instant.parse("2026-01-01T00:00:00Z"), null);
        new Outbox(cacheDir, json).add(played);

        startAgent(Tuning.defaults().withFlush(20, Duration.ZERO).withAckTimeout(Duration.ofMillis(500)));

        await("sent again while unacknowledged")
                .atMost(EVENT_TIMEOUT)
                .until(() -> events.stream().filter(played::equals).count() >= 3);
        assertThat(new Outbox(cacheDir, json).contains(played.id()))
                .as("the broker's PUBACKs do not take it out of the outbox")
                .isTrue();
        assertThat(agent.heartbeat().outboxPending()).isEqualTo(1);

        acks.acknowledge(played);

        await("acknowledged events leave the outbox")
                .atMost(EVENT_TIMEOUT)
                .until(() -> agent.heartbeat().outboxPending() == 0
                        && new Outbox(cacheDir, json).pending().isEmpty());
        int sent = (int) events.stream().filter(played::equals).count();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> events.stream().filter(played::equals).count() == sent);
    }

    @Test
    void shouldIgnoreAnAcknowledgementForAnotherReceiver() throws Exception {
        acknowledging = false;
        AgentEvent played = AgentEvent.of(
                receiverId, "occ-other-ack", EventType.PLAYED, Instant.parse("2026-01-01T00:00:00Z"), null);
        new Outbox(cacheDir, json).add(played);
        startAgent(Tuning.defaults().withFlush(20, Duration.ZERO));
        await().atMost(EVENT_TIMEOUT).until(() -> events.contains(played));

        byte[] forged = json.writeValueAsBytes(
                Map.of("schema", Schemas.ACK, "receiverId", "someone-else", "eventIds", List.of(played.id())));
        publishRaw(topics.ack(receiverId), forged);

        await().atMost(EVENT_TIMEOUT).until(() -> agent.counters().droppedFor(DropReason.RECEIVER_MISMATCH) == 1);
        assertThat(agent.heartbeat().outboxPending()).isEqualTo(1);
    }

    @Test
    void shouldPublishRetainedOfflineStatusOnCleanShutdown() throws Exception {
        startAgent();
        await().atMost(EVENT_TIMEOUT)
                .until(() -> Boolean.TRUE.equals(Optional.ofNullable(statuses.get(topics.status(receiverId)))
                        .map(Status::online)
                        .orElse(null)));

        agent.close();

        await().atMost(EVENT_TIMEOUT)
                .until(() -> Boolean.FALSE.equals(
                        statuses.get(topics.status(receiverId)).online()));
        assertThat(statuses.get(topics.status(receiverId)).at()).isNotNull();
    }

    @Test
    void shouldRestoreStoredManifestAfterRestartWithoutRepeatingEvents() throws Exception {
        Instant later = Instant.now().plusSeconds(3600);
        ManifestEntry entry = entry("occ-restart", later, later.plusSeconds(60), toneSha256);
        publishManifest(manifest(3, entry));
        startAgent();
        awaitEvents(entry, EventType.DELIVERED, EventType.DOWNLOADED);
        agent.close();
        executors.close();
        publishRaw(topics.manifest(receiverId), new byte[0], true);
        int eventsBeforeRestart = events.size();
        int downloadsBeforeRestart = audioServer.requests().size();

        startAgent();

        await().atMost(EVENT_TIMEOUT).until(() -> agent.manifestVersion().isPresent());
        assertThat(agent.manifestVersion()).hasValue(3);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> events.size() == eventsBeforeRestart);
        assertThat(audioServer.requests())
                .as("the verified cached file is reused, not downloaded again")
                .hasSize(downloadsBeforeRestart);
    }

    @Test
    void shouldRunOneAgentPerFleetMember() throws Exception {
        String secondId = receiverId + "-b";
        broker.allow(secondId, "second-secret");
        Path fleet = Files.writeString(
                cacheDir.resolve("fleet.properties"), receiverId + "=" + secret + "\n" + secondId + "=second-secret\n");
        AgentConfig config = new AgentConfig(
                null, null, broker.url(), null, prefix, cacheDir.resolve("fleet-cache"), SinkType.NULL, fleet, 5);

        try (AgentRuntime runtime = AgentRuntime.start(config)) {
            assertThat(runtime.agents()).extracting(Agent::receiverId).containsExactly(receiverId, secondId);
            await().atMost(EVENT_TIMEOUT)
                    .until(() -> statuses.containsKey(topics.status(receiverId))
                            && statuses.containsKey(topics.status(secondId)));
            assertThat(cacheDir.resolve("fleet-cache").resolve(receiverId).resolve("outbox"))
                    .isDirectory();
            assertThat(cacheDir.resolve("fleet-cache").resolve(secondId).resolve("outbox"))
                    .isDirectory();
        }
        await().atMost(EVENT_TIMEOUT)
                .until(() -> Boolean.FALSE.equals(
                        statuses.get(topics.status(secondId)).online()));
    }

    private void startAgent() throws Exception {
        startAgent(Tuning.defaults());
    }

    private void startAgent(Tuning tuning) throws Exception {
        AgentConfig config = new AgentConfig(
                receiverId, secret, broker.url(), null, prefix, cacheDir, SinkType.NULL, null, 5, 0, tuning, List.of());
        executors = new AgentExecutors();
        agent = Agent.builder(config, executors, new NullSink())
                .retryPolicy(new RetryPolicy(3, 3, Duration.ofMillis(20), Duration.ofMillis(100)))
                .json(json)
                .build();
        agent.start();
    }

    private ManifestEntry entry(String occurrenceId, Instant playAt, Instant expiresAt, String sha256) {
        return new ManifestEntry(
                occurrenceId,
                "broadcast-1",
                "Bản tin thử",
                Priority.NORMAL,
                playAt,
                expiresAt,
                new AudioRef(toneUrl, sha256, (long) (TONE_SECONDS * 1000), toneSize, "audio/ogg"));
    }

    private Manifest manifest(long version, ManifestEntry... entries) {
        return new Manifest(Schemas.MANIFEST, receiverId, version, Instant.now(), List.of(entries));
    }

    private void publishManifest(Manifest manifest) throws MqttException, IOException {
        MqttMessage message = new MqttMessage(json.writeValueAsBytes(manifest), 1, true, new MqttProperties());
        message.getProperties().setMessageExpiryInterval(3600L);
        observer.publish(topics.manifest(receiverId), message);
    }

    private void publishRaw(String topic, byte[] payload) throws MqttException {
        publishRaw(topic, payload, false);
    }

    private void publishRaw(String topic, byte[] payload, boolean retained) throws MqttException {
        observer.publish(topic, new MqttMessage(payload, 1, retained, null));
    }

    private void awaitEvents(ManifestEntry entry, EventType... types) {
        await().atMost(EVENT_TIMEOUT).untilAsserted(() -> {
            for (EventType type : types) {
                assertThat(event(entry, type))
                        .as("%s for %s", type, entry.occurrenceId())
                        .hasValueSatisfying(e ->
                                assertThat(e.id()).isEqualTo(AgentEvent.idFor(entry.occurrenceId(), receiverId, type)));
            }
        });
    }

    private Optional<AgentEvent> event(ManifestEntry entry, EventType type) {
        return events.stream()
                .filter(e -> e.occurrenceId().equals(entry.occurrenceId()) && e.event() == type)
                .findFirst();
    }

    private final class ObserverCallback implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            Optional<Topics.ReceiverTopic> parsed = topics.parse(topic);
            if (parsed.isEmpty()) {
                return;
            }
            switch (parsed.get().kind()) {
                case EVENT -> {
                    AgentEvent event = json.readValue(message.getPayload(), AgentEvent.class);
                    events.add(event);
                    if (acknowledging) {
                        acks.acknowledgeLater(event);
                    }
                }
                case STATUS -> statuses.put(topic, json.readValue(message.getPayload(), Status.class));
                default -> {}
            }
        }
    }
}
