package vn.loaxa.glossary.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;

/**
 * The glossary over HTTP, with short Tày samples: "nặm" (nước), "phja" (núi), "lồm" (gió), "bjoóc" (hoa), "slấc"
 * (giặc), "khẩu" (gạo), "slư" (chữ), "pác" (miệng), and the sentence "Vằn nẩy phân lai, nặm thuổm nà" (hôm nay mưa
 * nhiều, nước ngập ruộng).
 */
@QuarkusTest
class GlossaryResourceTest {
    private static final String PASSWORD = "a-long-enough-password";

    @Test
    void shouldCreateReadUpdateAndDeleteAnEntry() {
        String id = create(" nước ", Map.of("tyz", "nặm", "nut", "nặm"), "y-te", "Nước uống.");
        asAdmin()
                .get("/api/v1/glossary/" + id)
                .then()
                .statusCode(200)
                .body("vie", equalTo("nước"))
                .body("terms.tyz", equalTo("nặm"))
                .body("domain", equalTo("y-te"))
                .body("updatedBy", equalTo("admin"));
        post(entry("nước", Map.of("tyz", "nặm"), "Y tế", null)).then().statusCode(409);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(entry("nước", Map.of("tyz", "nặm", "mlc", "nam"), "Nông nghiệp", "Nước tưới ruộng."))
                .put("/api/v1/glossary/" + id)
                .then()
                .statusCode(200)
                .body("terms.mlc", equalTo("nam"))
                .body("terms.nut", equalTo(null))
                .body("domain", equalTo("nong-nghiep"));

        asAdmin().delete("/api/v1/glossary/" + id).then().statusCode(204);
        asAdmin().get("/api/v1/glossary/" + id).then().statusCode(404);
        asAdmin().delete("/api/v1/glossary/" + id).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnEntryThatCannotBeStored() {
        post(entry("gió", Map.of("xxx", "lồm"), null, null))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("terms"));
        post(entry("gió", Map.of("vie", "gió"), null, null)).then().statusCode(422);
        post(entry("gió", Map.of("tyz", "lồm"), "thời tiết", null))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("domain"));
        post(entry(" – ", Map.of("tyz", "lồm"), null, null))
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("vie"));
        post(entry("gió", Map.of("tyz", "l".repeat(201)), null, null)).then().statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"vie\": \"gió\", \"terms\": [\"lồm\"]}")
                .post("/api/v1/glossary")
                .then()
                .statusCode(400);
        asAdmin().get("/api/v1/glossary/not-a-uuid").then().statusCode(404);
        asAdmin().get("/api/v1/glossary?language=xxx").then().statusCode(422);
    }

    @Test
    void shouldFindTayTermsWithoutDiacritics() {
        String enemy = create("giặc", Map.of("tyz", "slấc"), "an-ninh-quoc-phong", null);
        String water = create("nước", Map.of("tyz", "nặm"), "chung", null);
        String flower = create("hoa", Map.of("tyz", "bjoóc", "nut", "bjoóc"), "van-hoa", null);
        String south = create("phía nam", Map.of(), "chung", null);

        assertThat(ids("/api/v1/glossary?q=slac")).containsExactly(enemy);
        assertThat(ids("/api/v1/glossary?q=SLẤC")).containsExactly(enemy);
        assertThat(ids("/api/v1/glossary?q=nam")).contains(water, south);
        assertThat(ids("/api/v1/glossary?q=nam&language=tyz")).contains(water).doesNotContain(south);
        assertThat(ids("/api/v1/glossary?q=nuoc&language=tyz")).contains(water);
        assertThat(ids("/api/v1/glossary?q=bjooc&language=nut")).containsExactly(flower);
        assertThat(ids("/api/v1/glossary?q=bjooc&domain=y-te")).isEmpty();
        assertThat(ids("/api/v1/glossary?q=giac&domain=An ninh – quốc phòng")).containsExactly(enemy);
        // a Tày vowel with a breve over a horned letter, written as combining marks
        String wind = create("gió to", Map.of("tyz", "lơ\u0306m slung"), "thien-tai-khan-cap", null);
        assertThat(ids("/api/v1/glossary?q=lom slung")).containsExactly(wind);
    }

    @Test
    void shouldFindTheTermsOfASourceText() {
        String flood = create("lũ quét", Map.of("tyz", "nặm thuổm"), "thien-tai-khan-cap", null);
        String landslide = create("sạt lở đất", Map.of("tyz", "đin lể"), "thien-tai-khan-cap", null);
        String rain = create("mưa", Map.of("tyz", "phân"), "thien-tai-khan-cap", null);
        create("lũ", Map.of(), "thien-tai-khan-cap", null);
        create("cá", Map.of("tyz", "pja"), "nong-nghiep", null);
        String text = "Đêm nay MƯA lớn, bà con đề phòng lũ quét và sạt lở đất; không bắt ca đêm ở suối.";

        Response matches =
                asAdmin().queryParam("text", text).queryParam("language", "tyz").get("/api/v1/glossary/matches");
        matches.then().statusCode(200);
        assertThat(matches.jsonPath().getList("vie", String.class))
                .containsExactly("mưa", "lũ quét", "lũ", "sạt lở đất", "cá");
        assertThat(matches.jsonPath().getList("id", String.class))
                .startsWith(rain, flood)
                .contains(landslide);
        assertThat(matches.jsonPath().getList("term", String.class))
                .containsExactly("phân", "nặm thuổm", null, "đin lể", "pja");
        assertThat(matches.jsonPath().getList("exact", Boolean.class)).containsExactly(true, true, true, true, false);

        String longText = "Thông báo. ".repeat(5000) + "Phòng chống lu quet.";
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("text", longText, "language", "tyz"))
                .post("/api/v1/glossary/matches")
                .then()
                .statusCode(200)
                .body("vie", equalTo(List.of("lũ quét", "lũ")))
                .body("[0].exact", equalTo(false));
        asAdmin()
                .queryParam("text", "x".repeat(GlossaryLimits.MAX_QUERY_TEXT + 1))
                .get("/api/v1/glossary/matches")
                .then()
                .statusCode(422);
        asAdmin()
                .queryParam("text", "…!")
                .get("/api/v1/glossary/matches")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void shouldRoundTripTheGlossaryThroughCsv() {
        create("chữ", Map.of("tyz", "slư", "nut", "slư"), "giao-duc", "Chữ viết; \"slư\" cũng là thư.");
        create("miệng", Map.of("tyz", "pác"), "y-te", "Dòng một,\nDòng hai");
        create("gạo", Map.of("tyz", "khẩu", "mlc", "lơ\u0306m"), "nong-nghiep", null);
        create("núi", Map.of("tyz", "phja"), "chung", "  ");

        byte[] first = exportCsv();
        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFvie,").contains("\r\n").contains("\"Chữ viết; \"\"slư\"\" cũng là thư.\"");
        assertThat(text.lines().findFirst().orElseThrow()).endsWith(",domain,note");

        List<String> all = ids("/api/v1/glossary?limit=1000");
        for (String id : all) {
            asAdmin().delete("/api/v1/glossary/" + id).then().statusCode(204);
        }
        assertThat(ids("/api/v1/glossary")).isEmpty();
        importCsv(first)
                .then()
                .statusCode(200)
                .body("created", equalTo(all.size()))
                .body("updated", equalTo(0));

        assertThat(exportCsv()).isEqualTo(first);
        // a second import of the same file changes nothing
        importCsv(first).then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(all.size()));
        assertThat(exportCsv()).isEqualTo(first);
    }

    @Test
    void shouldStoreNothingOfAFileWithABadRow() {
        String good = "vie,tyz,domain,note\r\nlửa,phầy,thien-tai-khan-cap,\r\n";
        importCsv(good + "khói,khói,chung,một,thừa\r\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 3"))
                .body("detail", containsString("3"));
        importCsv(good + "khói,\"khói,chung,\r\n").then().statusCode(400).body("errors[0].field", equalTo("line 3"));
        importCsv(good + "khói,khói,thời tiết,\r\n,phầy,chung,\r\n")
                .then()
                .statusCode(422)
                .body("errors.field", equalTo(List.of("line 3", "line 4")))
                .body("errors[0].message", containsString("domain: "));
        importCsv(good + "lửa,phầy,thien-tai-khan-cap,lặp\r\n")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("line 3"));
        importCsv("vie,tày,domain\r\nlửa,phầy,chung\r\n")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("line 1"));
        importCsv("tyz,domain\r\nphầy,chung\r\n").then().statusCode(400).body("errors[0].field", equalTo("line 1"));
        importCsv("").then().statusCode(400);
        // a file saved in a legacy code page, sent as UTF-8
        importCsv("vie,tyz\r\nc\u00E1,pja\r\n".getBytes(StandardCharsets.ISO_8859_1))
                .then()
                .statusCode(400);
        assertThat(ids("/api/v1/glossary?q=lua")).isEmpty();

        importCsv(good).then().statusCode(200).body("created", equalTo(1));
        assertThat(ids("/api/v1/glossary?q=phay&language=tyz")).hasSize(1);
    }

    @Test
    void shouldLetEveryPersonReadButOnlyAuthorsWrite() {
        Fixtures.area("GLS", "PROVINCE", null);
        account("gls.supervisor", "supervisor");
        account("gls.provider", "provider");
        String id = create("hoa mai", Map.of("tyz", "bjoóc mai"), "van-hoa", null);

        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .get("/api/v1/glossary?q=bjooc")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .queryParam("text", "hoa mai nở")
                .get("/api/v1/glossary/matches")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .get("/api/v1/glossary/export")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .contentType(ContentType.JSON)
                .body(entry("hoa đào", Map.of(), null, null))
                .post("/api/v1/glossary")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .contentType(ContentType.JSON)
                .body(entry("hoa mai", Map.of(), null, null))
                .put("/api/v1/glossary/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .delete("/api/v1/glossary/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("gls.supervisor", PASSWORD)
                .contentType("text/csv; charset=UTF-8")
                .body("vie\r\nhoa đào\r\n")
                .post("/api/v1/glossary/import")
                .then()
                .statusCode(403);
        given().get("/api/v1/glossary").then().statusCode(401);

        given().auth()
                .preemptive()
                .basic("gls.provider", PASSWORD)
                .contentType(ContentType.JSON)
                .body(entry("hoa đào", Map.of("tyz", "bjoóc đào"), "van-hoa", null))
                .post("/api/v1/glossary")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/glossary/"))
                .body("updatedBy", equalTo("gls.provider"));
    }

    private static void account(String username, String role) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role, "areaCode", "GLS"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    private static Map<String, Object> entry(String vie, Map<String, String> terms, String domain, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("vie", vie);
        body.put("terms", terms);
        body.put("domain", domain);
        body.put("note", note);
        return body;
    }

    private static Response post(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/glossary");
    }

    private static String create(String vie, Map<String, String> terms, String domain, String note) {
        Response created = post(entry(vie, terms, domain, note));
        created.then().statusCode(201);
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/glossary/" + id);
        return id;
    }

    private static List<String> ids(String path) {
        Response response = asAdmin().get(path);
        response.then().statusCode(200);
        return response.jsonPath().getList("id", String.class);
    }

    private static byte[] exportCsv() {
        return asAdmin()
                .get("/api/v1/glossary/export")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract()
                .asByteArray();
    }

    private static Response importCsv(String csv) {
        return importCsv(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static Response importCsv(byte[] csv) {
        return asAdmin().contentType("text/csv; charset=UTF-8").body(csv).post("/api/v1/glossary/import");
    }
}
