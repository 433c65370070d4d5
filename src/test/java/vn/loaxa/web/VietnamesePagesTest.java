package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;
import vn.loaxa.support.TestAudio;

/**
 * Every page an administrator can open, rendered in Vietnamese (the default), shows no English word of a small
 * deny-list, neither in its text nor in the attributes a person reads or hears (labels, titles, placeholders,
 * confirmations, the texts the page's script shows). Addresses and machine values (codes in {@code data-*}) are not
 * words of the page. Error pages included.
 */
@QuarkusTest
class VietnamesePagesTest {
    /** English words that a Vietnamese page must not show; whole words, in any case. */
    static final List<String> DENIED = List.of(
            "Error",
            "Not found",
            "Forbidden",
            "Submit",
            "Delete",
            "Cancel",
            "Save",
            "Loading",
            "Invalid",
            "Required",
            "Conflict",
            "Unknown",
            "Internal Server Error",
            "does not exist");

    private static final Pattern HIDDEN =
            Pattern.compile("<(script|style)\\b[^>]*>.*?</\\1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    /**
     * Text that the page marks {@code translate="no"}: what receivers, FFmpeg or HTTP clients wrote (a failure
     * reason, a request's method and path), shown as it came.
     */
    private static final Pattern MACHINE_TEXT =
            Pattern.compile("<(\\w+)\\b[^>]*\\btranslate=\"no\"[^>]*>.*?</\\1>", Pattern.DOTALL);
    /** Attributes read out or shown: labels, titles, placeholders, confirmations. */
    private static final Pattern READ_ATTRIBUTE = Pattern.compile(
            "\\s(?:title|aria-label|placeholder|alt|data-confirm|data-empty)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    /** The texts that the page's script shows, kept in the data attributes of one hidden element. */
    private static final Pattern SCRIPT_TEXTS = Pattern.compile("<div id=\"ui-text\"[^>]*>", Pattern.DOTALL);

    private static final Pattern DATA_ATTRIBUTE = Pattern.compile("\\sdata-[a-z-]+=\"([^\"]*)\"");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    /** Addresses (a path such as /api/v1/bulletins/…/submit) are not words of the page. */
    private static final Pattern ADDRESS = Pattern.compile("\\S*/\\S*");

    /** The denied words found in what a person reads of {@code html}. */
    static List<String> englishIn(String html) {
        String visible =
                MACHINE_TEXT.matcher(HIDDEN.matcher(html).replaceAll(" ")).replaceAll(" ");
        StringBuilder read = new StringBuilder();
        Matcher attribute = READ_ATTRIBUTE.matcher(visible);
        while (attribute.find()) {
            read.append(' ').append(attribute.group(1));
        }
        Matcher scriptTexts = SCRIPT_TEXTS.matcher(visible);
        while (scriptTexts.find()) {
            Matcher data = DATA_ATTRIBUTE.matcher(scriptTexts.group());
            while (data.find()) {
                read.append(' ').append(data.group(1));
            }
        }
        read.append(' ').append(TAG.matcher(visible).replaceAll(" "));
        String text = ADDRESS.matcher(read.toString().replace("&nbsp;", " "))
                .replaceAll(" ")
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String word : DENIED) {
            if (Pattern.compile("\\b" + Pattern.quote(word.toLowerCase(Locale.ROOT)) + "\\b")
                    .matcher(text)
                    .find()) {
                found.add(word);
            }
        }
        return found;
    }

    private static CookieFilter login() {
        return FormLogin.asAdmin();
    }

    @Test
    void shouldFindTheDeniedWordsWhereAPersonReadsThem() {
        assertThat(englishIn("<p>Không tìm thấy</p><button title=\"Delete\">Xoá</button>"))
                .containsExactly("Delete");
        assertThat(englishIn("<div id=\"ui-text\" hidden data-error=\"Request failed: Error\"></div>"))
                .containsExactly("Error");
        assertThat(englishIn("<form data-kind=\"cancel\" data-confirm=\"Cancel it?\"><td>POST /api/v1/x/submit</td>"))
                .containsExactly("Cancel");
        assertThat(englishIn("<h1>Not   found</h1>")).containsExactly("Not found");
        assertThat(englishIn("<li>lỗi – <span translate=\"no\">Error: Invalid data</span></li><p>Save</p>"))
                .containsExactly("Save");
        assertThat(englishIn(
                        "<script>const cancel = 'Cancel';</script><p class=\"error-detail\" id=\"cancel-x\">Huỷ</p>"))
                .isEmpty();
    }

    @Test
    void shouldShowNoEnglishOnAnyPageInVietnamese() throws Exception {
        Fixtures.area("VNP", "COMMUNE", null);
        Fixtures.receiver("vnp-rx-1", "VNP", List.of("vie"));
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("vi-pages", ".wav"), 2, 440, 0.3), "Bản tin thử", "vie");
        String bulletin = Fixtures.bulletin(media, "NORMAL");
        OffsetDateTime startAt = OffsetDateTime.now().plusHours(3);
        String broadcast = Fixtures.broadcast(bulletin, List.of("VNP"), List.of(), startAt);
        String glossaryEntry = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("vie", "nước lũ", "terms", Map.of("tyz", "nặm thuổm"), "domain", "thien-tai-khan-cap"))
                .post("/api/v1/glossary")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String task = vn.loaxa.support.Api.asAdmin()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of(
                        "languages",
                        List.of("tyz"),
                        "dueAt",
                        startAt.plusDays(1).toString()))
                .post("/api/v1/bulletins/" + bulletin + "/translations")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].id");
        CookieFilter session = login();

        Map<String, Integer> pages = new LinkedHashMap<>();
        pages.put("/", 200);
        pages.put("/fragments/today", 200);
        pages.put("/map", 200);
        pages.put("/library", 200);
        pages.put("/translations", 200);
        pages.put("/translations/" + task, 200);
        pages.put("/translations/request?bulletin=" + bulletin, 200);
        pages.put("/schedule", 200);
        pages.put("/live", 200);
        pages.put("/schedule?week=" + startAt.atZoneSameInstant(Ui.ZONE).toLocalDate(), 200);
        pages.put("/reports", 200);
        pages.put("/reports?from=yesterday&to=2026-01-01", 200);
        pages.put("/audit", 200);
        pages.put("/accounts", 200);
        pages.put("/accounts?account=admin", 200);
        pages.put("/receivers", 200);
        pages.put("/receivers?receiver=vnp-rx-1", 200);
        pages.put("/groups", 200);
        pages.put("/glossary", 200);
        pages.put("/glossary?q=nam&language=tyz&domain=thien-tai-khan-cap", 200);
        pages.put("/glossary?entry=" + glossaryEntry, 200);
        pages.put("/areas", 200);
        pages.put("/areas?area=VNP", 200);
        pages.put("/receivers/vnp-rx-1", 200);
        pages.put("/broadcasts/" + broadcast, 200);
        pages.put("/receivers/no-such-receiver", 404);
        pages.put("/no-such-page", 404);

        Map<String, List<String>> english = new LinkedHashMap<>();
        pages.forEach((path, status) -> {
            Response page = given().filter(session).accept("text/html").get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(status);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            List<String> found = englishIn(page.asString());
            if (!found.isEmpty()) {
                english.put(path, found);
            }
        });
        assertThat(english).as("English words on Vietnamese pages").isEmpty();
    }
}
