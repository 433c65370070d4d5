package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.live.FrameAuthenticator;
import vn.loaxa.agent.live.LiveFrame;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.CommandType;
import vn.loaxa.agent.protocol.Heartbeat;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.LiveRef;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.security.SignatureBlock;
import vn.loaxa.agent.security.SignatureVerifier;
import vn.loaxa.agent.support.RecordingSink;

/**
 * A real agent on the machine's Mosquitto, sent hand-crafted commands through {@code mosquitto_pub}: only a command
 * signed by the trusted key, unexpired and newer than the last one is carried out; unsigned, badly signed,
 * foreign-key, expired and replayed ones are refused, counted and reported in the heartbeat.
 */
class SignedCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final KeyPair server = ed25519();
    private final String prefix = "sig-" + UUID.randomUUID().toString().substring(0, 8);
    private final String receiverId = "rx-sig-1";
    private final Topics topics = new Topics(prefix);
    private MqttClient observer;
    private AgentExecutors executors;
    private Agent agent;
    private final String signer = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private long sequence;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void startAgent() throws Exception {
        Assumptions.assumeTrue(
                mosquittoPub("probe/" + prefix, "x", List.of()) == 0,
                "Mosquitto on 127.0.0.1:1883 and mosquitto_pub are needed");
        observer = new MqttClient("tcp://127.0.0.1:1883", "observer-" + prefix, new MemoryPersistence());
        observer.setCallback(new HeartbeatCollector());
        observer.connect(new MqttConnectionOptions());
        observer.subscribe(topics.heartbeat(receiverId), 1);
        AgentConfig config = new AgentConfig(
                        receiverId, "unused", "tcp://127.0.0.1:1883", null, prefix, cacheDir, SinkType.NULL, null, 5)
                .withTrustedKeys(List.of(encoded(server)));
        executors = new AgentExecutors();
        agent = Agent.builder(config, executors, sink).json(json).build();
        agent.start();
        await().atMost(TIMEOUT).until(() -> agent.isConnected() && !heartbeats.isEmpty());
    }

    @AfterEach
    void stop() throws MqttException {
        if (agent != null) {
            agent.close();
            executors.close();
        }
        if (observer != null) {
            observer.disconnect();
            observer.close();
        }
    }

    @Test
    void shouldCarryOutOnlyCommandsSignedByTheTrustedKeyAndRefuseTheRest() throws Exception {
        String topic = topics.command(receiverId);
        long now = System.currentTimeMillis();

        assertThat(mosquittoPub(topic, reportNow(), List.of())).isZero();
        awaitDropped(DropReason.UNSIGNED, 1);

        byte[] payload = reportNow().getBytes(StandardCharsets.UTF_8);
        List<String> forged =
                block(server, topic, reportNow().getBytes(StandardCharsets.UTF_8), ++sequence, now, now + 60_000);
        assertThat(mosquittoPub(topic, new String(payload, StandardCharsets.UTF_8), forged))
                .isZero();
        awaitDropped(DropReason.BAD_SIGNATURE, 1);

        String foreign = reportNow();
        assertThat(mosquittoPub(topic, foreign, block(ed25519(), topic, bytes(foreign), ++sequence, now, now + 60_000)))
                .isZero();
        awaitDropped(DropReason.UNKNOWN_KEY, 1);

        String stale = reportNow();
        assertThat(mosquittoPub(
                        topic, stale, block(server, topic, bytes(stale), ++sequence, now - 120_000, now - 60_000)))
                .isZero();
        awaitDropped(DropReason.EXPIRED, 1);

        String good = reportNow();
        List<String> goodBlock = block(server, topic, bytes(good), ++sequence, now, now + 60_000);
        assertThat(mosquittoPub(topic, good, goodBlock)).isZero();
        UUID goodId = json.readValue(good, Command.class).id();
        await().atMost(TIMEOUT).until(() -> goodId.equals(lastHeartbeat().lastCommandId()));

        assertThat(mosquittoPub(topic, good, goodBlock)).isZero();
        String older = reportNow();
        assertThat(mosquittoPub(topic, older, block(server, topic, bytes(older), sequence - 1, now, now + 60_000)))
                .isZero();
        awaitDropped(DropReason.REPLAYED, 2);

        await().atMost(TIMEOUT)
                .until(() -> lastHeartbeat().lastError() != null
                        && lastHeartbeat().lastError().contains("replayed"));
        assertThat(lastHeartbeat().lastCommandId()).isEqualTo(goodId);
        assertThat(agent.counters().droppedTotal()).isEqualTo(6);
    }

    @Test
    void shouldTrustEveryListedKeyDuringARotation() throws Exception {
        KeyPair next = ed25519();
        agent.close();
        executors.close();
        AgentConfig config = new AgentConfig(
                        receiverId, "unused", "tcp://127.0.0.1:1883", null, prefix, cacheDir, SinkType.NULL, null, 5)
                .withTrustedKeys(List.of(encoded(server), encoded(next)));
        executors = new AgentExecutors();
        agent = Agent.builder(config, executors, new RecordingSink()).json(json).build();
        agent.start();
        await().atMost(TIMEOUT).until(agent::isConnected);
        String topic = topics.command(receiverId);
        long now = System.currentTimeMillis();

        String signedByNext = reportNow();
        assertThat(mosquittoPub(
                        topic, signedByNext, block(next, topic, bytes(signedByNext), ++sequence, now, now + 60_000)))
                .isZero();
        UUID id = json.readValue(signedByNext, Command.class).id();
        await().atMost(TIMEOUT).until(() -> id.equals(lastHeartbeat().lastCommandId()));
        assertThat(agent.counters().droppedTotal()).isZero();
    }

    /**
     * A live announcement that the server did not sign is refused, so its session is never joined; a frame sealed
     * with any key but the one the signed announcement gave is dropped. Nothing of either is played.
     */
    @Test
    void shouldPlayNothingOfAForgedLiveAnnouncementOrOfForgedFrames() throws Exception {
        String manifestTopic = topics.manifest(receiverId);
        Instant start = Instant.now();
        long now = System.currentTimeMillis();
        String forgedSession = UUID.randomUUID().toString();
        byte[] forgedKey = randomKey();
        String forgedAnnouncement = json.writeValueAsString(new Manifest(
                Schemas.MANIFEST, receiverId, 1L, start, List.of(liveEntry(forgedSession, forgedKey, start)), null));
        assertThat(mosquittoPub(manifestTopic, forgedAnnouncement, List.of())).isZero();
        awaitDropped(DropReason.UNSIGNED, 1);

        String session = UUID.randomUUID().toString();
        String announcement = json.writeValueAsString(new Manifest(
                Schemas.MANIFEST, receiverId, 2L, start, List.of(liveEntry(session, randomKey(), start)), null));
        assertThat(mosquittoPub(
                        manifestTopic,
                        announcement,
                        block(server, manifestTopic, bytes(announcement), ++sequence, now, now + 600_000)))
                .isZero();

        // a real tone, so that a frame played by mistake would be heard
        byte[] tone = vn.loaxa.agent.support.OpusPackets.tone(cacheDir, 1).get(10);
        long capture = System.currentTimeMillis() * 1000;
        Path wrongKey = cacheDir.resolve("wrong-key.frame");
        java.nio.file.Files.write(
                wrongKey, new FrameAuthenticator(randomKey()).seal(LiveFrame.Kind.AUDIO, 0, capture, 960, tone));
        Path orphan = cacheDir.resolve("orphan.frame");
        java.nio.file.Files.write(
                orphan, new FrameAuthenticator(forgedKey).seal(LiveFrame.Kind.AUDIO, 0, capture, 960, tone));
        // the agent joins the session when the entry falls due: send the forged frame until it has seen one
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(mosquittoPubFile(topics.live(forgedSession), orphan)).isZero();
            assertThat(mosquittoPubFile(topics.live(session), wrongKey)).isZero();
            assertThat(agent.counters().droppedFor(DropReason.FORGED_LIVE_FRAME))
                    .isPositive();
        });

        assertThat(sink.clips())
                .as("not one sample of the forged audio was heard")
                .allSatisfy(clip -> assertThat(clip.peak).isZero());
    }

    private static ManifestEntry liveEntry(String session, byte[] key, Instant start) {
        return new ManifestEntry(
                "occ-" + session,
                "broadcast-" + session,
                "Trực tiếp",
                Priority.PRIORITY,
                start,
                start.plusSeconds(120),
                null,
                new LiveRef(
                        session,
                        LiveRef.OPUS,
                        LiveRef.SAMPLE_RATE,
                        1,
                        Base64.getEncoder().encodeToString(key),
                        400,
                        start.plusSeconds(120)));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private static int mosquittoPubFile(String topic, Path payload) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "mosquitto_pub",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        "1883",
                        "-V",
                        "mqttv5",
                        "-q",
                        "0",
                        "-t",
                        topic,
                        "-f",
                        payload.toString())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private String reportNow() throws IOException {
        return json.writeValueAsString(new Command(
                Schemas.COMMAND,
                UUID.randomUUID(),
                receiverId,
                CommandType.REPORT_NOW,
                null,
                Instant.now(),
                Instant.now().plusSeconds(60),
                null));
    }

    private void awaitDropped(DropReason reason, long count) {
        await().atMost(TIMEOUT).until(() -> agent.counters().droppedFor(reason) == count);
    }

    private Heartbeat lastHeartbeat() {
        return heartbeats.get(heartbeats.size() - 1);
    }

    /** The user-property arguments of mosquitto_pub for a signature block over {@code payload}. */
    private List<String> block(KeyPair key, String topic, byte[] payload, long seq, long issuedAt, long expiresAt)
            throws Exception {
        String keyId = SignatureVerifier.keyId(key.getPublic());
        SignatureBlock unsigned = new SignatureBlock(keyId, signer, seq, expiresAt, issuedAt, expiresAt, new byte[0]);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(key.getPrivate());
        ed25519.update(unsigned.canonical(topic, payload));
        String signature = Base64.getEncoder().encodeToString(ed25519.sign());
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> property : Map.of(
                        SignatureBlock.KEY_ID,
                        keyId,
                        SignatureBlock.SIGNER,
                        signer,
                        SignatureBlock.SEQUENCE,
                        Long.toString(seq),
                        SignatureBlock.HORIZON,
                        Long.toString(expiresAt),
                        SignatureBlock.ISSUED_AT,
                        Long.toString(issuedAt),
                        SignatureBlock.EXPIRES_AT,
                        Long.toString(expiresAt),
                        SignatureBlock.SIGNATURE,
                        signature)
                .entrySet()) {
            args.addAll(List.of("-D", "publish", "user-property", property.getKey(), property.getValue()));
        }
        return args;
    }

    private static int mosquittoPub(String topic, String payload, List<String> properties)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                "1883",
                "-V",
                "mqttv5",
                "-q",
                "1",
                "-t",
                topic,
                "-m",
                payload));
        command.addAll(properties);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    private final class HeartbeatCollector implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            heartbeats.add(json.readValue(message.getPayload(), Heartbeat.class));
        }
    }
}
