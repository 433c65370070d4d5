package vn.loaxa.schedule.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.service.DispatchService;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.OnMessage;
import vn.loaxa.support.ReceiverBulk;
import vn.loaxa.support.TestAudio;

/**
 * P4 (docs/performance.md): from the trigger firing (the job's body, {@link DispatchService#dispatch}) until each
 * of 1,000 receivers has the new entry on a topic it subscribes to (its own manifest topic, or the manifest topic of
 * an area in its area chain), against two bare Paho baselines: (a) the same payload published to each of the 1,000
 * receivers' own manifest topics (what the issue names, and what the server did before the area group publish), and
 * (b) published once to the area topic (the like-for-like floor). QoS 1, retained, with expiry. One subscriber to
 * both topic patterns stands in for the 1,000 agents: it credits a receiver when a message carrying the entry
 * arrives on the receiver's own topic or on an area topic in the receiver's chain (as the server computes it for the
 * agent's {@code areas} message), so the broker's fan-out to 1,000 connections is not part of the figure on either
 * side. Runs only on demand: {@code mvn -B test -Dloaxa.perf=true -Dtest=DispatchBenchmarkTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class DispatchBenchmarkTest {
    private static final int RECEIVERS = 1000;
    private static final int RUNS = 5;
    private static final String AREA = "BP4";

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ReceiverBulk bulk;

    @Inject
    DispatchService dispatch;

    @Inject
    ReceiverRepository receivers;

    @Test
    void shouldReachAThousandReceiversWithinOneAndAHalfTimesABarePublish() throws Exception {
        Fixtures.area("BP", "PROVINCE", null);
        Fixtures.area(AREA, "COMMUNE", "BP");
        bulk.create(AREA, "p4-rx", RECEIVERS);
        List<String> ids =
                IntStream.range(0, RECEIVERS).mapToObj("p4-rx-%05d"::formatted).toList();
        Map<String, List<String>> chains = QuarkusTransaction.requiringNew().call(receivers::areaChains);
        assertThat(ids).allSatisfy(id -> assertThat(chains.get(id)).contains(AREA));
        String bulletin = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("p4", ".wav"), 2, 440, 0.2), "P4", "vie"),
                "NORMAL");
        String url = mqtt.url().or(broker::url).orElseThrow();
        Topics topics = new Topics(mqtt.topicPrefix());
        List<Long> dispatchMs = new ArrayList<>();
        List<Long> bareMs = new ArrayList<>();
        List<Long> bareAreaMs = new ArrayList<>();
        try (Agents agents = new Agents(url, topics, mqtt.topicPrefix() + "/v1/area/+/manifest", ids, chains)) {
            for (int run = 0; run <= RUNS; run++) {
                // beyond the 24 h horizon, so that Quartz does not fire it during the test; the test fires it
                String occurrence = asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "bulletinId",
                                bulletin,
                                "allowOverlap",
                                true,
                                "startAt",
                                OffsetDateTime.now(ZoneOffset.UTC)
                                        .plusHours(30 + run)
                                        .toString(),
                                "targets",
                                Map.of("areas", List.of(AREA))))
                        .post("/api/v1/broadcasts")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("occurrences[0].id");
                agents.expect(occurrence);
                long start = System.nanoTime();
                dispatch.dispatch(UUID.fromString(occurrence));
                long loaxa = (agents.awaitAll() - start) / 1_000_000;
                Received server = agents.last();
                assertThat(server.areaMessages())
                        .as("one area manifest carries it")
                        .isEqualTo(1);
                assertThat(server.receiverMessages())
                        .as("no per-receiver manifest carries it")
                        .isZero();

                // the server's manifest JSON with the occurrence id swapped for a fresh one per baseline (a bare
                // publish
                // carries no signature block: signing is part of the server's cost)
                String perReceiver = UUID.randomUUID().toString();
                long bare = barePublish(
                        url,
                        agents,
                        perReceiver,
                        server.payload().replace(occurrence, perReceiver),
                        ids.stream()
                                .map(id -> topics.receiver(id, Topics.Kind.MANIFEST))
                                .toList());
                assertThat(agents.last().receiverMessages()).isEqualTo(RECEIVERS);
                String single = UUID.randomUUID().toString();
                long bareArea = barePublish(
                        url,
                        agents,
                        single,
                        server.payload().replace(occurrence, single),
                        List.of(topics.areaManifest(AREA)));
                assertThat(agents.last().areaMessages()).isEqualTo(1);
                System.out.printf(
                        "P4 run %d: dispatch %d ms, bare per-receiver %d ms, bare area %d ms%n",
                        run, loaxa, bare, bareArea);
                if (run > 0) { // the first run warms up every path
                    dispatchMs.add(loaxa);
                    bareMs.add(bare);
                    bareAreaMs.add(bareArea);
                }
            }
        }
        long loaxa = median(dispatchMs);
        long bare = median(bareMs);
        long bareArea = median(bareAreaMs);
        System.out.printf(
                "P4 (%d receivers, median of %d): trigger fired -> all have the entry %d ms %s; "
                        + "(a) bare Paho per-receiver publishes -> all have it %d ms %s, ratio %.2f; "
                        + "(b) bare Paho single area publish %d ms %s, ratio %.2f%n",
                RECEIVERS,
                RUNS,
                loaxa,
                dispatchMs,
                bare,
                bareMs,
                (double) loaxa / bare,
                bareArea,
                bareAreaMs,
                (double) loaxa / Math.max(1, bareArea));
        assertThat((double) loaxa / bare).isLessThanOrEqualTo(1.5);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** Publishes {@code payload} once on each topic, as the server's gateway does, and waits for the agents. */
    private long barePublish(String url, Agents agents, String occurrence, String payload, List<String> topics)
            throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "p4-bare-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(Api.MQTT_USER);
        options.setPassword(Api.MQTT_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setReceiveMaximum(mqtt.maxInflight());
        client.connect(options).waitForCompletion(10_000);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try {
            agents.expect(occurrence);
            long start = System.nanoTime();
            List<IMqttToken> tokens = new ArrayList<>();
            int oldest = 0;
            for (String topic : topics) {
                MqttMessage message = new MqttMessage(bytes, 1, true, new MqttProperties());
                message.getProperties().setMessageExpiryInterval(3600L);
                while (true) {
                    try {
                        tokens.add(client.publish(topic, message));
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        tokens.get(oldest++).waitForCompletion(60_000); // as the server's gateway does
                    }
                }
            }
            long last = agents.awaitAll();
            for (IMqttToken token : tokens) {
                assertThat(token.getException()).isNull();
            }
            return (last - start) / 1_000_000;
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    /** What the agents received for one occurrence: the messages that carried it, and one payload. */
    private record Received(int areaMessages, int receiverMessages, String payload) {}

    /**
     * Stands in for the agents: a receiver has the entry once a manifest whose entries carry the expected occurrence
     * id arrives on its own manifest topic or on the manifest topic of an area in its chain; notes when the last
     * receiver got it.
     */
    private static final class Agents implements AutoCloseable {
        private final MqttClient client;
        private final Topics topics;
        private final Set<String> expected;
        private final Map<String, List<String>> receiversOfArea = new HashMap<>();
        private volatile String needle = UUID.randomUUID().toString();
        private volatile String payload;
        private final Set<String> covered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger areaMessages = new AtomicInteger();
        private final AtomicInteger receiverMessages = new AtomicInteger();
        private volatile long lastAt;

        Agents(String url, Topics topics, String areaFilter, List<String> receiverIds, Map<String, List<String>> chains)
                throws MqttException {
            this.topics = topics;
            this.expected = Set.copyOf(receiverIds);
            receiverIds.forEach(id -> chains.get(id)
                    .forEach(code -> receiversOfArea
                            .computeIfAbsent(code, k -> new ArrayList<>())
                            .add(id)));
            client = new MqttClient(url, "p4-agents-" + UUID.randomUUID(), new MemoryPersistence());
            client.setCallback(new OnMessage() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    arrived(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(Api.MQTT_USER);
            options.setPassword(Api.MQTT_PASSWORD.getBytes(StandardCharsets.UTF_8));
            options.setReceiveMaximum(65535);
            client.connect(options);
            client.subscribe(topics.allReceivers(Topics.Kind.MANIFEST), 1);
            client.subscribe(areaFilter, 1);
        }

        private void arrived(String topic, String text) {
            if (!text.contains(needle)) {
                return;
            }
            Optional<Topics.Address> own = topics.parse(topic);
            if (own.isPresent()) {
                receiverMessages.incrementAndGet();
                if (expected.contains(own.get().receiverId())) {
                    covered.add(own.get().receiverId());
                }
            } else {
                areaMessages.incrementAndGet();
                String[] levels = topic.split("/");
                String code = levels[levels.length - 2];
                covered.addAll(receiversOfArea.getOrDefault(code, List.of()));
            }
            payload = text;
            lastAt = System.nanoTime();
        }

        void expect(String occurrenceId) {
            covered.clear();
            areaMessages.set(0);
            receiverMessages.set(0);
            needle = "\"occurrenceId\":\"" + occurrenceId + "\"";
        }

        /** Waits until every receiver has the entry; returns when the last one got it (System.nanoTime). */
        long awaitAll() {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(covered)
                            .as("receivers that have the entry")
                            .hasSize(expected.size()));
            return lastAt;
        }

        Received last() {
            return new Received(areaMessages.get(), receiverMessages.get(), payload);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
