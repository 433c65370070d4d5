package vn.loaxa.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/**
 * Under the two-person rule an EMERGENCY live waits for a second person exactly as an emergency broadcast does:
 * nothing announces it until someone other than the speaker confirms it; a PRIORITY live needs no confirmation.
 */
@QuarkusTest
@TestProfile(TwoPersonRuleTest.TwoPersonRule.class)
class EmergencyLiveTwoPersonRuleTest {
    private static final String SECOND = "live-duty-officer";
    private static final String SECOND_PASSWORD = "a-long-live-duty-password";

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Test
    void shouldHoldAnEmergencyLiveUntilASecondPersonConfirmsIt() throws Exception {
        Fixtures.area("LTP", "COMMUNE", null);
        Fixtures.receiver("ltp-rx", "LTP", List.of("vie"));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", SECOND, "password", SECOND_PASSWORD, "role", "admin"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        Topics topics = new Topics(mqtt.topicPrefix());

        try (TestMqttClient watcher =
                new TestMqttClient(mqtt.url().or(broker::url).orElseThrow())) {
            watcher.subscribe(topics.receiver("ltp-rx", Topics.Kind.MANIFEST));
            watcher.subscribe(topics.areaManifest("LTP"));
            JsonPath started = start("Lũ quét", "EMERGENCY")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            String id = started.getString("id");
            String broadcastId = started.getString("broadcastId");
            assertThat(started.getBoolean("awaitingConfirmation")).isTrue();

            await("nothing announces it while it waits")
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !announced(watcher, id) && deliveries(broadcastId) == 0);
            Api.asAdmin()
                    .post("/api/v1/broadcasts/" + broadcastId + "/confirm")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            given().auth()
                    .preemptive()
                    .basic(SECOND, SECOND_PASSWORD)
                    .post("/api/v1/broadcasts/" + broadcastId + "/confirm")
                    .then()
                    .statusCode(200);

            await("the confirmed session is announced")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> announced(watcher, id) && deliveries(broadcastId) == 1);
            assertThat(Api.asAdmin()
                            .get("/api/v1/live/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .<Boolean>path("awaitingConfirmation"))
                    .isFalse();
            Api.asAdmin().post("/api/v1/live/{id}/end", id).then().statusCode(200);
        }

        JsonPath priority =
                start("Họp dân", "PRIORITY").then().statusCode(201).extract().jsonPath();
        assertThat(priority.getBoolean("awaitingConfirmation"))
                .as("only an emergency waits")
                .isFalse();
        Api.asAdmin()
                .post("/api/v1/live/{id}/end", priority.getString("id"))
                .then()
                .statusCode(200);
    }

    private static io.restassured.response.Response start(String title, String priority) {
        return given().spec(Api.asAdmin())
                .contentType("application/json")
                .body(Map.of("title", title, "targets", Map.of("areas", List.of("LTP")), "priority", priority))
                .post("/api/v1/live");
    }

    private boolean announced(TestMqttClient watcher, String sessionId) throws Exception {
        for (TestMqttClient.Received r : watcher.received()) {
            for (JsonNode entry : json.readTree(r.message().getPayload()).path("entries")) {
                if (entry.has("live")
                        && entry.get("live").get("sessionId").asText().equals(sessionId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int deliveries(String broadcastId) {
        return Api.asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }
}
