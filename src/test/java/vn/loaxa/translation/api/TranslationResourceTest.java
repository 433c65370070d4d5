package vn.loaxa.translation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * Translation tasks through the API: requested from a bulletin, claimed and read by a translator of the language,
 * returned and accepted by a reviewer of the language; the accepted reading becomes the bulletin's segment. Every
 * bad request is a problem, and a translator sees nothing but its tasks.
 */
@QuarkusTest
class TranslationResourceTest {
    static final String PASSWORD = "translation-password";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private String province;
    private String commune;
    private String tay;
    private String nung;
    private String tayReviewer;
    private String nungReviewer;
    private String vieMedia;
    private String bulletin;

    @BeforeEach
    void communeWithPeopleAndABulletin() throws IOException {
        int n = SERIAL.incrementAndGet() + (int) (System.nanoTime() % 10_000);
        province = "TRP" + n;
        commune = "TRC" + n;
        Fixtures.area(province, "PROVINCE", null);
        Fixtures.area(commune, "COMMUNE", province);
        Fixtures.receiver("tr-rx-tay-" + n, commune, List.of("vie", "tyz"));
        Fixtures.receiver("tr-rx-nung-" + n, commune, List.of("vie", "nut"));
        tay = account("tay-" + n, "translator", province, List.of("tyz"));
        nung = account("nung-" + n, "translator", province, List.of("nut"));
        // the bulletin is the national admin's, so its reviewers are national editors of their languages
        tayReviewer = account("rv-tay-" + n, "editor", null, List.of("tyz"));
        nungReviewer = account("rv-nung-" + n, "editor", null, List.of("nut"));
        vieMedia = Fixtures.uploadReadyMedia(wav(2), "Thông báo tiêm chủng", "vie");
        bulletin = Fixtures.approvedBulletin("Thông báo tiêm chủng " + n, List.of(List.of(vieMedia, "vie")));
    }

