package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;

/**
 * The accounts page: an administrator creates an account with a role and an area picked by name, changes them,
 * resets the password and locks the account, through the forms the page shows; a locked account cannot log in, and
 * its session and API token stop working. Refusals come back in Vietnamese.
 */
@QuarkusTest
class AccountsPageTest {
    private static final String PASSWORD = "accounts-page-password";

    @Test
    void shouldCreateChangeResetAndLockAnAccountFromThePage() {
        Fixtures.area("ACP", "Tỉnh Thử Tài Khoản", "PROVINCE", null);
        Fixtures.area("ACP-X", "Xã Pác Lạn", "COMMUNE", "ACP");
        CookieFilter admin = FormLogin.asAdmin();
        Document page = page(admin, "/accounts");
        assertThat(page.select("header nav a[href=/accounts]"))
                .as("the admin's header")
                .isNotEmpty();
        Element create = page.selectFirst("form#account-form");
        assertThat(create.attr("data-kind")).isEqualTo("account-create");
        String communeCode = optionNamed(create.selectFirst("select[name=areaCode]"), "Xã Pác Lạn");
        assertThat(create.select("select[name=role] option").eachText())
                .anyMatch(t -> t.startsWith("Cán bộ vận hành"))
                .noneMatch(t -> t.equals("operator"));

        // refused: too short a password, told in Vietnamese next to its field
        Response refused = send(
                admin,
                "POST",
                create.attr("data-api"),
                Map.of("username", "vanhanh.paclan", "password", "ngan", "role", "operator", "areaCode", communeCode));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("phải dài từ 12 đến 200 ký tự");

        assertThat(send(
                                admin,
                                "POST",
                                create.attr("data-api"),
                                Map.of(
                                        "username",
                                        "vanhanh.paclan",
                                        "password",
                                        PASSWORD,
                                        "role",
                                        "operator",
                                        "areaCode",
                                        communeCode))
                        .statusCode())
                .isEqualTo(201);
        Element row = page(admin, "/accounts").selectFirst("tr[data-account=vanhanh.paclan]");
        assertThat(row.text())
                .contains("Cán bộ vận hành", "Xã Pác Lạn", "Đang hoạt động")
                .doesNotContain("ACP-X");

        // the chosen account: another role
        Document chosen = page(admin, row.selectFirst("a").attr("href"));
        Element change = chosen.selectFirst("form#account-change-form");
        assertThat(send(admin, "PUT", change.attr("data-api"), Map.of("role", "supervisor", "areaCode", communeCode))
                        .statusCode())
                .isEqualTo(200);
        assertThat(page(admin, "/accounts")
                        .selectFirst("tr[data-account=vanhanh.paclan]")
                        .text())
                .contains("Cán bộ giám sát", "Xã Pác Lạn");

        // a token and a session of the person, then a new password: the old one no longer logs in
        String token = given().auth()
                .preemptive()
                .basic("vanhanh.paclan", PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "script"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        Element reset = chosen.selectFirst("form#account-password-form");
        assertThat(send(admin, "PUT", reset.attr("data-api"), Map.of("password", "mat-khau-moi-da-doi"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(loginFails("vanhanh.paclan", PASSWORD)).isTrue();
        CookieFilter person = FormLogin.as("vanhanh.paclan", "mat-khau-moi-da-doi");
        given().filter(person).get("/").then().statusCode(200);

        // locked: no login, no session, no token; the page says so; unlocked: back in
        Element lock = page(admin, "/accounts?account=vanhanh.paclan").selectFirst("form#account-lock-form");
        assertThat(lock.attr("data-confirm")).contains("Khoá tài khoản");
        assertThat(send(admin, "POST", lock.attr("data-api"), Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(loginFails("vanhanh.paclan", "mat-khau-moi-da-doi")).isTrue();
        assertThat(given().filter(person)
                        .redirects()
                        .follow(false)
                        .accept("text/html")
                        .get("/")
                        .statusCode())
                .as("the locked person's session")
                .isIn(302, 303, 401);
        given().header("Authorization", "Bearer " + token)
                .get("/api/v1/receivers")
                .then()
                .statusCode(401);
        Document locked = page(admin, "/accounts?account=vanhanh.paclan");
        assertThat(locked.selectFirst("tr[data-account=vanhanh.paclan]").text()).contains("Đã khoá");
        Element unlock = locked.selectFirst("form#account-unlock-form");
        assertThat(send(admin, "POST", unlock.attr("data-api"), Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(loginFails("vanhanh.paclan", "mat-khau-moi-da-doi")).isFalse();
    }

    @Test
    void shouldNotOfferNorAllowLockingOnesOwnAccount() {
        CookieFilter admin = FormLogin.asAdmin();
        Document own = page(admin, "/accounts?account=" + Api.ADMIN);
        assertThat(own.select("form#account-lock-form")).isEmpty();
        Response refused = send(admin, "POST", "/api/v1/accounts/" + Api.ADMIN + "/lock", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.asString()).contains("Không thể tự khoá tài khoản của chính mình");
        assertThat(loginFails(Api.ADMIN, Api.ADMIN_PASSWORD)).isFalse();
    }

    /** A page as a browser opens it (a link's #fragment stays in the browser). */
    static Document page(CookieFilter session, String path) {
        String html = given().filter(session)
                .accept("text/html")
                .get(path.replaceAll("#.*", ""))
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"vi\""))
                .extract()
                .asString();
        return Jsoup.parse(html);
    }

    /** A form's request as loaxa.js sends it: the session, the CSRF header, JSON, in Vietnamese. */
    static Response send(CookieFilter session, String method, String url, Object body) {
        return given().filter(session)
                .header(CsrfGuard.HEADER, "1")
                .header("Accept-Language", "vi")
                .accept(ContentType.JSON)
                .contentType(ContentType.JSON)
                .body(body)
                .request(method, url);
    }

    /** The value of the option whose text (indentation aside) is this name. */
    static String optionNamed(Element select, String name) {
        return select.select("option").stream()
                .filter(o -> o.text().replace('\u00a0', ' ').strip().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no option " + name + " in " + select))
                .attr("value");
    }

    private static boolean loginFails(String username, String password) {
        String location = given().redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check")
                .header("Location");
        return location == null || location.contains("error");
    }
}
