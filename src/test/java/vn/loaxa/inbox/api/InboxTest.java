package vn.loaxa.inbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * NORMAL broadcasts to a province land in the inbox of each commune under it; a commune's receivers get one only
 * once its item is accepted, by an operator or by the commune's auto-accept policy.
 */
@QuarkusTest
class InboxTest {
    private static String bulletinId;

    @BeforeEach
    void communes() throws Exception {
        if (bulletinId != null) {
            return;
        }
        Fixtures.area("IBP", "PROVINCE", null);
        for (String commune : List.of("IBP-A", "IBP-B", "IBP-C", "IBP-D")) {
            Fixtures.area(commune, "COMMUNE", "IBP");
            Fixtures.receiver(receiverOf(commune), commune, List.of("vie"));
        }
        setPolicy("IBP-A", "MANUAL");
        setPolicy("IBP-B", "MANUAL");
        setPolicy("IBP-C", "AUTO_ACCEPT");
        setPolicy("IBP-D", "MANUAL");
        bulletinId = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("inbox", ".wav"), 2, 440, 0.2), "Hộp thư", "vie"),
                "NORMAL");
    }

    @Test
    void shouldSetAndShowACommunePolicyButRefuseOneAboveCommuneLevel() {
        asAdmin()
                .get("/api/v1/areas/IBP-A/inbox-policy")
                .then()
                .statusCode(200)
                .body("policy", equalTo("MANUAL"))
                .body("inherited", equalTo(false));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("policy", "MANUAL"))
                .put("/api/v1/areas/IBP/inbox-policy")
                .then()
                .statusCode(422);
    }

    @Test
    void shouldDispatchOnlyToCommunesThatAcceptedAndDeclineWithAReason() {
        String broadcastId = broadcast(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));

        await("auto-accepted commune dispatched")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(receivers(broadcastId)).containsExactly("ib-rx-ibp-c"));
        Map<String, Object> auto = item("IBP-C", broadcastId);
        assertThat(auto.get("status")).isEqualTo("ACCEPTED");
        assertThat(auto.get("decidedBy")).isEqualTo("auto-accept policy");
        assertThat(item("IBP-A", broadcastId).get("status")).isEqualTo("PENDING");

        String declined = item("IBP-B", broadcastId).get("id").toString();
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", " "))
                .post("/api/v1/inbox/" + declined + "/decline")
                .then()
                .statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Trùng lịch họp thôn"))
                .post("/api/v1/inbox/" + declined + "/decline")
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("reason", equalTo("Trùng lịch họp thôn"))
                .body("decidedBy", equalTo("admin"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/inbox/" + declined + "/accept")
                .then()
                .statusCode(409);

        String accepted = item("IBP-A", broadcastId).get("id").toString();
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/inbox/" + accepted + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));

        assertThat(receivers(broadcastId))
                .as("the accepted commune is dispatched at once; declined and pending not")
                .containsExactlyInAnyOrder("ib-rx-ibp-a", "ib-rx-ibp-c");
    }

    @Test
    void shouldPlaceAnAcceptedItemAtTheCommunesOwnTime() {
        OffsetDateTime start =
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String broadcastId = broadcast(start);
        String itemId = item("IBP-D", broadcastId).get("id").toString();
        OffsetDateTime own = start.plusHours(2);

        String placed = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("startAt", own.toString()))
                .post("/api/v1/inbox/" + itemId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("placedBroadcastId", notNullValue())
                .extract()
                .path("placedBroadcastId");

        JsonPath own_ = asAdmin()
                .get("/api/v1/broadcasts/" + placed)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(own_.getList("targetAreas", String.class)).containsExactly("IBP-D");
        assertThat(OffsetDateTime.parse(own_.getString("occurrences[0].playAt")).toInstant())
                .isEqualTo(own.toInstant());
        await("commune's own broadcast dispatched")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(receivers(placed)).containsExactly("ib-rx-ibp-d"));
        await("original dispatched")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(receivers(broadcastId)).contains("ib-rx-ibp-c"));
        assertThat(receivers(broadcastId))
                .as("the commune airs its own placement, not the original")
                .doesNotContain("ib-rx-ibp-d");
    }

    private String broadcast(OffsetDateTime startAt) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletinId,
                        "startAt",
                        startAt.toString(),
                        "allowOverlap",
                        true,
                        "targets",
                        Map.of("areas", List.of("IBP"))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> item(String commune, String broadcastId) {
        List<Map<String, Object>> items = asAdmin()
                .get("/api/v1/areas/" + commune + "/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.broadcastId == '" + broadcastId + "' }");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<String> receivers(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("deliveries.receiverId", String.class);
    }

    private static void setPolicy(String commune, String policy) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("policy", policy))
                .put("/api/v1/areas/" + commune + "/inbox-policy")
                .then()
                .statusCode(200)
                .body("policy", equalTo(policy));
    }

    private static String receiverOf(String commune) {
        return "ib-rx-" + commune.toLowerCase();
    }
}
