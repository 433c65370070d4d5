package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.web.AccountsPageTest.page;
import static vn.loaxa.web.AccountsPageTest.send;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;

/**
 * The groups page: a group is created by its name with receivers ticked by name (its code is made by the server),
 * listed with its members' names, gains and loses receivers, and is deleted, through the forms the page shows. A
 * group naming a receiver that does not exist is refused in Vietnamese.
 */
@QuarkusTest
class GroupsPageTest {

    @Test
    void shouldCreateChangeAndDeleteAGroupByNames() {
        Fixtures.area("GRP", "Xã Thử Nhóm", "COMMUNE", null);
        Fixtures.receiver("grp-rx-cho", "GRP", List.of("vie"));
        Fixtures.receiver("grp-rx-truong", "GRP", List.of("vie"));
        CookieFilter admin = FormLogin.asAdmin();
        Document page = page(admin, "/groups");
        Element create = page.selectFirst("form#group-form");
        Element box = create.selectFirst("input[name=members][value=grp-rx-cho]");
        assertThat(box.hasAttr("data-list")).isTrue();
        assertThat(box.parent().text()).contains("Cụm grp-rx-cho", "Xã Thử Nhóm");

        Response refused = send(
                admin, "POST", create.attr("data-api"), Map.of("name", "Nhóm lỗi", "members", List.of("khong-co")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("Không tìm thấy cụm thu");

        Response created = send(
                admin,
                "POST",
                create.attr("data-api"),
                Map.of("name", "Loa chợ Thử Nhóm", "members", List.of("grp-rx-cho")));
        assertThat(created.statusCode()).isEqualTo(201);
        String code = created.path("code");
        assertThat(code).startsWith("loa-cho-thu-nhom");
        Element row = page(admin, "/groups").selectFirst("tr[data-group=" + code + "]");
        assertThat(row.text()).contains("Loa chợ Thử Nhóm", "Cụm grp-rx-cho").doesNotContain("grp-rx-truong");

        Document chosen = page(admin, row.selectFirst("a").attr("href"));
        Element change = chosen.selectFirst("form#group-change-form");
        assertThat(change.selectFirst("input[value=grp-rx-cho]").hasAttr("checked"))
                .isTrue();
        assertThat(change.selectFirst("input[value=grp-rx-truong]").hasAttr("checked"))
                .isFalse();
        assertThat(send(
                                admin,
                                "PUT",
                                change.attr("data-api"),
                                Map.of("name", "Loa trường Thử Nhóm", "members", List.of("grp-rx-truong")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(page(admin, "/groups")
                        .selectFirst("tr[data-group=" + code + "]")
                        .text())
                .contains("Loa trường Thử Nhóm", "Cụm grp-rx-truong")
                .doesNotContain("Cụm grp-rx-cho");

        Element delete = page(admin, "/groups?group=" + code).selectFirst("form#group-delete-form");
        assertThat(delete.attr("data-method")).isEqualTo("DELETE");
        assertThat(send(admin, "DELETE", delete.attr("data-api"), Map.of()).statusCode())
                .isEqualTo(204);
        assertThat(page(admin, "/groups").select("tr[data-group=" + code + "]")).isEmpty();
    }
}
