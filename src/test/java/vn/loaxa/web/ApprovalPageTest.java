package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;
import vn.loaxa.support.TestAudio;

/**
 * The approval queue of the library as each person sees it: the approve and reject forms for a second approver, a
 * "waits for someone else" hint for the author, neither for a role that does not approve; the reject reason for the
 * author afterwards; and the unapproved bulletin shown, not hidden, in the schedule form.
 */
@QuarkusTest
class ApprovalPageTest {
    private static final String PASSWORD = "approval-page-password";
    private static final String AREA = "APG";
    private static final String AUTHOR = "apg-editor";
    private static final String APPROVER = "apg-editor-2";
    private static final String OPERATOR = "apg-operator";
    /** ASCII: REST Assured encodes a multipart text part in ISO-8859-1, which has no Vietnamese letters. */
    private static final String MEDIA_TITLE = "Lich tiem chung";

    @Test
    void shouldOfferTheDecisionToASecondApproverOnlyAndShowTheAuthorTheReason() throws Exception {
        Fixtures.area(AREA, "COMMUNE", null);
        account(AUTHOR, "editor");
        account(APPROVER, "editor");
        account(OPERATOR, "operator");
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("apg", ".wav"), 1.5, 523, 0.2), MEDIA_TITLE, "vie");
        String id = as(AUTHOR)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Thông báo tiêm chủng",
                        "topic",
                        "y tế",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(AUTHOR)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + id + "/submit")
                .then()
                .statusCode(200);
        String approveForm = "data-api=\"/api/v1/bulletins/" + id + "/approve\"";
        String rejectForm = "data-api=\"/api/v1/bulletins/" + id + "/reject\"";
        String player = "<source src=\"/api/v1/media/" + mediaId + "/audio\"";

        CookieFilter author = login(AUTHOR);
        String authorsEntry = queueEntry(library(author), id);
        assertThat(authorsEntry)
                .contains("own-work", "chờ người khác duyệt", player, MEDIA_TITLE, "Tiếng Việt")
                .doesNotContain(approveForm, rejectForm);

        CookieFilter approver = login(APPROVER);
        String approversEntry = queueEntry(library(approver), id);
        assertThat(approversEntry)
                .contains(approveForm, rejectForm, ">Duyệt</button>", ">Từ chối</button>", player)
                .contains("Gửi duyệt: " + AUTHOR)
                .contains("<input id=\"reject-reason-" + id + "\" name=\"reason\" maxlength=\"1000\" required>")
                .doesNotContain("chờ người khác duyệt");
        given().filter(approver)
                .get("/api/v1/media/" + mediaId + "/audio")
                .then()
                .statusCode(200);

        CookieFilter operator = login(OPERATOR);
        assertThat(queueEntry(library(operator), id))
                .contains("Chỉ người duyệt mới duyệt được", player)
                .doesNotContain(approveForm, rejectForm);
        String schedule = given().filter(operator)
                .get("/schedule")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(schedule)
                .contains(
                        "<option value=\"" + id + "\" disabled class=\"not-approved\">Thông báo tiêm chủng (chờ duyệt)")
                .contains("Chỉ bản tin đã duyệt mới lên lịch được");

        given().filter(approver)
                .header("X-Loaxa-Request", "1")
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Thiếu bản tiếng Tày"))
                .post("/api/v1/bulletins/" + id + "/reject")
                .then()
                .statusCode(200);
        assertThat(library(author))
                .contains("<p class=\"rejection\">Từ chối bởi " + APPROVER + ",")
                .contains("Thiếu bản tiếng Tày</p>");
    }

    /** The approval queue's entry for one bulletin, up to the next entry or the end of the queue. */
    private static String queueEntry(String page, String bulletinId) {
        int start = page.indexOf("<li data-bulletin=\"" + bulletinId + "\" class=\"review");
        assertThat(start).as("the queue shows bulletin " + bulletinId).isNotNegative();
        int next = page.indexOf("<li data-bulletin=", start + 1);
        int end = page.indexOf("</section>", start);
        return page.substring(start, next < 0 ? end : Math.min(next, end));
    }

    private static String library(CookieFilter session) {
        return given().filter(session)
                .get("/library")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void account(String username, String role) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role, "areaCode", AREA))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    private static io.restassured.specification.RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, PASSWORD);
    }

    private static CookieFilter login(String username) {
        return FormLogin.as(username, PASSWORD);
    }
}
