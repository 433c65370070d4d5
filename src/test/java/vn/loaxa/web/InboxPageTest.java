package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;
import vn.loaxa.support.TestAudio;

/**
 * The commune inbox page of a commune operator, and the API calls its forms make with the page's session: accept at
 * the commune's own time (proposed from its usual airing time), decline only with a reason, and the commune's policy.
 */
@QuarkusTest
class InboxPageTest {
    private static final String TITLE = "Thông báo tiêm chủng – hộp thư";

    @Test
    void shouldLetACommuneOperatorAcceptAtItsOwnTimeDeclineWithAReasonAndSetThePolicy() throws IOException {
        Fixtures.area("IPG", "PROVINCE", null);
        Fixtures.area("IPG-A", "COMMUNE", "IPG");
        Fixtures.receiver("ipg-rx-a", "IPG-A", List.of("vie"));
        setPolicy("IPG-A", "MANUAL");
        account("ipg-operator", "operator", "IPG-A");
        account("ipg-editor", "editor", "IPG");
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("inbox-page", ".wav"), 2, 784, 0.25), "Hộp thư trang", "vie");
        String bulletin = Fixtures.approvedBulletin(TITLE, List.of(List.of(media, "vie")));
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        String toAccept = broadcast(bulletin, first);
        String toDecline = broadcast(bulletin, first.plusHours(1));
        CookieFilter operator = PagesTestLogin.as("ipg-operator", "operator-password");
        page(operator)
                .body(Map.of("policy", "MANUAL", "defaultTime", "18:30"))
                .put("/api/v1/areas/IPG-A/inbox-policy")
                .then()
                .statusCode(200)
                .body("defaultTime", org.hamcrest.Matchers.startsWith("18:30"));

        String page = given().filter(operator)
                .get("/inbox")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String day = first.atZoneSameInstant(Ui.ZONE).toLocalDate().toString();
        assertThat(page)
                .contains("<h1>Hộp thư xã</h1>", "href=\"/inbox\" aria-current=\"page\"", TITLE)
                .contains("type=\"datetime-local\" value=\"" + day + "T18:30\"", "value=\"MANUAL\" checked")
                .contains("name=\"defaultTime\" type=\"time\" value=\"18:30\"")
                .doesNotContain("Đang được xây dựng");
        String acceptItem = itemOf(page, toAccept, operator);
        String declineItem = itemOf(page, toDecline, operator);

        LocalDateTime own = LocalDateTime.now(Ui.ZONE).plusHours(5).truncatedTo(ChronoUnit.MINUTES);
        String placed = page(operator)
                .body(Map.of("startAt", own.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")) + ":00+07:00"))
                .post("/api/v1/inbox/" + acceptItem + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("placedBroadcastId", notNullValue())
                .extract()
                .path("placedBroadcastId");
        String playAt = asAdmin()
                .get("/api/v1/broadcasts/" + placed)
                .then()
                .statusCode(200)
                .extract()
                .path("occurrences[0].playAt");
        assertThat(OffsetDateTime.parse(playAt).toInstant())
                .isEqualTo(own.atZone(Ui.ZONE).toInstant());

        page(operator)
                .body(Map.of("reason", "  "))
                .post("/api/v1/inbox/" + declineItem + "/decline")
                .then()
                .statusCode(422);
        page(operator)
                .body(Map.of())
                .post("/api/v1/inbox/" + declineItem + "/decline")
                .then()
                .statusCode(anyOf(is(400), is(422)));
        page(operator)
                .body(Map.of("reason", "Xã đang có lịch họp dân"))
                .post("/api/v1/inbox/" + declineItem + "/decline")
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"));

        page(operator)
                .body(Map.of("policy", "AUTO_ACCEPT"))
                .put("/api/v1/areas/IPG-A/inbox-policy")
                .then()
                .statusCode(200)
                .body("policy", equalTo("AUTO_ACCEPT"))
                .body("defaultTime", org.hamcrest.Matchers.nullValue());

        given().filter(operator)
                .get("/inbox")
                .then()
                .statusCode(200)
                .body(
                        containsString("value=\"AUTO_ACCEPT\" checked"),
                        containsString("đã nhận"),
                        containsString("đã từ chối"),
                        containsString("Xã đang có lịch họp dân"),
                        containsString("href=\"/broadcasts/" + placed + "\""));

        CookieFilter editor = PagesTestLogin.as("ipg-editor", "editor-password");
        given().filter(editor).get("/library").then().statusCode(200).body(not(containsString("href=\"/inbox\"")));
        given().filter(editor).accept("text/html").get("/inbox").then().statusCode(403);
    }

    /** The inbox item of a broadcast, as the page lists it (data-inbox-item), checked against the API. */
    private static String itemOf(String page, String broadcastId, CookieFilter session) {
        String id = given().filter(session)
                .get("/api/v1/areas/IPG-A/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("find { it.broadcastId == '" + broadcastId + "' }.id");
        assertThat(page).contains("data-inbox-item=\"" + id + "\"");
        return id;
    }

    /** A request as the page's script sends it: the session cookie, JSON, and the CSRF header. */
    private static RequestSpecification page(CookieFilter session) {
        return given().filter(session).contentType(ContentType.JSON).header(CsrfGuard.HEADER, "1");
    }

    private static String broadcast(String bulletinId, OffsetDateTime startAt) {
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
                        Map.of("areas", List.of("IPG"))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void setPolicy(String commune, String policy) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("policy", policy))
                .put("/api/v1/areas/" + commune + "/inbox-policy")
                .then()
                .statusCode(200);
    }

    static void account(String username, String role, String area) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", role + "-password", "role", role, "areaCode", area))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    /** Logs in through the login form, as a browser does. */
    static final class PagesTestLogin {
        private PagesTestLogin() {}

        static CookieFilter as(String username, String password) {
            return FormLogin.as(username, password);
        }
    }
}
