package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.web.AccountsPageTest.optionNamed;
import static vn.loaxa.web.AccountsPageTest.page;
import static vn.loaxa.web.AccountsPageTest.send;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;

/**
 * The areas page: an area is added under another picked by name (its code made from its name), renamed, given an
 * outline from a GeoJSON file and a language profile picked by name, in order, through the forms the page shows.
 * A language profile naming a language outside the catalogue is refused in Vietnamese.
 */
@QuarkusTest
class AreasPageTest {
    private static final String OUTLINE =
            "{\"type\":\"Polygon\",\"coordinates\":[[[106.5,22.0],[106.6,22.0],[106.6,22.1],[106.5,22.0]]]}";

    @Test
    void shouldAddRenameOutlineAndSetTheLanguagesOfAnArea() {
        Fixtures.area("ARP", "Tỉnh Thử Địa Bàn", "PROVINCE", null);
        CookieFilter admin = FormLogin.asAdmin();
        Document page = page(admin, "/areas");
        assertThat(page.select("#area-list a").eachText()).contains("Tỉnh Thử Địa Bàn");
        Element create = page.selectFirst("form#area-form");
        String province = optionNamed(create.selectFirst("select[name=parentCode]"), "Tỉnh Thử Địa Bàn");
        assertThat(create.select("select[name=kind] option").eachText()).contains("Xã, phường", "Thôn, bản");

        Map<String, Object> body = new HashMap<>();
        body.put("name", "Xã Na Sầm Thử");
        body.put("kind", "COMMUNE");
        body.put("parentCode", province);
        Response created = send(admin, "POST", create.attr("data-api"), body);
        assertThat(created.statusCode()).isEqualTo(201);
        String code = created.path("code");
        assertThat(code).startsWith("XA-NA-SAM-THU");

        Document tree = page(admin, "/areas");
        Element link = tree.selectFirst("#area-list li[data-area=" + code + "]");
        assertThat(link.text()).contains("Xã Na Sầm Thử", "Xã, phường").doesNotContain(code);
        assertThat(link.className()).isEqualTo("depth-1");

        Document chosen = page(admin, link.selectFirst("a").attr("href"));
        Element rename = chosen.selectFirst("form#area-rename-form");
        assertThat(send(admin, "PUT", rename.attr("data-api"), Map.of("name", "Phường Na Sầm Thử"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(page(admin, "/areas")
                        .selectFirst("#area-list li[data-area=" + code + "]")
                        .text())
                .contains("Phường Na Sầm Thử");

        Element outline = chosen.selectFirst("form#area-outline-form");
        assertThat(outline.attr("data-body")).isEqualTo("file");
        Api.asAdmin()
                .contentType("application/geo+json")
                .body(OUTLINE)
                .put(outline.attr("data-api"))
                .then()
                .statusCode(200);
        Api.asAdmin().get("/api/v1/areas/" + code + "/outline").then().statusCode(200);

        Element languages = chosen.selectFirst("form#area-languages-form");
        assertThat(chosen.select("#languages-inherited")).isNotEmpty();
        List<String> first = languages.select("select#language-1 option").eachText();
        assertThat(first).contains("Tiếng Tày", "Tiếng Việt");
        String tay = optionNamed(languages.selectFirst("select#language-1"), "Tiếng Tày");
        String viet = optionNamed(languages.selectFirst("select#language-2"), "Tiếng Việt");

        Response refused = send(admin, "PUT", languages.attr("data-api"), Map.of("languages", List.of("xyz")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("chưa có trong danh mục");

        assertThat(send(admin, "PUT", languages.attr("data-api"), Map.of("languages", List.of(tay, viet)))
                        .statusCode())
                .isEqualTo(200);
        Element after = page(admin, "/areas?area=" + code).selectFirst("form#area-languages-form");
        assertThat(after.selectFirst("select#language-1 option[selected]").text())
                .isEqualTo("Tiếng Tày");
        assertThat(after.selectFirst("select#language-2 option[selected]").text())
                .isEqualTo("Tiếng Việt");
        assertThat(after.select("select#language-3 option[selected]")).isEmpty();
        given().filter(admin)
                .accept("text/html")
                .get("/areas?area=" + code)
                .then()
                .statusCode(200);
    }

    @Test
    void shouldLetAnAdminTickTheRequiredLanguagesOfAnAreaByName() {
        Fixtures.area("ARQ-P", "Tỉnh Bắt Buộc Thử", "PROVINCE", null);
        Fixtures.area("ARQ-C", "Xã Bắt Buộc Thử", "COMMUNE", "ARQ-P");
        CookieFilter admin = FormLogin.asAdmin();
        Element province = page(admin, "/areas?area=ARQ-P").selectFirst("form#area-required-form");
        assertThat(province.select("label.check").eachText()).contains("Tiếng Tày", "Tiếng Nùng");
        assertThat(province.select("input[checked]")).isEmpty();
        String tay = province.select("label.check").stream()
                .filter(l -> l.text().equals("Tiếng Tày"))
                .findFirst()
                .orElseThrow()
                .selectFirst("input")
                .attr("value");

        assertThat(send(admin, "PUT", province.attr("data-api"), Map.of("languages", List.of(tay)))
                        .statusCode())
                .isEqualTo(200);

        Element after = page(admin, "/areas?area=ARQ-P").selectFirst("form#area-required-form");
        assertThat(after.select("input[checked]").eachAttr("value")).containsExactly(tay);
        Document commune = page(admin, "/areas?area=ARQ-C");
        assertThat(commune.selectFirst("#required-above").text())
                .as("a commune requires what the areas above it require, said by name")
                .contains("Tiếng Tày")
                .doesNotContain(tay);
        assertThat(commune.select("form#area-required-form input[checked]")).isEmpty();
    }
}
