package vn.loaxa.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.Agent;
import vn.loaxa.agent.AgentRuntime;
import vn.loaxa.agent.OnMessage;
import vn.loaxa.agent.Topics;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.support.AudioServer;
import vn.loaxa.agent.support.EmbeddedBroker;
import vn.loaxa.agent.support.TestAudio;

/**
 * How many simulated agents ({@code --simulate N}) one JVM holds against the embedded broker: for each size, all
 * agents connect, each gets a manifest with one entry at the same instant, and every one must report PLAYED.
 * Sizes come from {@code -Dloaxa.bench.sizes=1000,2000} (default 1000). Run with
 * {@code mvn -B -f device-agent test -Pbenchmark -Dtest=SimulatorCapacityBenchmark}.
 */
class SimulatorCapacityBenchmark {

    private static final List<Integer> SIZES =
            List.of(System.getProperty("loaxa.bench.sizes", "1000").split(",")).stream()
                    .map(String::trim)
                    .map(Integer::parseInt)
                    .toList();
    private static final Duration CONNECT_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void measureCapacity() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")));
                AudioServer audio = AudioServer.start()) {
            byte[] tone = TestAudio.sineOggOpus(dir.resolve("tone.ogg"), 1.0);
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
            String url = audio.serve("/api/v1/media/t/audio", tone);
            broker.allow("bench", "bench");
            for (int size : SIZES) {
                run(broker, url, sha, tone.length, size);
            }
        }
    }

    private void run(EmbeddedBroker broker, String url, String sha, long bytes, int size) throws Exception {
        String prefix = "cap" + size;
        for (int i = 1; i <= size; i++) {
            String number = String.format("%05d", i);
            broker.allow(AgentRuntime.SIMULATED_PREFIX + number, AgentRuntime.SIMULATED_SECRET + "-" + number);
        }
        AtomicInteger played = new AtomicInteger();
        MqttAsyncClient observer = observer(broker, prefix, played);
        AgentConfig config = new AgentConfig(
                null,
                null,
                broker.url(),
                null,
                prefix,
                dir.resolve(prefix),
                SinkType.NULL,
                null,
                30,
                size,
                Tuning.defaults());
        long started = System.nanoTime();
        try (AgentRuntime runtime = AgentRuntime.start(config)) {
            await().atMost(CONNECT_LIMIT).until(() -> runtime.agents().stream().allMatch(Agent::isConnected));
            double connectSeconds = (System.nanoTime() - started) / 1e9;

            ObjectMapper json = Json.newMapper();
            Topics topics = new Topics(prefix);
            Instant playAt = Instant.now().plusSeconds(20);
            for (Agent agent : runtime.agents()) {
                ManifestEntry entry = new ManifestEntry(
                        "occ-cap",
                        "b",
                        "capacity",
                        Priority.NORMAL,
                        playAt,
                        playAt.plusSeconds(120),
                        new AudioRef(url, sha, 1000L, bytes, "audio/ogg"));
                Manifest manifest =
                        new Manifest(Schemas.MANIFEST, agent.receiverId(), 1L, Instant.now(), List.of(entry));
                observer.publish(
                                topics.manifest(agent.receiverId()),
                                new MqttMessage(json.writeValueAsBytes(manifest), 0, true, new MqttProperties()))
                        .waitForCompletion(10_000);
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> played.get() >= size);
            double playedAfter = Duration.between(playAt, Instant.now()).toMillis() / 1000.0;
            System.gc();
            long heapMb =
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            System.out.printf(
                    "simulate %d: all connected in %.1f s; all %d PLAYED events in %.1f s after playAt; "
                            + "heap %d MiB, %d live threads%n",
                    size, connectSeconds, played.get(), playedAfter, heapMb, Thread.activeCount());
            assertThat(played.get()).isEqualTo(size);
        } finally {
            observer.disconnect().waitForCompletion(5000);
            observer.close();
        }
    }

    private static MqttAsyncClient observer(EmbeddedBroker broker, String prefix, AtomicInteger played)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "bench", new MemoryPersistence());
        client.setCallback(new OnMessage() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (new String(message.getPayload(), StandardCharsets.UTF_8).contains("\"PLAYED\"")) {
                    played.incrementAndGet();
                }
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("bench");
        options.setPassword("bench".getBytes(StandardCharsets.UTF_8));
        options.setReceiveMaximum(65_535);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(prefix + "/v1/rx/+/event", 1).waitForCompletion(10_000);
        return client;
    }
}
