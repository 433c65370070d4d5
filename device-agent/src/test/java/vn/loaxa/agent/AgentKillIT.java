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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import vn.loaxa.agent.support.TestAudio;

/**
 * The packaged agent ({@code target/loaxa-agent.jar}) as a child process, killed with SIGKILL while it plays and
 * started again: every event reaches the subscriber with one id per (occurrence, receiver, event), the interrupted
 * entry is reported FAILED and never played twice, and the rest of the schedule plays.
 */
class AgentKillIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final double TONE_SECONDS = 4.0;
    private static final String OBSERVER = "observer";
    private static final String OBSERVER_PASSWORD = "observer-password";

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.newMapper();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedBroker broker;
    private AudioServer audioServer;
    private MqttClient observer;
    private String prefix;
    private Topics topics;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")));
        broker.allow(OBSERVER, OBSERVER_PASSWORD);
        audioServer = AudioServer.start();
        prefix = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        topics = new Topics(prefix);
        observer = new MqttClient(broker.url(), OBSERVER, new MemoryPersistence());
        observer.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(OBSERVER);
        options.setPassword(OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        observer.connect(options);
        observer.subscribe(prefix + "/v1/rx/+/event", 1);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        observer.disconnect();
        observer.close();
        audioServer.close();
        broker.close();
    }

    @Test
    void shouldReportEveryEventOnceAndNeverPlayTwiceAfterKill9DuringPlayback() throws Exception {
        String receiverId = "rx-kill-1";
        String secret = "kill-secret";
        broker.allow(receiverId, secret);
        byte[] tone = TestAudio.sineOggOpus(dir.resolve("tone.ogg"), TONE_SECONDS);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
        String url = audioServer.serve("/api/v1/media/long/audio", tone);
        Instant start = Instant.now().plusSeconds(6);
        ManifestEntry interrupted = entry("occ-killed", start, url, sha256);
        ManifestEntry later = entry("occ-after-restart", start.plusSeconds(12), url, sha256);
        publishManifest(receiverId, interrupted, later);
        Path cache = dir.resolve("cache");

        Process first = spawn(receiverId, secret, cache, "first.log");
        await().atMost(TIMEOUT).until(() -> has(interrupted, EventType.PLAYING));
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        spawn(receiverId, secret, cache, "second.log");
        await().atMost(TIMEOUT).until(() -> has(interrupted, EventType.FAILED) && has(later, EventType.PLAYED));

        Map<String, Set<UUID>> idsPerEvent = events.stream()
                .collect(Collectors.groupingBy(
                        e -> e.occurrenceId() + "/" + e.event(),
                        Collectors.mapping(AgentEvent::id, Collectors.toSet())));
        assertThat(idsPerEvent)
                .containsOnlyKeys(
                        "occ-killed/DELIVERED",
                        "occ-killed/DOWNLOADED",
                        "occ-killed/PLAYING",
                        "occ-killed/FAILED",
                        "occ-after-restart/DELIVERED",
                        "occ-after-restart/DOWNLOADED",
                        "occ-after-restart/PLAYING",
                        "occ-after-restart/PLAYED");
        assertThat(idsPerEvent.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(events.stream()
                        .filter(e -> e.occurrenceId().equals("occ-killed") && e.event() == EventType.FAILED)
                        .findFirst()
                        .orElseThrow()
                        .reason())
                .contains("interrupted");
    }

    private Process spawn(String receiverId, String secret, Path cache, String log) throws IOException {
        Path jar = Path.of("target", "loaxa-agent.jar").toAbsolutePath();
        assertThat(jar)
                .as("run through 'mvn verify': the IT needs the packaged jar")
                .exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-jar",
                        jar.toString(),
                        "--receiver-id",
                        receiverId,
                        "--secret",
                        secret,
                        "--mqtt-url",
                        broker.url(),
                        "--topic-prefix",
                        prefix,
                        "--cache-dir",
                        cache.toString(),
                        "--sink",
                        "null",
                        "--flush-jitter-ms",
                        "0",
                        "--will-delay-seconds",
                        "1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
        processes.add(process);
        return process;
    }

    private boolean has(ManifestEntry entry, EventType type) {
        return events.stream().anyMatch(e -> e.occurrenceId().equals(entry.occurrenceId()) && e.event() == type);
    }

    private static ManifestEntry entry(String occurrenceId, Instant playAt, String url, String sha256) {
        return new ManifestEntry(
                occurrenceId,
                "broadcast-1",
                occurrenceId,
                Priority.NORMAL,
                playAt,
                playAt.plusSeconds(60),
                new AudioRef(url, sha256, (long) (TONE_SECONDS * 1000), null, "audio/ogg"));
    }

    private void publishManifest(String receiverId, ManifestEntry... entries) throws Exception {
        Manifest manifest = new Manifest(Schemas.MANIFEST, receiverId, 1L, Instant.now(), List.of(entries));
        MqttMessage message = new MqttMessage(json.writeValueAsBytes(manifest), 1, true, new MqttProperties());
        message.getProperties().setMessageExpiryInterval(3600L);
        observer.publish(topics.manifest(receiverId), message);
    }

    private final class Callback implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws IOException {
            events.add(json.readValue(message.getPayload(), AgentEvent.class));
        }
    }
}
