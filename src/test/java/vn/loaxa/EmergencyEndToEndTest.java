package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import vn.loaxa.delivery.model.DeliveryEvent;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * An EMERGENCY broadcast created through the API interrupts the NORMAL items playing on real agents: the one whose
 * policy is DROP reports PREEMPTED, the one whose policy is RESUME plays out after the emergency, and the emergency
 * reports PLAYED everywhere.
 */
@QuarkusTest
class EmergencyEndToEndTest {
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
    void shouldInterruptPlayingNormalItemsWhichThenFollowTheirPolicy() throws Exception {
        Fixtures.area("EMX", "COMMUNE", null);
        Map<String, String> secrets = Map.of(
                "emx-drop", Fixtures.receiver("emx-drop", "EMX", List.of("vie")),
                "emx-resume", Fixtures.receiver("emx-resume", "EMX", List.of("vie")));
        try (AgentProcess agent = AgentProcess.start(secrets, mqtt.url().or(broker::url).orElseThrow(), serverUrl,
                mqtt.topicPrefix(), dataDir.resolve("emergency-agent"))) {
            agent.awaitOnline(secrets.keySet(), Duration.ofSeconds(60));
            String longNews = Fixtures.bulletin(Fixtures.uploadReadyMedia(
                    TestAudio.sineWav(Files.createTempFile("long", ".wav"), 60, 440, 0.2), "Dài", "vie"), "NORMAL");
            String shortNews = Fixtures.bulletin(Fixtures.uploadReadyMedia(
                    TestAudio.sineWav(Files.createTempFile("short", ".wav"), 40, 550, 0.2), "Ngắn", "vie"), "NORMAL");
            String warning = Fixtures.bulletin(Fixtures.uploadReadyMedia(
                    TestAudio.sineWav(Files.createTempFile("flood", ".wav"), 4, 880, 0.3), "Lũ", "vie"), "EMERGENCY");
            String dropped = broadcast(longNews, "emx-drop", "DROP");
            String resumed = broadcast(shortNews, "emx-resume", "RESUME");
            for (String normal : List.of(dropped, resumed)) {
                await("NORMAL item playing").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                        assertThat(deliveries(normal).getString("deliveries[0].state")).as(agent.log())
                                .isEqualTo("PLAYING"));
            }

            JsonPath emergency = asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("bulletinId", warning, "startAt", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                            "targets", Map.of("areas", List.of("EMX"))))
                    .post("/api/v1/broadcasts").then().statusCode(201).extract().jsonPath();
            String emergencyId = emergency.getString("id");
            assertThat(OffsetDateTime.parse(emergency.getString("occurrences[0].expiresAt")))
                    .as("an emergency carries an expiry")
                    .isAfter(OffsetDateTime.parse(emergency.getString("occurrences[0].playAt")));

            await("emergency played on every receiver").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(deliveries(emergencyId).getInt("counts.PLAYED")).as(agent.log()).isEqualTo(2));
            await("DROP item pre-empted").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath report = deliveries(dropped);
                assertThat(report.getString("deliveries[0].state")).as(agent.log()).isEqualTo("PREEMPTED");
                assertThat(report.getString("deliveries[0].reason")).contains("pre-empted by occurrence");
            });
            await("RESUME item played out after the emergency").atMost(Duration.ofSeconds(75)).untilAsserted(() ->
                    assertThat(deliveries(resumed).getString("deliveries[0].state")).as(agent.log())
                            .isEqualTo("PLAYED"));
            UUID emergencyOccurrence = UUID.fromString(deliveries(emergencyId).getString("deliveries[0].occurrenceId"));
            UUID resumedOccurrence = UUID.fromString(deliveries(resumed).getString("deliveries[0].occurrenceId"));
            assertThat(eventAt(resumedOccurrence, "emx-resume", DeliveryState.PLAYED))
                    .as("the resumed item ends after the emergency")
                    .isAfter(eventAt(emergencyOccurrence, "emx-resume", DeliveryState.PLAYED));
        }
    }

    private static String broadcast(String bulletinId, String receiverId, String onPreempt) {
        OffsetDateTime startAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10);
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("bulletinId", bulletinId, "startAt", startAt.toString(), "onPreempt", onPreempt,
                        "targets", Map.of("receivers", List.of(receiverId))))
                .post("/api/v1/broadcasts").then().statusCode(201)
                .body("onPreempt", org.hamcrest.Matchers.equalTo(onPreempt))
                .extract().path("id");
    }

    private OffsetDateTime eventAt(UUID occurrenceId, String receiverId, DeliveryState event) {
        return QuarkusTransaction.requiringNew().call(() -> events
                .find("occurrenceId = ?1 and receiverId = ?2 and event = ?3", occurrenceId, receiverId, event)
                .<DeliveryEvent>firstResult().occurredAt);
    }

    private static JsonPath deliveries(String broadcastId) {
        return asAdmin().get("/api/v1/broadcasts/" + broadcastId + "/deliveries").jsonPath();
    }
}
