package vn.loaxa.group.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
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

/** Named receiver groups: CRUD, and a group as a broadcast target that reaches its members wherever they are. */
@QuarkusTest
class ReceiverGroupTest {

    @Test
    void shouldManageAGroupAndBroadcastToItsMembers() throws Exception {
        Fixtures.area("GRA", "COMMUNE", null);
        Fixtures.area("GRB", "COMMUNE", null);
        Fixtures.receiver("gr-school-a", "GRA", List.of("vie"));
        Fixtures.receiver("gr-school-b", "GRB", List.of("vie"));
        Fixtures.receiver("gr-market-a", "GRA", List.of("vie"));

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code", "gr-schools", "name", "Trường học", "members", List.of("gr-school-a", "gr-school-b")))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/receiver-groups/gr-schools"))
                .body("members", contains("gr-school-a", "gr-school-b"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "gr-schools", "name", "Lặp", "members", List.of()))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(409);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "gr-ghosts", "name", "Không có", "members", List.of("gr-nobody")))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(422);

        String bulletin = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("group", ".wav"), 1.5, 440, 0.2), "Nhóm", "vie"),
                "NORMAL");
        String broadcast = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "startAt",
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).toString(),
                        "targets",
                        Map.of("groups", List.of("gr-schools"))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .body("targetGroups", contains("gr-schools"))
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(asAdmin()
                                .get("/api/v1/broadcasts/" + broadcast + "/deliveries")
                                .jsonPath()
                                .getList("deliveries.receiverId", String.class))
                        .containsExactlyInAnyOrder("gr-school-a", "gr-school-b"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "startAt",
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(5).toString(),
                        "targets",
                        Map.of("groups", List.of("gr-unknown"))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(422);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Trường học (mới)", "members", List.of("gr-school-b")))
                .put("/api/v1/receiver-groups/gr-schools")
                .then()
                .statusCode(200)
                .body("name", equalTo("Trường học (mới)"))
                .body("members", contains("gr-school-b"));
        asAdmin().delete("/api/v1/receiver-groups/gr-schools").then().statusCode(204);
        asAdmin().get("/api/v1/receiver-groups/gr-schools").then().statusCode(404);
    }
}