    @Test
    void shouldSuggestTheLanguagesTheReceiversOfTheAreaPlayAndTheBulletinLacks() {
        List<String> codes = asAdmin()
                .get("/api/v1/bulletins/" + bulletin + "/translations/suggested?area=" + commune)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code");
        assertThat(codes).containsExactlyInAnyOrder("tyz", "nut");
        asAdmin()
                .get("/api/v1/bulletins/" + bulletin + "/translations/suggested")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        asAdmin()
                .get("/api/v1/bulletins/" + bulletin + "/translations/suggested?area=NOPE")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldTurnAnAcceptedReadingIntoTheBulletinsSegmentInThatLanguage() throws IOException {
        List<Map<String, Object>> tasks = request(asAdmin(), List.of("tyz", "nut"), Map.of())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(tasks).extracting(t -> t.get("state")).containsOnly("REQUESTED");
        String tayTask = taskOf(tasks, "tyz");
        String nungTask = taskOf(tasks, "nut");

        // the Tày translator sees its language's open task with its source, not the Nùng one
        List<String> queue = as(tay).get("/api/v1/translations")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(queue).contains(tayTask).doesNotContain(nungTask);
        JsonPath detail = as(tay).get("/api/v1/translations/" + tayTask)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(detail.getList("source.mediaId")).containsExactly(vieMedia);
        as(tay).get("/api/v1/translations/" + nungTask).then().statusCode(403);
        as(tay).get("/api/v1/media/" + vieMedia + "/audio").then().statusCode(200);

        as(tay).post("/api/v1/translations/" + tayTask + "/claim")
                .then()
                .statusCode(200)
                .body("assignee", equalTo(tay));
        as(nung).post("/api/v1/translations/" + tayTask + "/claim").then().statusCode(403);

        String reading = upload(tay, "tyz");
        String transcript = "Bản tin tiêm chủng: mỏ ké slửa pác bươn nẩy.";
        submit(tay, tayTask, reading, transcript).then().statusCode(200).body("state", equalTo("SUBMITTED"));
        submit(tay, tayTask, reading, transcript).then().statusCode(409);

        // a reviewer of another language, and the translator itself, may not review
        as(nungReviewer)
                .post("/api/v1/translations/" + tayTask + "/accept")
                .then()
                .statusCode(403);
        as(tay).post("/api/v1/translations/" + tayTask + "/accept").then().statusCode(403);
        String provincial = account("rv-prov-" + province.toLowerCase(), "editor", province, List.of("tyz"));
        as(provincial)
                .post("/api/v1/translations/" + tayTask + "/accept")
                .then()
                .statusCode(403);

        as(tayReviewer)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", " "))
                .post("/api/v1/translations/" + tayTask + "/return")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as(tayReviewer)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Đọc chậm hơn ở đoạn cuối"))
                .post("/api/v1/translations/" + tayTask + "/return")
                .then()
                .statusCode(200)
                .body("state", equalTo("RETURNED"))
                .body("returnReason", equalTo("Đọc chậm hơn ở đoạn cuối"));
        String second = upload(tay, "tyz");
        submit(tay, tayTask, second, transcript).then().statusCode(200).body("state", equalTo("SUBMITTED"));

        as(tayReviewer)
                .post("/api/v1/translations/" + tayTask + "/accept")
                .then()
                .statusCode(200)
                .body("state", equalTo("ACCEPTED"))
                .body("reviewedBy", equalTo(tayReviewer));

        JsonPath after = asAdmin()
                .get("/api/v1/bulletins/" + bulletin)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(after.getList("segments.language")).containsExactly("vie", "tyz");
        assertThat(after.getString("segments.find { it.language == 'tyz' }.mediaId"))
                .isEqualTo(second);
        assertThat(after.getString("status"))
                .as("an approved bulletin stays approved")
                .isEqualTo("APPROVED");
        List<Map<String, Object>> history = after.getList("history");
        Map<String, Object> last = history.get(history.size() - 1);
        assertThat(last).containsEntry("by", tayReviewer).containsEntry("to", "APPROVED");
        assertThat((String) last.get("reason")).contains("Tày", tay);
        List<List<String>> variants = asAdmin()
                .get("/api/v1/bulletins/" + bulletin + "/variants")
                .then()
                .statusCode(200)
                .extract()
                .path("languages");
        assertThat(variants).contains(List.of("vie", "tyz"));

        request(asAdmin(), List.of("tyz"), Map.of()).then().statusCode(409).contentType("application/problem+json");
        request(asAdmin(), List.of("nut"), Map.of()).then().statusCode(409);
    }

    @Test
    void shouldRefuseBadRequestsWithProblems() throws IOException {
        String past = OffsetDateTime.now().minusDays(1).toString();
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", List.of("tyz"), "dueAt", past))
                .post("/api/v1/bulletins/" + bulletin + "/translations")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        request(asAdmin(), List.of(), Map.of()).then().statusCode(422);
        request(asAdmin(), List.of("TYZ"), Map.of()).then().statusCode(422);
        request(asAdmin(), List.of("zzz"), Map.of()).then().statusCode(422).body("detail", containsString("zzz"));
        request(asAdmin(), List.of("vie"), Map.of()).then().statusCode(409);
        request(asAdmin(), List.of("tyz", "tyz"), Map.of()).then().statusCode(422);
        request(asAdmin(), List.of("tyz"), Map.of("tyz", tayReviewer)).then().statusCode(422);
        request(asAdmin(), List.of("tyz"), Map.of("tyz", nung)).then().statusCode(422);
        request(asAdmin(), List.of("tyz"), Map.of("nut", nung)).then().statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"languages\": [\"tyz\"]}")
                .post("/api/v1/bulletins/" + bulletin + "/translations")
                .then()
                .statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"languages\": \"tyz\", \"dueAt\": 5}")
                .post("/api/v1/bulletins/" + bulletin + "/translations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "languages",
                        List.of("tyz"),
                        "dueAt",
                        OffsetDateTime.now().plusDays(1).toString()))
                .post("/api/v1/bulletins/00000000-0000-0000-0000-000000000000/translations")
                .then()
                .statusCode(404);
        // translators, reviewers-only and supervisors do not request
        request(as(tay), List.of("tyz"), Map.of()).then().statusCode(403);
        asAdmin().get("/api/v1/translations?state=LOST").then().statusCode(422);
        asAdmin()
                .get("/api/v1/translations/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
        asAdmin().get("/api/v1/translations/not-a-uuid").then().statusCode(404);

        String task = request(asAdmin(), List.of("tyz"), Map.of("tyz", tay))
                .then()
                .statusCode(201)
                .extract()
                .path("[0].id");
        as(tayReviewer).post("/api/v1/translations/" + task + "/accept").then().statusCode(409);
        // the reading: missing fields, someone else's upload, another language, an unknown item
        as(tay).contentType(ContentType.JSON)
                .body(Map.of("transcript", "x"))
                .post("/api/v1/translations/" + task + "/reading")
                .then()
                .statusCode(422);
        submit(tay, task, vieMedia, "Bản đọc").then().statusCode(422);
        String nungUpload = upload(nung, "nut");
        submit(tay, task, nungUpload, "Bản đọc").then().statusCode(422);
        String adminTay = Fixtures.uploadReadyMedia(wav(2), "Bản đọc Tày của người khác", "tyz");
        submit(tay, task, adminTay, "Bản đọc").then().statusCode(403);
        submit(tay, task, "00000000-0000-0000-0000-000000000000", "Bản đọc")
                .then()
                .statusCode(422);
        submit(nung, task, nungUpload, "Bản đọc").then().statusCode(403);
        // a translator uploads only in its languages, and reads no library, bulletin or other media
        as(tay).multiPart("file", wav(1).toFile(), "audio/wav")
                .multiPart("title", "Nùng")
                .multiPart("language", "nut")
                .post("/api/v1/media")
                .then()
                .statusCode(403);
        as(tay).get("/api/v1/bulletins/" + bulletin).then().statusCode(403);
        as(tay).get("/api/v1/bulletins").then().statusCode(403);
        as(tay).get("/api/v1/media/" + adminTay).then().statusCode(403);
        as(tay).get("/api/v1/media/" + nungUpload + "/audio").then().statusCode(403);
        as(tay).get("/api/v1/search?q=tiem").then().statusCode(403);
        as(tay).get("/library").then().statusCode(403);

        asAdmin()
                .post("/api/v1/translations/" + task + "/cancel")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"));
        asAdmin().post("/api/v1/translations/" + task + "/cancel").then().statusCode(409);
    }

    @Test
    void shouldKeepTranslatorAccountsToTheirLanguages() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        "tr-bad-" + province.toLowerCase(),
                        "password",
                        PASSWORD,
                        "role",
                        "translator",
                        "languages",
                        List.of("qqq")))
                .post("/api/v1/accounts")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        List<String> languages = asAdmin()
                .get("/api/v1/accounts")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.username == '" + tay + "' }.languages");
        assertThat(languages).containsExactly("tyz");
    }

    private io.restassured.response.Response request(
            RequestSpecification spec, List<String> languages, Map<String, String> assignees) {
        Map<String, Object> body = new HashMap<>();
        body.put("languages", languages);
        body.put("dueAt", OffsetDateTime.now().plusDays(2).withNano(0).toString());
        body.put("assignees", assignees);
        return spec.contentType(ContentType.JSON).body(body).post("/api/v1/bulletins/" + bulletin + "/translations");
    }

    private static io.restassured.response.Response submit(String user, String task, String media, String text) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("mediaId", media, "transcript", text))
                .post("/api/v1/translations/" + task + "/reading");
    }

    private static String taskOf(List<Map<String, Object>> tasks, String language) {
        return tasks.stream()
                .filter(t -> language.equals(t.get("language")))
                .map(t -> (String) t.get("id"))
                .findFirst()
                .orElseThrow();
    }

    static String account(String username, String role, String area, List<String> languages) {
        Map<String, Object> body =
                new HashMap<>(Map.of("username", username, "password", PASSWORD, "role", role, "languages", languages));
        if (area != null) {
            body.put("areaCode", area);
        }
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        return username;
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).header("Accept-Language", "vi");
    }

    /** Uploads a tone as the translator in its language and waits until it is READY. */
    private static String upload(String user, String language) throws IOException {
        String id = as(user).multiPart("file", wav(1.5).toFile(), "audio/wav")
                .multiPart(new MultiPartSpecBuilder("Bản đọc " + language)
                        .controlName("title")
                        .mimeType("text/plain")
                        .charset(StandardCharsets.UTF_8)
                        .build())
                .multiPart("language", language)
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        return Fixtures.awaitStatus(id, "READY");
    }

    private static Path wav(double seconds) {
        try {
            return TestAudio.sineWav(Files.createTempFile("reading", ".wav"), seconds, 330, 0.3);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
