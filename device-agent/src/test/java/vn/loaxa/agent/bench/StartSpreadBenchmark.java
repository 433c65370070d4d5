package vn.loaxa.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.Agent;
import vn.loaxa.agent.AgentExecutors;
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
import vn.loaxa.agent.support.RecordingSink;
import vn.loaxa.agent.support.TestAudio;

/**
 * P6: across agents on one host, the spread of actual playback start times. {@code AGENTS} agents in one JVM
 * (shared executors, as {@code --simulate}) get the same entry; each recording sink notes when its clip opened.
 * Per round, every start is compared with the median start; the p99 of those deviations over all rounds is the
 * figure. Baseline: the same number of bare threads parking until the same instant (the JVM's own timer spread).
 * Run with {@code mvn -B -f device-agent test -Pbenchmark -Dtest=StartSpreadBenchmark}.
 */
class StartSpreadBenchmark {

    private static final int AGENTS = Integer.getInteger("loaxa.bench.agents", 25);
    private static final int ROUNDS = Integer.getInteger("loaxa.bench.rounds", 8);
    private static final Duration LEAD = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void measureStartSpread() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")));
                AudioServer audio = AudioServer.start();
                AgentExecutors executors = new AgentExecutors()) {
            byte[] tone = TestAudio.sineOggOpus(dir.resolve("tone.ogg"), 1.0);
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(tone));
            String url = audio.serve("/api/v1/media/t/audio", tone);
            String prefix = "p6";
            Topics topics = new Topics(prefix);
            ObjectMapper json = Json.newMapper();
            HttpClient http = HttpClient.newHttpClient();
            broker.allow("bench", "bench");
            List<Agent> agents = new ArrayList<>();
            List<RecordingSink> sinks = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                String id = String.format("p6-%03d", i);
                broker.allow(id, "s");
                AgentConfig config = new AgentConfig(
                                id, "s", broker.url(), null, prefix, dir.resolve(id), SinkType.NULL, null, 5)
                        .withTuning(Tuning.defaults().withFlush(1000, Duration.ZERO));
                RecordingSink sink = new RecordingSink();
                Agent agent = Agent.builder(config, executors, sink)
                        .http(http)
                        .json(json)
                        .build();
                agent.start();
                agents.add(agent);
                sinks.add(sink);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> agents.stream().allMatch(Agent::isConnected));
            MqttClient publisher = new MqttClient(broker.url(), "bench", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("bench");
            options.setPassword("bench".getBytes(StandardCharsets.UTF_8));
            publisher.connect(options);

            List<Long> deviations = new ArrayList<>();
            List<Long> roundSpreads = new ArrayList<>();
            // round 0 warms up (JIT, FFmpeg natives) and is not counted
            for (int round = 0; round <= ROUNDS; round++) {
                Instant playAt = Instant.now().plus(LEAD);
                for (Agent agent : agents) {
                    ManifestEntry entry = new ManifestEntry(
                            "occ-" + round,
                            "b",
                            "p6",
                            Priority.NORMAL,
                            playAt,
                            playAt.plusSeconds(30),
                            new AudioRef(url, sha, 1000L, (long) tone.length, "audio/ogg"));
                    Manifest manifest = new Manifest(
                            Schemas.MANIFEST, agent.receiverId(), (long) round, Instant.now(), List.of(entry));
                    // QoS 0 on loopback: the benchmark measures playback, not the publisher's in-flight window
                    MqttMessage message =
                            new MqttMessage(json.writeValueAsBytes(manifest), 0, true, new MqttProperties());
                    publisher.publish(topics.manifest(agent.receiverId()), message);
                }
                int expected = round + 1;
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> sinks.stream().allMatch(s -> s.clips().size() == expected));
                List<Long> starts = sinks.stream()
                        .map(s -> nanos(s.clips().get(expected - 1).openedAt))
                        .sorted()
                        .toList();
                Instant clipsEnd = playAt.plusMillis(1500);
                await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(clipsEnd));
                if (round == 0) {
                    continue;
                }
                long median = starts.get(starts.size() / 2);
                starts.forEach(start -> deviations.add(Math.abs(start - median)));
                roundSpreads.add(starts.get(starts.size() - 1) - starts.get(0));
                System.out.printf(
                        "P6 round %d: max-min %.2f ms, median start - playAt %.2f ms%n",
                        round, (starts.get(starts.size() - 1) - starts.get(0)) / 1e6, (median - nanos(playAt)) / 1e6);
            }
            publisher.disconnect();
            publisher.close();
            agents.forEach(Agent::close);

            long baseline = bareThreadSpreadP99();
            long p99 = percentile(deviations, 0.99);
            System.out.printf(
                    "P6 start spread: %d agents x %d rounds: p99 |start - median| = %.2f ms, "
                            + "worst round max-min = %.2f ms, median round max-min = %.2f ms; baseline bare threads "
                            + "p99 = %.2f ms%n",
                    AGENTS,
                    ROUNDS,
                    p99 / 1e6,
                    roundSpreads.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6,
                    percentile(roundSpreads, 0.5) / 1e6,
                    baseline / 1e6);
            assertThat(p99)
                    .as("P6: p99 start spread")
                    .isLessThanOrEqualTo(Duration.ofMillis(10).toNanos());
        }
    }

    private static long bareThreadSpreadP99() throws InterruptedException {
        List<Long> deviations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Instant at = Instant.now().plusMillis(300);
            long[] starts = new long[AGENTS];
            CountDownLatch done = new CountDownLatch(AGENTS);
            for (int i = 0; i < AGENTS; i++) {
                int index = i;
                new Thread(() -> {
                            long remaining;
                            while ((remaining =
                                            Duration.between(Instant.now(), at).toNanos())
                                    > 0) {
                                LockSupport.parkNanos(remaining);
                            }
                            starts[index] = nanos(Instant.now());
                            done.countDown();
                        })
                        .start();
            }
            done.await();
            List<Long> sorted = java.util.Arrays.stream(starts).sorted().boxed().toList();
            long median = sorted.get(sorted.size() / 2);
            sorted.forEach(s -> deviations.add(Math.abs(s - median)));
        }
        return percentile(deviations, 0.99);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long percentile(List<Long> values, double quantile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }
}
