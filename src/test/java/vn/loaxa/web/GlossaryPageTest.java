package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;
import static vn.loaxa.web.AccountsPageTest.page;
import static vn.loaxa.web.AccountsPageTest.send;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;

/**
 * The glossary page ("Thuật ngữ"): found without diacritics, terms under their languages' names, an entry added and
 * edited through the forms an author is shown, a CSV file imported through the page's form with its faults in
 * Vietnamese; a person without the author's capability reads and downloads, and is shown no form that writes.
 */
@QuarkusTest
class GlossaryPageTest {
    private static final String PASSWORD = "a-long-enough-password";

    @Test
    void shouldFindAddAndEditTermsThroughThePage() {
        CookieFilter admin = FormLogin.asAdmin();
        Document page = page(admin, "/glossary");
        assertThat(page.select("header nav a[href=/glossary]").text()).isEqualTo("Thuật ngữ");
        Element create = page.selectFirst("form#glossary-form");
        assertThat(create.selectFirst("label[for=new-term-tyz]").text()).isEqualTo("Tiếng Tày");
        assertThat(create.selectFirst("input#new-term-tyz").attr("data-map")).isEqualTo("terms");

        Response created = send(
                admin,
                "POST",
                create.attr("data-api"),
                Map.of(
                        "vie",
                        "giặc cướp",
                        "terms",
                        Map.of("tyz", "slấc", "nut", "slấc"),
                        "domain",
                        "an-ninh-quoc-phong"));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.path("id");

        Element row = page(admin, "/glossary?q=slac").selectFirst("tr[data-entry=" + id + "]");
        assertThat(row.text())
                .contains("giặc cướp", "Tiếng Tày: slấc", "Tiếng Nùng: slấc", "an ninh–quốc phòng")
                .doesNotContain("tyz", "an-ninh");
        assertThat(page(admin, "/glossary?q=slac&domain=y-te").select("tr[data-entry=" + id + "]"))
                .isEmpty();

        Document chosen = page(admin, row.selectFirst("a").attr("href"));
        Element change = chosen.selectFirst("form#glossary-change-form");
        assertThat(change.selectFirst("input[name=tyz]").val()).isEqualTo("slấc");
        assertThat(change.selectFirst("select[name=domain] option[selected]").val())
                .isEqualTo("an-ninh-quoc-phong");
        Response changed = send(
                admin,
                "PUT",
                change.attr("data-api"),
                Map.of(
                        "vie",
                        "giặc cướp",
                        "terms",
                        Map.of("tyz", "slấc"),
                        "domain",
                        "an-ninh-quoc-phong",
                        "note",
                        "Tày"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(page(admin, "/glossary?q=giac cuop")
                        .selectFirst("tr[data-entry=" + id + "]")
                        .text())
                .doesNotContain("Tiếng Nùng");

        Element importForm = page.selectFirst("form#glossary-import-form");
        Response refused = given().filter(admin)
                .header(CsrfGuard.HEADER, "1")
                .header("Accept-Language", "vi")
                .contentType(importForm.attr("data-content-type") + "; charset=UTF-8")
                .body("vie,tyz,domain\r\nsuối,khuổi,chung\r\nsông,tả,chung,thừa\r\n")
                .post(importForm.attr("data-api"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("Dòng 3 có 4 ô");
        assertThat(page(admin, "/glossary?q=khuoi").select("tr[data-entry]")).isEmpty();
    }

    @Test
    void shouldShowAPersonWithoutTheAuthorsCapabilityNoFormThatWrites() {
        Fixtures.area("GLP", "PROVINCE", null);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", "glp.supervisor", "password", PASSWORD, "role", "supervisor", "areaCode", "GLP"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("vie", "núi đá", "terms", Map.of("tyz", "phja hin"), "domain", "chung"))
                .post("/api/v1/glossary")
                .then()
                .statusCode(201);
        CookieFilter supervisor = FormLogin.as("glp.supervisor", PASSWORD);

        Document page = page(supervisor, "/glossary?q=phja hin");
        assertThat(page.select("tr[data-entry]").text()).contains("núi đá", "Tiếng Tày: phja hin");
        assertThat(page.select("form.admin-form")).isEmpty();
        assertThat(page.select("tr[data-entry] a")).isEmpty();
        assertThat(page.selectFirst("a#glossary-export").attr("href")).isEqualTo("/api/v1/glossary/export");

        Document english = Jsoup.parse(given().filter(supervisor)
                .cookie(Ui.LANG_COOKIE, "en")
                .accept("text/html")
                .get("/glossary?q=nui da")
                .asString());
        assertThat(english.selectFirst("h1").text()).isEqualTo("Glossary");
        assertThat(english.select("tr[data-entry]").text()).contains("Tày: phja hin", "general");
    }
}
