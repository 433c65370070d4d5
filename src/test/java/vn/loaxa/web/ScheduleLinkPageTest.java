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
 * Scheduling starts from the bulletin: an approved bulletin in the library carries a "Lên lịch" link for a person
 * who may schedule (an operator) and none for one who may not (a supervisor); the link opens the schedule form with
 * that bulletin chosen, and the form offers the operator's own areas, groups and receivers by name, not by code.
 */
@QuarkusTest
class ScheduleLinkPageTest {
    private static final String PASSWORD = "schedule-link-password";
    private static final String PROVINCE = "SLP";
    private static final String COMMUNE = "SLP-X";
    private static final String ELSEWHERE = "SLQ";
    private static final String OPERATOR = "slp-operator";
    private static final String SUPERVISOR = "slp-supervisor";

    @Test
    void shouldLinkAnApprovedBulletinToTheScheduleFormForAnOperatorOnly() throws Exception {
        Fixtures.area(PROVINCE, "PROVINCE", null);
        Fixtures.area(COMMUNE, "COMMUNE", PROVINCE);
        Fixtures.area(ELSEWHERE, "PROVINCE", null);
        Fixtures.receiver("slp-rx-1", COMMUNE, List.of("vie"));
        Fixtures.receiver("slq-rx-1", ELSEWHERE, List.of("vie"));
        account(OPERATOR, "operator");
        account(SUPERVISOR, "supervisor");
        given().auth()
                .preemptive()
                .basic(OPERATOR, PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("code", "slp-loa-cho", "name", "Loa chợ phiên", "members", List.of("slp-rx-1")))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(201);
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("slp", ".wav"), 1.5, 440, 0.2), "Lich phat", "vie");
        String approved = Fixtures.approvedBulletin("Lịch tiêm phòng gia súc", List.of(List.of(mediaId, "vie")));
        String draft = Fixtures.draftBulletin(mediaId, "NORMAL");
        String link = "<a class=\"schedule-link\" href=\"/schedule?bulletin=" + approved + "#broadcast-form\">Lên lịch";

        CookieFilter operator = FormLogin.as(OPERATOR, PASSWORD);
        String operatorsLibrary = page(operator, "/library");
        assertThat(bulletinEntry(operatorsLibrary, approved)).contains(link);
        assertThat(bulletinEntry(operatorsLibrary, draft)).doesNotContain("schedule-link");

        CookieFilter supervisor = FormLogin.as(SUPERVISOR, PASSWORD);
        String supervisorsLibrary = page(supervisor, "/library");
        assertThat(bulletinEntry(supervisorsLibrary, approved)).doesNotContain("schedule-link", "/schedule?");

        String form = page(operator, "/schedule?bulletin=" + approved);
        assertThat(form)
                .contains("<option value=\"" + approved + "\" selected>Lịch tiêm phòng gia súc")
                .contains("value=\"" + PROVINCE + "\" data-path=\"/" + PROVINCE + "/\"")
                .contains("value=\"" + COMMUNE + "\" data-path=\"/" + PROVINCE + "/" + COMMUNE + "/\"")
                .contains("<span class=\"area-name\">Địa bàn " + COMMUNE + "</span>")
                .contains("value=\"slp-loa-cho\"> Loa chợ phiên")
                .contains("value=\"slp-rx-1\"> <span class=\"receiver-name\">Cụm slp-rx-1</span>")
                .contains(">Phát ngay</button>")
                .doesNotContain("value=\"" + ELSEWHERE + "\"", "slq-rx-1", "id=\"broadcast-areas\"");
    }

    /** The library's entry for one bulletin in the list of bulletins. */
    private static String bulletinEntry(String page, String bulletinId) {
        int list = page.indexOf("<ul id=\"bulletins\"");
        int start = page.indexOf("<li data-bulletin=\"" + bulletinId + "\">", list);
        assertThat(start).as("the library lists bulletin " + bulletinId).isNotNegative();
        int next = page.indexOf("<li data-bulletin=", start + 1);
        int end = page.indexOf("</section>", start);
        return page.substring(start, next < 0 ? end : Math.min(next, end));
    }

    private static String page(CookieFilter session, String path) {
        return given().filter(session)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void account(String username, String role) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role, "areaCode", PROVINCE))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }
}
