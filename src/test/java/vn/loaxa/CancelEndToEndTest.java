package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** One cancel stops an occurrence that is playing on every real agent. */
@QuarkusTest
class CancelEndToEndTest {
    @Inject
    MqttConfig mqtt;
    @Inject
    EmbeddedBroker broker;
    @Inject
    DeliveryEventRepository events;
    @ConfigProperty(name = "loaxa.public-base-url")
    String serverUrl;
    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;

    @Test
    void shouldStopAPlayingOccurrenceOnAllAgents() throws Exception {
        Fixtures.area("CX", "COMMUNE", null);
        Map<String, String> secrets = Map.of(
                "cx-rx-1", Fixtures.receiver("cx-rx-1", "CX", List.of("vie")),
                "cx-rx-2", Fixtures.receiver("cx-rx-2", "CX", List.of("vie")));
        try (AgentProcess agent = AgentProcess.start(secrets, mqtt.url().or(broker::url).orElseThrow(), serverUrl,
                mqtt.topicPrefix(), dataDir.resolve("cancel-agent"))) {
            agent.awaitOnline(secrets.keySet(), Duration.ofSeconds(60));
            String mediaId = Fixtures.uploadReadyMedia(
                    TestAudio.sineWav(Files.createTempFile("long", ".wav"), 60, 440, 0.2), "Dài", "vie");
            String broadcastId = Fixtures.broadcast(Fixtures.bulletin(mediaId, "NORMAL"), List.of("CX"), List.of(),
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10));
            await("playing everywhere").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(deliveries(broadcastId).getInt("counts.PLAYING")).as(agent.log()).isEqualTo(2));

            asAdmin().post("/api/v1/broadcasts/" + broadcastId + "/cancel").then().statusCode(200);

            JsonPath report = deliveries(broadcastId);
            assertThat(report.getInt("counts.CANCELLED")).isEqualTo(2);
            UUID occurrenceId = UUID.fromString(report.getString("deliveries[0].occurrenceId"));
            await("agents stopped playing").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(events(occurrenceId, DeliveryState.FAILED)).as(agent.log()).isEqualTo(2));
            assertThat(events(occurrenceId, DeliveryState.PLAYED)).isZero();
        }
    }

    private long events(UUID occurrenceId, DeliveryState event) {
        return QuarkusTransaction.requiringNew().call(() ->
                events.count("occurrenceId = ?1 and event = ?2", occurrenceId, event));
    }

    private static JsonPath deliveries(String broadcastId) {
        return asAdmin().get("/api/v1/broadcasts/" + broadcastId + "/deliveries").jsonPath();
    }
}
