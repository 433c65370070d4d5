package vn.loaxa.bulletin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.loaxa.support.EnglishErrors;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

@ExtendWith(EnglishErrors.class)
@QuarkusTest
class BulletinApprovalTest {
    private static final String PASSWORD = "an-editor-password";
    private static final String EDITOR = "appr-editor";
    private static final String SECOND_EDITOR = "appr-editor-2";
    /** application.properties turns the four-eyes rule off for this province in tests. */
    private static final String PROVINCE_WITHOUT_RULE = "APOFF";

    private static final String EDITOR_WITHOUT_RULE = "apoff-editor";
    private static String mediaId;

    @BeforeEach
    void content() throws Exception {
        if (mediaId != null) {
            return;
        }
        Fixtures.area("APPR", "COMMUNE", null);
        Fixtures.area(PROVINCE_WITHOUT_RULE, "PROVINCE", null);
        Fixtures.receiver("appr-rx-1", "APPR", List.of("vie"));
        for (String editor : List.of(EDITOR, SECOND_EDITOR)) {
            account(editor, "APPR");
        }
        account(EDITOR_WITHOUT_RULE, PROVINCE_WITHOUT_RULE);
        mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("appr", ".wav"), 1.5, 440, 0.2), "Duyệt", "vie");
    }

    @Test
    void shouldRefuseToScheduleABulletinThatIsNotApproved() {
        String draft = Fixtures.draftBulletin(mediaId, "NORMAL");
        assertNotSchedulable(draft, "DRAFT");

        post(draft, "submit", null).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        assertNotSchedulable(draft, "SUBMITTED");

        review(draft, "reject", "Thiếu nguồn tin").then().statusCode(200).body("status", equalTo("REJECTED"));
        assertNotSchedulable(draft, "REJECTED");
    }

    @Test
    void shouldRecordEveryTransitionWithWhoWhenAndWhy() {
        String id = Fixtures.draftBulletin(mediaId, "PRIORITY");

        post(id, "submit", null).then().statusCode(200);
        review(id, "reject", "Sai tên xã").then().statusCode(200);
        post(id, "submit", "Đã sửa tên xã").then().statusCode(200);
        review(id, "approve", null).then().statusCode(200).body("status", equalTo("APPROVED"));

        asAdmin()
                .get("/api/v1/bulletins/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("history.to", contains("DRAFT", "SUBMITTED", "REJECTED", "SUBMITTED", "APPROVED"))
                .body("history.from", contains(null, "DRAFT", "SUBMITTED", "REJECTED", "SUBMITTED"))
                .body("history.by", contains("admin", "admin", Fixtures.APPROVER, "admin", Fixtures.APPROVER))
                .body("history[2].reason", equalTo("Sai tên xã"))
                .body("history[3].reason", equalTo("Đã sửa tên xã"))
                .body("history[4].at", notNullValue());
        Fixtures.broadcast(
                id,
                List.of("APPR"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
    }

    @Test
    void shouldReturnAnEditedApprovedBulletinToDraft() {
        String id = Fixtures.bulletin(mediaId, "NORMAL");

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Bản tin đã sửa",
                        "topic",
                        "y-te",
                        "sourceAgency",
                        "Trạm y tế xã",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .put("/api/v1/bulletins/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("topic", equalTo("y tế"))
                .body("history", hasSize(4))
                .body("history[3].reason", equalTo("edited"));
        assertNotSchedulable(id, "DRAFT");
    }

    @Test
    void shouldRefuseAReviewOutOfOrderOrARejectionWithoutReason() {
        String id = Fixtures.draftBulletin(mediaId, "NORMAL");

        review(id, "approve", null).then().statusCode(409).body("detail", containsString("is DRAFT"));
        post(id, "submit", null).then().statusCode(200);
        review(id, "reject", " ").then().statusCode(422).body("errors[0].field", equalTo("reason"));
        review(id, "reject", null).then().statusCode(422).body("errors[0].field", equalTo("reason"));
        asAdmin().get("/api/v1/bulletins/" + id).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void shouldNotLetAnEditorApproveOrRejectTheirOwnBulletinButLetASecondEditor() {
        String id = create(EDITOR);
        send(EDITOR, id, "submit", null).then().statusCode(200);

        for (String action : List.of("approve", "reject")) {
            send(EDITOR, id, action, "Tôi tự duyệt")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("Four-eyes rule"))
                    .body("detail", containsString("a second approver must " + action));
        }
        asAdmin().get("/api/v1/bulletins/" + id).then().body("status", equalTo("SUBMITTED"));

        send(SECOND_EDITOR, id, "approve", "Đã nghe, đúng nội dung")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("history[-1].by", equalTo(SECOND_EDITOR))
                .body("history[-1].reason", equalTo("Đã nghe, đúng nội dung"));
    }

    @Test
    void shouldHoldAdministratorsToTheRuleToo() {
        String id = Fixtures.draftBulletin(mediaId, "NORMAL");
        post(id, "submit", null).then().statusCode(200);

        post(id, "approve", null).then().statusCode(403).contentType("application/problem+json");
        review(id, "approve", null).then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void shouldCountWhoeverEditedOrSubmittedABulletinAsItsAuthor() {
        String id = create(EDITOR);
        given().auth()
                .preemptive()
                .basic(SECOND_EDITOR, PASSWORD)
                .contentType(ContentType.JSON)
                .body(bulletinBody("Bản tin đã sửa"))
                .put("/api/v1/bulletins/" + id)
                .then()
                .statusCode(200)
                .body("history[-1].by", equalTo(SECOND_EDITOR))
                .body("history[-1].reason", equalTo("edited"));
        send(EDITOR, id, "submit", null).then().statusCode(200);

        send(SECOND_EDITOR, id, "approve", null).then().statusCode(403);
        send(EDITOR, id, "approve", null).then().statusCode(403);
        review(id, "reject", "Cần thêm bản tiếng Tày").then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void shouldLetAProvinceTurnTheRuleOff() {
        String id = create(EDITOR_WITHOUT_RULE);
        send(EDITOR_WITHOUT_RULE, id, "submit", null).then().statusCode(200);

        send(EDITOR_WITHOUT_RULE, id, "approve", null)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("history.by", contains(EDITOR_WITHOUT_RULE, EDITOR_WITHOUT_RULE, EDITOR_WITHOUT_RULE));
    }

    @Test
    void shouldRefuseATopicOutsideTheCatalogue() {
        asAdmin()
                .get("/api/v1/topics")
                .then()
                .statusCode(200)
                .body(
                        "nameVi",
                        org.hamcrest.Matchers.hasItems(
                                "dân tộc",
                                "tôn giáo",
                                "pháp luật",
                                "văn hóa",
                                "an ninh–quốc phòng",
                                "thiên tai–khẩn cấp",
                                "y tế",
                                "thời sự"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "x",
                        "topic",
                        "thể thao điện tử",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("topic"));
    }

    /** As the admin, who writes and submits the bulletins of most of these tests. */
    private static io.restassured.response.Response post(String id, String action, String reason) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(reason == null ? Map.of() : Map.of("reason", reason))
                .post("/api/v1/bulletins/" + id + "/" + action);
    }

    /** As the second person, who approves or rejects what the admin wrote. */
    private static io.restassured.response.Response review(String id, String action, String reason) {
        return Fixtures.asApprover()
                .contentType(ContentType.JSON)
                .body(reason == null ? Map.of() : Map.of("reason", reason))
                .post("/api/v1/bulletins/" + id + "/" + action);
    }

    private static io.restassured.response.Response send(String user, String id, String action, String reason) {
        return given().auth()
                .preemptive()
                .basic(user, PASSWORD)
                .contentType(ContentType.JSON)
                .body(reason == null ? Map.of() : Map.of("reason", reason))
                .post("/api/v1/bulletins/" + id + "/" + action);
    }

    private static String create(String user) {
        return given().auth()
                .preemptive()
                .basic(user, PASSWORD)
                .contentType(ContentType.JSON)
                .body(bulletinBody("Bản tin của " + user))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> bulletinBody(String title) {
        return Map.of(
                "title",
                title,
                "topic",
                "thời sự",
                "priority",
                "NORMAL",
                "segments",
                List.of(Map.of("mediaId", mediaId, "language", "vie")));
    }

    private static void account(String username, String area) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", "editor", "areaCode", area))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    private static void assertNotSchedulable(String bulletinId, String status) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletinId,
                        "startAt",
                        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString(),
                        "targets",
                        Map.of("areas", List.of("APPR"), "receivers", List.of())))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("is " + status + "; only APPROVED bulletins can be scheduled"));
    }
}
