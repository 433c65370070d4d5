package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.service.CatchUpService;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/**
 * Catch-up without retained messages: a real agent that connects to a broker which has lost every retained message
 * of its receiver (own manifest, area list, area manifests) still holds its current manifests within 5 s, on its
 * first connect and again after it missed a dispatch while away.
 */
@QuarkusTest
class CatchUpEndToEndTest {
    /** The bound of the issue: every agent holds its manifest within 5 s of (re)connecting. */
    private static final Duration HOLDS_WITHIN = Duration.ofSeconds(5);

    private static final String RX = "cu-rx-1";

    @Inject
    EndToEndFixture e2e;

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldHoldTheCurrentManifestsWithin5SecondsOfConnectingToABrokerWithoutRetainedMessages() throws Exception {
        Fixtures.area("CUP", "PROVINCE", null);
        Fixtures.area("CU", "COMMUNE", "CUP");
        String secret = Fixtures.receiver(RX, "CU", List.of("vie"));
        Map<String, String> secrets = Map.of(RX, secret);
        String bulletin = e2e.toneBulletin("Bắt kịp", 2, 440, 0.2, "NORMAL");
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
        // one broadcast on the area topic, one in the receiver's own manifest
        String toArea = Fixtures.broadcast(bulletin, List.of("CU"), List.of(), later);
        String toReceiver = Fixtures.broadcast(bulletin, List.of(), List.of(RX), later.plusMinutes(1));
        awaitDispatched(toArea, toReceiver);
        double ownBefore = republished("own");
        double areasBefore = republished("areas");
        double areaBefore = republished("area");

        wipeRetained();
        try (AgentProcess agent = e2e.agent("catchup-agent", secrets)) {
            agent.awaitOnline(secrets.keySet(), EndToEndFixture.ONLINE_WITHIN);
            awaitHeld(agent, toArea, toReceiver);
        }
        assertThat(republished("own")).isGreaterThan(ownBefore);
        assertThat(republished("areas")).isGreaterThan(areasBefore);
        assertThat(republished("area")).isGreaterThan(areaBefore);

        // away during a dispatch, back on a broker node that has neither its session (which would have queued the
        // dispatch) nor the retained messages: the versions it holds from disk are older than the server's
        discardSession(secret);
        String whileAway = Fixtures.broadcast(bulletin, List.of("CU"), List.of(), later.plusMinutes(2));
        awaitDispatched(whileAway);
        wipeRetained();
        double areaAfterFirst = republished("area");
        try (AgentProcess agent = e2e.agent("catchup-agent", secrets)) {
            agent.awaitOnline(secrets.keySet(), EndToEndFixture.ONLINE_WITHIN);
            awaitHeld(agent, whileAway);
        }
        assertThat(republished("area")).isGreaterThan(areaAfterFirst);
    }

    /** Logs in as the receiver with a clean start and no session expiry, which ends its stored session. */
    private void discardSession(String secret) throws Exception {
        try (TestMqttClient session = new TestMqttClient(url(), RX, RX, secret)) {
            assertThat(session.isConnected()).isTrue();
        }
    }

    /** Deletes every retained message the receiver would get, as a fresh broker node would not have them. */
    private void wipeRetained() throws Exception {
        Topics topics = new Topics(mqtt.topicPrefix());
        List<String> retained = List.of(
                topics.receiver(RX, Topics.Kind.MANIFEST),
                topics.receiver(RX, Topics.Kind.AREAS),
                topics.areaManifest("CU"),
                topics.areaManifest("CUP"));
        try (TestMqttClient client = new TestMqttClient(url())) {
            for (String topic : retained) {
                client.clearRetained(topic);
            }
        }
        try (TestMqttClient late = new TestMqttClient(url())) {
            for (String topic : retained) {
                late.subscribe(topic);
            }
            await("no retained message left")
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> late.received().isEmpty());
        }
    }

    private void awaitDispatched(String... broadcastIds) {
        await("dispatched").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : broadcastIds) {
                assertThat(e2e.deliveries(id).getInt("total")).isEqualTo(1);
            }
        });
    }

    /** The agent reported each broadcast's delivery, which it does when a manifest it accepted names it. */
    private void awaitHeld(AgentProcess agent, String... broadcastIds) {
        await("the agent holds the manifests")
                .atMost(HOLDS_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    for (String id : broadcastIds) {
                        JsonPath report = e2e.deliveries(id);
                        assertThat(report.getString("deliveries[0].state"))
                                .as(agent::log)
                                .isNotEqualTo("SCHEDULED");
                    }
                });
    }

    private double republished(String kind) {
        var counter = registry.find(CatchUpService.METER).tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private String url() {
        return mqtt.url().or(broker::url).orElseThrow();
    }
}
