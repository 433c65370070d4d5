package vn.loaxa.schedule.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** A bulletin lacking a language its communes require is refused, unless an override with a reason is audited. */
@QuarkusTest
class RequiredLanguageScheduleTest {
    private static String vietnameseOnly;
    private static String bilingual;
    private static boolean seeded;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        Fixtures.area("RLS-P", "Tỉnh Thử", "PROVINCE", null);
        Fixtures.area("RLS-C", "Xã Nà Ản", "COMMUNE", "RLS-P");
        Fixtures.area("RLS-V", "Thôn Bản Chu", "VILLAGE", "RLS-C");
        Fixtures.area("RLS-FREE", "Xã Không Yêu Cầu", "COMMUNE", null);
        Fixtures.receiver("rls-rx-1", "RLS-V", List.of("vie", "tyz"));
        Fixtures.receiver("rls-rx-free", "RLS-FREE", List.of("vie"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", List.of("tyz")))
                .put("/api/v1/areas/RLS-P/languages/required")
                .then()
                .statusCode(200);
        String vie = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("rls-vie", ".wav"), 1.5, 440, 0.2), "Tin tiếng Việt", "vie");
        String tay = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("rls-tyz", ".wav"), 1.5, 660, 0.2), "Slấc khẩu nặm", "tyz");
        vietnameseOnly = Fixtures.approvedBulletin("Tin chỉ tiếng Việt", List.of(List.of(vie, "vie")));
        bilingual = Fixtures.approvedBulletin("Tin song ngữ", List.of(List.of(vie, "vie"), List.of(tay, "tyz")));
    }

    @Test
    void shouldWarnByNameOfTheLanguagesAndCommunesWhenARequiredLanguageIsMissing() {
        schedule(vietnameseOnly, List.of("RLS-P"), null)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/missing-required-language"))
                .body("detail", containsString("Tiếng Tày"))
                .body("detail", containsString("Xã Nà Ản"))
                .body("conflicts", hasItem("Tiếng Tày: Xã Nà Ản"));
        asAdmin()
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(request(vietnameseOnly, List.of("RLS-C"), null))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(409)
                .body("detail", containsString("Tày"))
                .body("detail", containsString("anyway"));
    }

    @Test
    void shouldScheduleWithAnOverrideAndAuditItsReason() {
        String id = schedule(vietnameseOnly, List.of("RLS-P"), Map.of("reason", "Bão đến gấp, chưa kịp dịch"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        JsonPath audit = asAdmin()
                .get("/api/v1/audit?targetType=missing-language-override&targetId=" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(audit.getList("$")).hasSize(1);
        JsonPath what = new JsonPath(audit.getString("[0].request"));
        assertThat(what.getString("broadcast")).isEqualTo(id);
        assertThat(what.getString("bulletinTitle")).isEqualTo("Tin chỉ tiếng Việt");
        assertThat(what.getString("missingLanguages.tyz.name")).isEqualTo("Tiếng Tày");
        assertThat(what.getList("missingLanguages.tyz.communes")).containsExactly("Xã Nà Ản");
        assertThat(what.getString("reason")).isEqualTo("Bão đến gấp, chưa kịp dịch");
    }

    @Test
    void shouldRefuseAnOverrideWithoutAReason() {
        for (String blank : List.of("", "   ")) {
            schedule(vietnameseOnly, List.of("RLS-P"), Map.of("reason", blank))
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("missingLanguageOverride.reason"));
        }
        schedule(vietnameseOnly, List.of("RLS-P"), Map.of())
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void shouldScheduleWithoutWarningWhereNothingIsMissing() {
        schedule(bilingual, List.of("RLS-P"), null).then().statusCode(201);
        schedule(vietnameseOnly, List.of("RLS-FREE"), null).then().statusCode(201);
    }

    @Test
    void shouldApplyAScheduleFileEntryLackingARequiredLanguageOnlyWithItsReason() {
        String entry = "broadcasts:\n"
                + "  - key: rls-file-entry\n"
                + "    bulletinId: " + vietnameseOnly + "\n"
                + "    targets:\n"
                + "      areas: [\"RLS-P\"]\n"
                + "    start: " + java.time.LocalDate.now().plusDays(3) + "T06:30\n"
                + "    allowOverlap: true\n";
        applyFile(entry).statusCode(422).body(containsString("Tày"));
        applyFile(entry + "    missingLanguageReason: \"  \"\n").statusCode(422);

        String id = applyFile(entry + "    missingLanguageReason: Chưa có người đọc tiếng Tày\n")
                .statusCode(200)
                .extract()
                .path("steps[0].broadcastId");
        asAdmin()
                .get("/api/v1/audit?targetType=missing-language-override&targetId=" + id)
                .then()
                .statusCode(200)
                .body("[0].request", containsString("Chưa có người đọc tiếng Tày"));
    }

    private static io.restassured.response.ValidatableResponse applyFile(String content) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("files", List.of(Map.of("name", "rls.yaml", "content", content))))
                .post("/api/v1/schedules/apply")
                .then();
    }

    private static Response schedule(String bulletin, List<String> areas, Map<String, String> override) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(request(bulletin, areas, override))
                .post("/api/v1/broadcasts");
    }

    private static Map<String, Object> request(String bulletin, List<String> areas, Map<String, String> override) {
        Map<String, Object> body = new HashMap<>();
        body.put("bulletinId", bulletin);
        body.put("startAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).toString());
        body.put("targets", Map.of("areas", areas));
        body.put("allowOverlap", true);
        if (override != null) {
            body.put("missingLanguageOverride", override);
        }
        return body;
    }
}
