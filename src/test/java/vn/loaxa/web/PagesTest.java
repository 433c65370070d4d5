package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;
import vn.loaxa.support.TestAudio;

/** The pages over plain HTTP: login required, Vietnamese by default, English by the language link, CSRF guard. */
@QuarkusTest
class PagesTest {

    private static CookieFilter login() {
        return FormLogin.asAdmin();
    }

    private static CookieFilter login(String username, String password) {
        return FormLogin.as(username, password);
    }

    @Test
    void shouldAnswerARefusedOrMissingPageWithAPageAndTheApiWithProblemJson() {
        Fixtures.area("PGX-D", "DISTRICT", null);
        Fixtures.area("PGX-A", "COMMUNE", "PGX-D");
        Fixtures.area("PGX-B", "COMMUNE", "PGX-D");
        Fixtures.receiver("pgx-rx-1", "PGX-B", List.of("vie"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        "pg-operator-a",
                        "password",
                        "operator-a-password",
                        "role",
                        "operator",
                        "areaCode",
                        "PGX-A"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        CookieFilter operator = login("pg-operator-a", "operator-a-password");

        given().filter(operator)
                .accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .get("/receivers/pgx-rx-1")
                .then()
                .statusCode(403)
                .contentType(ContentType.HTML)
                .body(
                        containsString("<h1>Không có quyền truy cập</h1>"),
                        containsString("nằm ngoài địa bàn bạn phụ trách"),
                        containsString("href=\"/library\""),
                        containsString("pg-operator-a"));
        for (String area : List.of("PGX-A", "PGX-B")) {
            asAdmin()
                    .contentType(ContentType.JSON)
                    .body("{\"type\":\"Polygon\",\"coordinates\":[[[106.4,22.2],"
                            + "[106.5,22.2],[106.5,22.3],[106.4,22.2]]]}")
                    .put("/api/v1/areas/" + area + "/outline")
                    .then()
                    .statusCode(200);
        }
        given().filter(operator)
                .get("/map")
                .then()
                .statusCode(200)
                .body(containsString("data-code=\"PGX-A\""), not(containsString("data-code=\"PGX-B\"")));
        given().filter(operator)
                .accept("text/html")
                .get("/audit")
                .then()
                .statusCode(403)
                .contentType(ContentType.HTML)
                .body(containsString("Không có quyền truy cập"));
        given().filter(operator)
                .accept("text/html")
                .cookie("loaxa-lang", "en")
                .get("/receivers/no-such-rx")
                .then()
                .statusCode(404)
                .contentType(ContentType.HTML)
                .body(containsString("<h1>Not found</h1>"), containsString("Back to the overview"));
        given().filter(operator)
                .accept("application/json")
                .get("/api/v1/receivers/pgx-rx-1")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().filter(operator)
                .get("/receivers/pgx-rx-1")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/map",
                "/library",
                "/schedule",
                "/reports",
                "/receivers/any",
                "/fragments/today",
                "/accounts",
                "/receivers",
                "/groups",
                "/areas"
            })
    void shouldSendAnonymousVisitorsOfEveryPageToTheLoginPage(String path) {
        given().redirects().follow(false).get(path).then().statusCode(303).header("Location", endsWith("/login.html"));
    }

    @Test
    void shouldRenderEveryPageInVietnameseByDefault() {
        Fixtures.area("PG", "COMMUNE", null);
        Fixtures.receiver("pg-rx-1", "PG", List.of("vie"));
        CookieFilter session = login();
        Map<String, String> pages = Map.ofEntries(
                Map.entry("/", "Tổng quan"),
                Map.entry("/map", "Bản đồ cụm thu"),
                Map.entry("/library", "Tải tệp âm thanh lên"),
                Map.entry("/schedule", "Lên lịch phát"),
                Map.entry("/reports", "Tải báo cáo"),
                Map.entry("/receivers/pg-rx-1", "Lệnh điều khiển từ xa"),
                Map.entry("/fragments/today", "Bản tin"),
                Map.entry("/accounts", "Tạo tài khoản mới"),
                Map.entry("/receivers?receiver=pg-rx-1", "Thu hồi quyền kết nối"),
                Map.entry("/groups", "Tạo nhóm mới"),
                Map.entry("/areas?area=PG", "Ngôn ngữ phát thanh"));
        pages.forEach((path, text) -> given().filter(session)
                .get(path)
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString(text)));
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"type\":\"Polygon\",\"coordinates\":[[[106.4,22.2],"
                        + "[106.5,22.2],[106.5,22.3],[106.4,22.3],[106.4,22.2]]]}")
                .put("/api/v1/areas/PG/outline")
                .then()
                .statusCode(200);
        given().filter(session)
                .get("/map")
                .then()
                .body(
                        containsString("data-id=\"pg-rx-1\""),
                        containsString("class=\"area-outline\" data-code=\"PG\""),
                        containsString("data-geometry=\"{&quot;type&quot;:&quot;Polygon&quot;"));
    }

    @Test
    void shouldSwitchToEnglishWithTheLanguageLinkAndBack() {
        CookieFilter session = login();
        given().filter(session)
                .redirects()
                .follow(false)
                .get("/lang?to=en&back=/map")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/map"))
                .cookie(Ui.LANG_COOKIE, "en");
        given().filter(session)
                .get("/map")
                .then()
                .statusCode(200)
                .body(containsString("Receiver map"))
                .body(containsString("lang=\"en\""))
                .body(not(containsString("Bản đồ cụm thu")));
        given().filter(session)
                .redirects()
                .follow(false)
                .get("/lang?to=vi&back=/")
                .then()
                .statusCode(303)
                .cookie(Ui.LANG_COOKIE, "vi");
        given().filter(session).get("/").then().body(containsString("Tổng quan"));
    }

    @Test
    void shouldNotRedirectTheLanguageLinkToAnotherSite() {
        given().redirects()
                .follow(false)
                .get("/lang?to=en&back=//evil.example/x")
                .then()
                .statusCode(303)
                .header("Location", not(containsString("evil")));
    }

    @Test
    void shouldShowAReportFormErrorNextToItsField() {
        CookieFilter session = login();
        given().filter(session)
                .get("/reports?from=yesterday&to=2026-01-01")
                .then()
                .statusCode(200)
                .body(containsString("id=\"report-from-error\" role=\"alert\">Nhập ngày theo dạng năm-tháng-ngày"))
                .body(containsString("aria-invalid=\"true\""))
                .body(not(containsString("format=csv")));
        given().filter(session)
                .get("/reports?from=2026-01-01&to=2026-01-07")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/reports/plays?from=2026-01-01&amp;to=2026-01-07&amp;format=csv"))
                .body(containsString("&amp;format=pdf&amp;lang=vi\""))
                .body(containsString("id=\"chart-plays-per-day\""))
                .body(containsString("src=\"/reports.js\""));
    }

    @Test
    void shouldShowABroadcastWithItsCountsFilteredTableAndCancelButton() throws Exception {
        Fixtures.area("PGB", "COMMUNE", null);
        Fixtures.receiver("pgb-rx-1", "PGB", List.of("vie"));
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("pages", ".wav"), 2, 440, 0.3), "Trang phát sóng", "vie");
        OffsetDateTime startAt = OffsetDateTime.now().plusHours(2);
        String broadcast = Fixtures.broadcast(Fixtures.bulletin(media, "NORMAL"), List.of("PGB"), List.of(), startAt);
        CookieFilter session = login();

        given().filter(session)
                .get("/broadcasts/" + broadcast)
                .then()
                .statusCode(200)
                .body(containsString("sse-connect=\"/broadcasts/" + broadcast + "/live\""))
                .body(containsString("id=\"cancel-broadcast\""))
                .body(containsString("id=\"count-total\">"));
        given().filter(session)
                .get("/broadcasts/" + broadcast + "?state=PLAYED")
                .then()
                .statusCode(200)
                .body(containsString("/live?state=PLAYED"))
                .body(not(containsString("data-receiver=\"pgb-rx-1\"")));
        given().filter(session)
                .get("/schedule?week=" + startAt.atZoneSameInstant(Ui.ZONE).toLocalDate())
                .then()
                .statusCode(200)
                .body(containsString("href=\"/broadcasts/" + broadcast + "\""));
    }

    @Test
    void shouldListEveryOccurrenceOfADailySeriesInTheWeekWithCancelActionsOnlyForSchedulers() throws Exception {
        Fixtures.area("PGW", "COMMUNE", null);
        Fixtures.receiver("pgw-rx-1", "PGW", List.of("vie"));
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("week", ".wav"), 2, 440, 0.3), "Tuần phát", "vie");
        LocalDate monday = LocalDate.now(Ui.ZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        String broadcast = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        Fixtures.bulletin(media, "NORMAL"),
                        "startAt",
                        monday.atTime(6, 0).atZone(Ui.ZONE).toOffsetDateTime().toString(),
                        "timeZone",
                        "Asia/Ho_Chi_Minh",
                        "targets",
                        Map.of("areas", List.of("PGW")),
                        "recurrence",
                        Map.of("rrule", "FREQ=DAILY")))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String slot = "data-broadcast=\"" + broadcast + "\"";
        CookieFilter admin = login();

        String week = given().filter(admin)
                .get("/schedule?week=" + monday.plusDays(3))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(week.split(slot, -1)).hasSize(8);
        assertThat(week)
                .contains("title=\"Thứ Hai " + monday.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " 06:00\"")
                .contains("title=\"Chủ Nhật " + monday.plusDays(6).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                        + " 06:00\"")
                .contains("Huỷ buổi này", "Huỷ cả chuỗi")
                .contains("data-local-time=\"" + monday.plusDays(2).atTime(6, 0) + "\"")
                .doesNotContain("+00:00", ":00Z");
        String next = given().filter(admin)
                .get("/schedule?week=" + monday.plusWeeks(1))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(next.split(slot, -1)).hasSize(8);
        String before = given().filter(admin)
                .get("/schedule?week=" + monday.minusWeeks(1))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(before).doesNotContain(slot);

        // one occurrence cancelled: still listed, as cancelled, and with no cancel action of its own
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("localTime", monday.plusDays(2).atTime(6, 0).toString()))
                .post("/api/v1/broadcasts/" + broadcast + "/exdates")
                .then()
                .statusCode(200);
        week = given().filter(admin)
                .get("/schedule?week=" + monday)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(week.split(slot, -1)).hasSize(8);
        assertThat(week.split("class=\"slot cancelled\" " + slot, -1)).hasSize(2);
        assertThat(week.split("data-api=\"/api/v1/broadcasts/" + broadcast + "/exdates\"", -1))
                .hasSize(7);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", "pg-supervisor-w",
                        "password", "supervisor-w-password",
                        "role", "supervisor",
                        "areaCode", "PGW"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        String read = given().filter(login("pg-supervisor-w", "supervisor-w-password"))
                .get("/schedule?week=" + monday)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(read.split(slot, -1)).hasSize(8);
        assertThat(read).doesNotContain("cancel-occurrence", "cancel-series");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownReceiverPage() {
        given().filter(login()).get("/receivers/no-such-receiver").then().statusCode(404);
    }

    @Test
    void shouldRefuseAChangeSentWithTheSessionCookieButWithoutThePageHeader() {
        CookieFilter session = login();
        Map<String, Object> invalid = Map.of("title", "");
        given().filter(session)
                .contentType(ContentType.JSON)
                .body(invalid)
                .post("/api/v1/bulletins")
                .then()
                .statusCode(403)
                .body(containsString(CsrfGuard.HEADER));
        given().filter(session)
                .header(CsrfGuard.HEADER, "1")
                .contentType(ContentType.JSON)
                .body(invalid)
                .post("/api/v1/bulletins")
                .then()
                .statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(invalid)
                .post("/api/v1/bulletins")
                .then()
                .statusCode(422);
    }
}
