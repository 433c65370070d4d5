package vn.loaxa.dispatch.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static vn.loaxa.support.Api.asAdmin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.CommandMessage;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/** Remote commands go to the receiver's command topic with an expiry; receivers read the server clock. */
@QuarkusTest
class CommandResourceTest {
    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ObjectMapper json;

    @Test
    void shouldPublishACommandWithExpiryAndAnswer202() throws Exception {
        Fixtures.area("CMD", "COMMUNE", null);
        Fixtures.receiver("cmd-rx-1", "CMD", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());

        try (TestMqttClient receiver =
                new TestMqttClient(config.url().or(broker::url).orElseThrow())) {
            receiver.subscribe(topics.receiver("cmd-rx-1", Topics.Kind.COMMAND));
            String id = asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("type", "SET_VOLUME", "volume", 35, "ttlSeconds", 120))
                    .post("/api/v1/receivers/cmd-rx-1/commands")
                    .then()
                    .statusCode(202)
                    .body("schema", equalTo("loaxa.command/1"))
                    .body("type", equalTo("SET_VOLUME"))
                    .body("expiresAt", notNullValue())
                    .extract()
                    .path("id");

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.received().isEmpty());
            var message = receiver.received().get(0).message();
            CommandMessage command = json.readValue(message.getPayload(), CommandMessage.class);
            assertThat(command.id()).hasToString(id);
            assertThat(command.volume()).isEqualTo(35);
            assertThat(command.receiverId()).isEqualTo("cmd-rx-1");
            assertThat(Duration.between(command.issuedAt(), command.expiresAt()))
                    .isEqualTo(Duration.ofSeconds(120));
            assertThat(message.isRetained()).isFalse();
            assertThat(message.getQos()).isEqualTo(1);
            assertThat(message.getProperties().getMessageExpiryInterval()).isBetween(1L, 120L);
        }
    }

    @Test
    void shouldRejectSetVolumeWithoutVolumeAndUnknownReceivers() {
        Fixtures.area("CMD2", "COMMUNE", null);
        Fixtures.receiver("cmd-rx-2", "CMD2", List.of("vie"));

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("type", "SET_VOLUME"))
                .post("/api/v1/receivers/cmd-rx-2/commands")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("type", "SET_VOLUME", "volume", 101))
                .post("/api/v1/receivers/cmd-rx-2/commands")
                .then()
                .statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("type", "MUTE"))
                .post("/api/v1/receivers/nobody-here/commands")
                .then()
                .statusCode(404);
        // the server's answer to a catch-up request is not an operator's command
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("type", "CAUGHT_UP"))
                .post("/api/v1/receivers/cmd-rx-2/commands")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldGiveReceiversTheServerTimeButNotCommands() {
        Fixtures.area("CMD3", "COMMUNE", null);
        String secret = Fixtures.receiver("cmd-rx-3", "CMD3", List.of("vie"));
        Instant before = Instant.now();

        String serverTime = given().auth()
                .preemptive()
                .basic("cmd-rx-3", secret)
                .get("/api/v1/time")
                .then()
                .statusCode(200)
                .body("schema", equalTo("loaxa.time/1"))
                .extract()
                .path("serverTime");

        assertThat(Instant.parse(serverTime))
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        given().auth()
                .preemptive()
                .basic("cmd-rx-3", secret)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "MUTE"))
                .post("/api/v1/receivers/cmd-rx-3/commands")
                .then()
                .statusCode(403);
        given().get("/api/v1/time").then().statusCode(401);
    }
}
