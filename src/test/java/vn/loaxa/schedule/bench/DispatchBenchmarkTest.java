package vn.loaxa.schedule.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.service.DispatchService;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ReceiverBulk;
import vn.loaxa.support.TestAudio;

/**
 * P4 (docs/performance.md): from the trigger firing (the job's body, {@link DispatchService#dispatch}) until each
 * of 1,000 receivers has the new entry on a topic it subscribes to (its own manifest topic or its area's), against
 * two bare Paho baselines: the same payload published to each of the 1,000 receivers' own topics (what the server
 * did before the area group publish), and published once to the area topic. QoS 1, retained, with expiry. One
 * subscriber to both topic patterns stands in for the 1,000 agents: an area message counts for every receiver of
 * the area, so the broker's fan-out to 1,000 connections is not part of the figure on either side. Runs only on
 * demand: {@code mvn -B test -Dloaxa.perf=true -Dtest=DispatchBenchmarkTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class DispatchBenchmarkTest {
    private static final int RECEIVERS = 1000;
    private static final int RUNS = 3;

    @Inject
    MqttConfig mqtt;
    @Inject
    EmbeddedBroker broker;
    @Inject
    ReceiverBulk bulk;
    @Inject
    DispatchService dispatch;

    @Test
    void shouldReachAThousandReceiversWithinOneAndAHalfTimesABarePublish() throws Exception {
        Fixtures.area("BP4", "COMMUNE", null);
        bulk.create("BP4", "p4-rx", RECEIVERS);
        String bulletin = Fixtures.bulletin(Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("p4", ".wav"), 2, 440, 0.2), "P4", "vie"), "NORMAL");
        String url = mqtt.url().or(broker::url).orElseThrow();
        List<Long> dispatchMs = new ArrayList<>();
        List<Long> bareMs = new ArrayList<>();
        List<Long> bareAreaMs = new ArrayList<>();
        try (Counter agents = new Counter(url, mqtt.topicPrefix() + "/v1/rx/+/manifest",
                mqtt.topicPrefix() + "/v1/area/+/manifest")) {
            for (int run = 0; run <= RUNS; run++) {
                // beyond the 24 h horizon, so that Quartz does not fire it during the test; the test fires it
                String occurrence = asAdmin().contentType(ContentType.JSON)
                        .body(Map.of("bulletinId", bulletin, "allowOverlap", true,
                                "startAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(30 + run).toString(),
                                "targets", Map.of("areas", List.of("BP4"))))
                        .post("/api/v1/broadcasts").then().statusCode(201).extract().path("occurrences[0].id");
                agents.expect(occurrence);
                long start = System.nanoTime();
                dispatch.dispatch(UUID.fromString(occurrence));
                long loaxa = (agents.awaitAll() - start) / 1_000_000;

                String marker = "bare-" + UUID.randomUUID();
                byte[] payload = agents.sample().replace(occurrence, marker).getBytes(StandardCharsets.UTF_8);
                long bare = barePublish(url, marker, payload, agents, RECEIVERS);
                String areaMarker = "bare-area-" + UUID.randomUUID();
                long bareArea = barePublish(url, areaMarker,
                        agents.sample().replace(occurrence, areaMarker).getBytes(StandardCharsets.UTF_8), agents, 1);
                if (run > 0) { // the first run warms up every path
                    dispatchMs.add(loaxa);
                    bareMs.add(bare);
                    bareAreaMs.add(bareArea);
                }
            }
        }
        dispatchMs.sort(Long::compare);
        bareMs.sort(Long::compare);
        long loaxa = dispatchMs.get(RUNS / 2);
        long bare = bareMs.get(RUNS / 2);
        bareAreaMs.sort(Long::compare);
        long bareArea = bareAreaMs.get(RUNS / 2);
        System.out.printf("P4 (%d receivers, median of %d): trigger fired -> all have the entry %d ms %s; bare Paho "
                + "per-receiver publishes -> all received %d ms %s, ratio %.2f; bare Paho single area publish %d ms "
                + "%s, ratio %.2f%n", RECEIVERS, RUNS, loaxa, dispatchMs, bare, bareMs, (double) loaxa / bare,
                bareArea, bareAreaMs, (double) loaxa / Math.max(1, bareArea));
        assertThat((double) loaxa / bare).isLessThanOrEqualTo(1.5);
    }

    /** {@code topics} 1: one publish on the area topic; otherwise one on each receiver's own manifest topic. */
    private long barePublish(String url, String marker, byte[] payload, Counter agents, int topics)
            throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "p4-bare-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(vn.loaxa.support.Api.MQTT_USER);
        options.setPassword(vn.loaxa.support.Api.MQTT_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        options.setReceiveMaximum(mqtt.maxInflight());
        client.connect(options).waitForCompletion(10_000);
        try {
            agents.expect(marker);
            long start = System.nanoTime();
            List<IMqttToken> tokens = new ArrayList<>();
            int oldest = 0;
            for (int i = 0; i < topics; i++) {
                MqttMessage message = new MqttMessage(payload, 1, true, new MqttProperties());
                message.getProperties().setMessageExpiryInterval(3600L);
                String topic = topics == 1 ? mqtt.topicPrefix() + "/v1/area/BP4/manifest"
                        : mqtt.topicPrefix() + "/v1/rx/" + "p4-rx-%05d".formatted(i) + "/manifest";
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
            return (agents.awaitAll() - start) / 1_000_000;
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    /**
     * Stands in for the agents: counts the receivers that have the expected marker (a receiver's own manifest counts
     * one, the area's counts every receiver of the area), and notes when the last came.
     */
    private static final class Counter implements AutoCloseable {
        private final MqttClient client;
        private volatile String marker = "";
        private volatile String sample;
        private final AtomicInteger count = new AtomicInteger();
        private volatile long lastAt;

        Counter(String url, String receiverFilter, String areaFilter) throws MqttException {
            client = new MqttClient(url, "p4-agents-" + UUID.randomUUID(), new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                    if (text.contains(marker)) {
                        sample = text;
                        lastAt = System.nanoTime();
                        count.addAndGet(topic.contains("/v1/area/") ? RECEIVERS : 1);
                    }
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(vn.loaxa.support.Api.MQTT_USER);
            options.setPassword(vn.loaxa.support.Api.MQTT_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            options.setReceiveMaximum(65535);
            client.connect(options);
            client.subscribe(receiverFilter, 1);
            client.subscribe(areaFilter, 1);
        }

        void expect(String next) {
            count.set(0);
            marker = next;
        }

        /** Waits until every receiver's manifest arrived; returns when the last one did (System.nanoTime). */
        long awaitAll() {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                    .until(() -> count.get() >= RECEIVERS);
            return lastAt;
        }

        String sample() {
            return sample;
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
