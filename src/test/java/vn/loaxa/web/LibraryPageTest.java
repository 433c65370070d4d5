package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;
import vn.loaxa.support.TestAudio;

/** The library page: a player on every item, the server's rendered variants only under their bulletins. */
@QuarkusTest
class LibraryPageTest {
    private static final Pattern ROW = Pattern.compile("<tr data-media=\"([0-9a-f-]{36})\"(.*?)</tr>", Pattern.DOTALL);

    @Test
    void shouldShowAPlayerOnEveryItemAndKeepVariantsOutOfTheMediaList() throws IOException {
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("library-page", ".wav"), 2, 698, 0.25), "Thu vien thu", "tyz");
        String bulletinId = Fixtures.approvedBulletin("Bản tin thư viện", List.of(List.of(mediaId, "tyz")));
        List<String> variantIds = asAdmin()
                .get("/api/v1/bulletins/" + bulletinId + "/variants")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("mediaId");
        assertThat(variantIds).isNotEmpty();
        CookieFilter session = login();

        String page = given().filter(session)
                .get("/library")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        List<String> listed = new ArrayList<>();
        Matcher rows = ROW.matcher(page);
        while (rows.find()) {
            listed.add(rows.group(1));
            String row = rows.group(2);
            if (row.contains("data-status=\"READY\"")) {
                assertThat(row).as("row of " + rows.group(1)).contains("<audio controls");
            }
        }
        assertThat(listed).contains(mediaId).doesNotContainAnyElementsOf(variantIds);
        assertThat(page)
                .as("languages by name, and a segment's language follows its file")
                .contains("<option value=\"tyz\"", "Tiếng Tày", "data-language=\"tyz\">Thu vien thu (Tiếng Tày)")
                .doesNotContain("pattern=\"[a-z]{3}\"")
                .contains("accept=\"audio/*,");

        given().filter(session)
                .get("/library/bulletins/" + bulletinId + "/variants")
                .then()
                .statusCode(200)
                .body(containsString("<audio controls"), containsString("Tiếng Tày"));
        given().filter(session)
                .get("/library/media")
                .then()
                .statusCode(200)
                .body(containsString("data-media=\"" + mediaId + "\""), not(containsString(variantIds.get(0))));
    }

    @Test
    void shouldSayWhyAnUploadFailedInThePagesLanguage() throws IOException {
        String id = asAdmin()
                .multiPart(
                        "file",
                        TestAudio.sineWav(Files.createTempFile("too-short", ".wav"), 0.5, 440, 0.2)
                                .toFile())
                .multiPart("title", "Thông báo quá ngắn")
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Fixtures.awaitStatus(id, "FAILED");
        CookieFilter session = login();

        String vietnamese = given().filter(session)
                .get("/library/media")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String english = given().filter(session)
                .cookie(Ui.LANG_COOKIE, "en")
                .get("/library/media")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(row(vietnamese, id))
                .contains("Không dùng được tệp âm thanh này: âm thanh chỉ dài 0,49 giây")
                .doesNotContain("Cannot use");
        assertThat(row(english, id)).contains("Cannot use this audio file: the audio is 0.49 s long");
    }

    private static String row(String page, String mediaId) {
        Matcher rows = ROW.matcher(page);
        while (rows.find()) {
            if (rows.group(1).equals(mediaId)) {
                return rows.group(2);
            }
        }
        throw new AssertionError("no row for " + mediaId);
    }

    private static CookieFilter login() {
        return FormLogin.asAdmin();
    }
}
