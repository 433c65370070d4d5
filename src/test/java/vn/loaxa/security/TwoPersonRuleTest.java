package vn.loaxa.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** With the two-person rule on, an emergency goes out only when a second administrator confirms it. */
@QuarkusTest
@TestProfile(TwoPersonRuleTest.TwoPersonRule.class)
class TwoPersonRuleTest {
    private static final String SECOND = "duty-officer";
    private static final String SECOND_PASSWORD = "a-long-duty-password";

    public static class TwoPersonRule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loaxa.schedule.emergency-two-person-rule", "true");
        }
    }

    @Test
    void shouldHoldAnEmergencyUntilASecondAdministratorConfirmsIt() throws Exception {
        Fixtures.area("TPR", "COMMUNE", null);
        Fixtures.receiver("tpr-rx", "TPR", List.of("vie"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", SECOND, "password", SECOND_PASSWORD, "role", "admin"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("tpr", ".wav"), 1.5, 880, 0.3), "Lũ quét", "vie");
        String emergency = Fixtures.bulletin(mediaId, "EMERGENCY");
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(30);

        String id = Fixtures.broadcast(emergency, List.of("TPR"), List.of(), soon);
        assertThat(asAdmin()
                        .get("/api/v1/broadcasts/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Boolean>path("awaitingConfirmation"))
                .isTrue();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> deliveries(id) == 0);

        asAdmin()
                .post("/api/v1/broadcasts/" + id + "/confirm")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic(SECOND, SECOND_PASSWORD)
                .post("/api/v1/broadcasts/" + id + "/confirm")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(id) == 1);
        assertThat(asAdmin().get("/api/v1/broadcasts/" + id).then().extract().<String>path("confirmedBy"))
                .isEqualTo(SECOND);
        given().auth()
                .preemptive()
                .basic(SECOND, SECOND_PASSWORD)
                .post("/api/v1/broadcasts/" + id + "/confirm")
                .then()
                .statusCode(409);

        String normal = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "NORMAL"), List.of("TPR"), List.of(), soon.plusMinutes(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(normal) == 1);
    }

    private static int deliveries(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }
}
