package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.web.AccountsPageTest.optionNamed;
import static vn.loaxa.web.AccountsPageTest.page;
import static vn.loaxa.web.AccountsPageTest.send;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;

/**
 * The receivers page: a receiver is provisioned by its name and an area picked by name, its device login comes back
 * once (never in the page), it is listed by name with an accent-free search text, moved to another area, issued a new
 * secret and revoked through the forms the page shows. An operator sees only their own subtree and cannot move a
 * receiver out of it; the refusal is in Vietnamese.
 */
@QuarkusTest
class ReceiversPageTest {
    private static final String PASSWORD = "receivers-page-password";

    @Test
    void shouldProvisionMoveRotateAndRevokeAReceiverFromThePage() {
        Fixtures.area("RCP", "Tỉnh Thử Cụm Thu", "PROVINCE", null);
        Fixtures.area("RCP-A", "Xã Đồng Đăng", "COMMUNE", "RCP");
        Fixtures.area("RCP-B", "Xã Pác Lạn", "COMMUNE", "RCP");
        CookieFilter admin = FormLogin.asAdmin();
        Document page = page(admin, "/receivers");
        Element provision = page.selectFirst("form#receiver-form");
        String dongDang = optionNamed(provision.selectFirst("select[name=areaCode]"), "Xã Đồng Đăng");

        Response missing = send(admin, "POST", provision.attr("data-api"), Map.of("areaCode", dongDang));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.asString()).contains("không được để trống");

        Response created = send(
                admin,
                "POST",
                provision.attr("data-api"),
                Map.of("displayName", "Cụm Chợ Đồng Đăng", "areaCode", dongDang));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(id).as("a login name made from the name").startsWith("cum-cho-dong-dang");
        assertThat(secret).isNotBlank();
        assertThat(page.selectFirst("#secret-box").hasAttr("hidden")).isTrue();

        Document listed = page(admin, "/receivers");
        Element row = listed.selectFirst("tr[data-receiver=" + id + "]");
        assertThat(row.text()).contains("Cụm Chợ Đồng Đăng", "Xã Đồng Đăng").doesNotContain(dongDang);
        assertThat(row.attr("data-search")).isEqualTo("cum cho dong dang xa dong dang");
        assertThat(listed.html()).doesNotContain(secret);
        assertThat(listed.selectFirst("#admin-filter").attr("data-rows")).isEqualTo("#receivers-list tbody tr");

        Document chosen =
                page(admin, row.selectFirst("a[href^=/receivers?receiver=]").attr("href"));
        Element move = chosen.selectFirst("form#receiver-move-form");
        String pacLan = optionNamed(move.selectFirst("select[name=areaCode]"), "Xã Pác Lạn");
        assertThat(send(admin, "PUT", move.attr("data-api"), Map.of("areaCode", pacLan))
                        .statusCode())
                .isEqualTo(200);
        assertThat(page(admin, "/receivers")
                        .selectFirst("tr[data-receiver=" + id + "]")
                        .text())
                .contains("Xã Pác Lạn");

        Element rotate = chosen.selectFirst("form#receiver-rotate-form");
        assertThat(rotate.attr("data-after")).isEqualTo("secret");
        Response rotated = send(admin, "POST", rotate.attr("data-api"), Map.of());
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat((String) rotated.path("secret")).isNotBlank().isNotEqualTo(secret);
        assertThat((String) rotated.path("receiverId")).isEqualTo(id);

        given().auth()
                .preemptive()
                .basic(id, rotated.path("secret"))
                .get("/api/v1/time")
                .then()
                .statusCode(200);
        given().auth().preemptive().basic(id, secret).get("/api/v1/time").then().statusCode(401);

        Element revoke = chosen.selectFirst("form#receiver-revoke-form");
        assertThat(revoke.attr("data-confirm")).contains("Thu hồi");
        assertThat(send(admin, "POST", revoke.attr("data-api"), Map.of()).statusCode())
                .isEqualTo(200);
        given().auth()
                .preemptive()
                .basic(id, rotated.path("secret"))
                .get("/api/v1/time")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldShowAnOperatorOnlyTheirSubtreeAndRefuseAMoveOutOfIt() {
        Fixtures.area("RCO", "Tỉnh Thử Vận Hành", "PROVINCE", null);
        Fixtures.area("RCO-A", "Xã Hoàng Đồng", "COMMUNE", "RCO");
        Fixtures.area("RCO-B", "Xã Mai Pha", "COMMUNE", "RCO");
        Fixtures.receiver("rco-rx-a", "RCO-A", List.of("vie"));
        Fixtures.receiver("rco-rx-b", "RCO-B", List.of("vie"));
        Map<String, Object> account = new HashMap<>(
                Map.of("username", "vanhanh.hoangdong", "password", PASSWORD, "role", "operator", "areaCode", "RCO-A"));
        vn.loaxa.support.Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(account)
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        CookieFilter operator = FormLogin.as("vanhanh.hoangdong", PASSWORD);
        Document page = page(operator, "/receivers?receiver=rco-rx-a");
        assertThat(page.select("header nav a[href=/receivers]")).isNotEmpty();
        assertThat(page.select("header nav a[href=/accounts], header nav a[href=/areas]"))
                .isEmpty();
        assertThat(page.select("tr[data-receiver]").eachAttr("data-receiver")).containsExactly("rco-rx-a");
        Element move = page.selectFirst("form#receiver-move-form");
        assertThat(move.select("select[name=areaCode] option").eachText()).containsExactly("Xã Hoàng Đồng");
        Response refused = send(operator, "PUT", move.attr("data-api"), Map.of("areaCode", "RCO-B"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("Không");
        given().filter(operator).accept("text/html").get("/accounts").then().statusCode(403);
    }
}
