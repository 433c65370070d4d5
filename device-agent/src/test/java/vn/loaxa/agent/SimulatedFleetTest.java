package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.Registration;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.security.ReplicaSigner;
import vn.loaxa.agent.support.AudioServer;
import vn.loaxa.agent.support.EmbeddedBroker;
import vn.loaxa.agent.support.TestAudio;

/**
 * A {@code --simulate 3 --register-with …} fleet on the shared event loop: it registers its receivers on a stand-in
 * for the server, logs in to the broker with the secrets issued, accepts only manifests signed by the trusted key,
 * downloads with each receiver's own credentials and reports PLAYED, as real receivers do.
 */
class SimulatedFleetTest {

    private static final int SIZE = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.newMapper();
    private final Map<String, String> issued = new ConcurrentHashMap<>();
    private final Set<String> played = ConcurrentHashMap.newKeySet();

    @Test
    void shouldRegisterConnectWithIssuedSecretsAndPlayOnlySignedManifests() throws Exception {
        KeyPair key = ReplicaSigner.newKey();
        ReplicaSigner signer = new ReplicaSigner(key, "replica-a");
        String prefix = "simfleet-" + UUID.randomUUID().toString().substring(0, 8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (EmbeddedBroker broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")));
                AudioServer audio = AudioServer.start()) {
            server.createContext("/api/v1/receivers", exchange -> register(exchange, broker));
            server.start();
            byte[] tone = TestAudio.sineOggOpus(dir.resolve("tone.ogg"), 0.5);
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
            String url = audio.serve("/api/v1/media/t/audio", tone);
            broker.allow("observer", "observer");
            MqttClient observer = observer(broker, prefix);
            AgentConfig config = new AgentConfig(
                            null,
                            null,
                            broker.url(),
                            null,
                            prefix,
                            dir.resolve("agents"),
                            SinkType.NULL,
                            null,
                            30,
                            SIZE,
                            Tuning.defaults())
                    .withTrustedKeys(List.of(ReplicaSigner.trusted(key)));
            Registration registration = new Registration(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "xa-sim", "admin", "pw", null);

            try (AgentRuntime runtime = AgentRuntime.start(config, registration)) {
                assertThat(issued).hasSize(SIZE);
                await().atMost(WAIT).until(() -> runtime.agents().stream().allMatch(Agent::isConnected));

                Topics topics = new Topics(prefix);
                Instant playAt = Instant.now().plusSeconds(4);
                for (Agent agent : runtime.agents()) {
                    String topic = topics.manifest(agent.receiverId());
                    byte[] payload = manifest(agent.receiverId(), 1, playAt, url, sha, tone.length);
                    long now = System.currentTimeMillis();
                    publish(observer, topic, payload, signer.sign(topic, payload, now, now + 600_000));
                }
                await().atMost(WAIT).until(() -> played.size() == SIZE);

                Agent first = runtime.agents().get(0);
                String topic = topics.manifest(first.receiverId());
                byte[] forged = manifest(first.receiverId(), 2, playAt.plusSeconds(60), url, sha, tone.length);
                long now = System.currentTimeMillis();
                publish(
                        observer,
                        topic,
                        forged,
                        new ReplicaSigner(ReplicaSigner.newKey(), "replica-a").sign(topic, forged, now, now + 600_000));
                await().atMost(WAIT).until(() -> first.counters().droppedTotal() > 0);
                assertThat(first.manifestVersion()).hasValue(1);
            } finally {
                observer.disconnect();
                observer.close();
            }
            assertThat(audio.requests())
                    .extracting(AudioServer.Request::authorization)
                    .containsAll(issued.entrySet().stream()
                            .map(e -> "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    (e.getKey() + ":" + e.getValue()).getBytes(StandardCharsets.UTF_8)))
                            .toList());
        } finally {
            server.stop(0);
        }
    }

    /** As the server's POST /api/v1/receivers: a new secret, which its broker then accepts. */
    private void register(HttpExchange exchange, EmbeddedBroker broker) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        String id = body.get("id").asText();
        String secret = "issued-" + UUID.randomUUID();
        issued.put(id, secret);
        broker.allow(id, secret);
        byte[] answer = json.writeValueAsBytes(
                Map.of("id", id, "areaCode", body.get("areaCode").asText(), "secret", secret));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private byte[] manifest(String receiverId, long version, Instant playAt, String url, String sha, long bytes)
            throws IOException {
        ManifestEntry entry = new ManifestEntry(
                "occ-sim-" + version,
                "b",
                "simulated",
                Priority.NORMAL,
                playAt,
                playAt.plusSeconds(120),
                new AudioRef(url, sha, 500L, bytes, "audio/ogg"));
        return json.writeValueAsBytes(
                new Manifest(Schemas.MANIFEST, receiverId, version, Instant.now(), List.of(entry)));
    }

    private static void publish(MqttClient client, String topic, byte[] payload, Map<String, String> signature)
            throws Exception {
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(signature.entrySet().stream()
                .map(e -> new UserProperty(e.getKey(), e.getValue()))
                .toList());
        client.publish(topic, new MqttMessage(payload, 1, true, properties));
    }

    private MqttClient observer(EmbeddedBroker broker, String prefix) throws Exception {
        MqttClient client = new MqttClient(broker.url(), "observer", new MemoryPersistence());
        client.setCallback((OnMessage) (topic, message) -> {
            JsonNode event = json.readTree(message.getPayload());
            if ("PLAYED".equals(event.path("event").asText())) {
                played.add(event.path("receiverId").asText());
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("observer");
        options.setPassword("observer".getBytes(StandardCharsets.UTF_8));
        client.connect(options);
        client.subscribe(prefix + "/v1/rx/+/event", 1);
        return client;
    }
}
