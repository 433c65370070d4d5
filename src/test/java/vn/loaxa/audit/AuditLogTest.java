package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;

/** Every state-changing call lands in the audit log, with who, what, before and after, secrets masked. */
@QuarkusTest
class AuditLogTest {

    @Test
    void shouldRecordChangesWithBeforeAndAfterAndMaskSecrets() {
        Fixtures.area("AUD", "COMMUNE", null);
        String secret = Fixtures.receiver("aud-rx", "AUD", List.of("vie"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", List.of("vie", "tyz")))
                .put("/api/v1/receivers/aud-rx/languages")
                .then()
                .statusCode(200);
        String rotated = asAdmin()
                .post("/api/v1/receivers/aud-rx/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("id", "aud-rx", "displayName", "again", "areaCode", "AUD", "languages", List.of("vie")))
                .post("/api/v1/receivers")
                .then()
                .statusCode(409);

        JsonPath log = asAdmin()
                .queryParam("targetType", "receivers")
                .queryParam("targetId", "aud-rx")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(log.getList("method")).containsExactly("POST", "POST", "PUT", "POST");
        assertThat(log.getList("status", Integer.class)).containsExactly(409, 200, 200, 201);
        assertThat(log.getList("actor")).containsOnly("admin");
        Map<String, Object> languages = log.getMap("[2]");
        assertThat((String) languages.get("before")).contains("\"displayName\":\"Cụm aud-rx\"");
        assertThat((String) languages.get("after")).contains("tyz");
        assertThat((String) languages.get("request")).contains("tyz");
        assertThat(log.getString("toString()"))
                .doesNotContain(secret)
                .doesNotContain(rotated)
                .contains("***");

        assertThat(asAdmin()
                        .queryParam("targetType", "areas")
                        .queryParam("targetId", "AUD")
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("method"))
                .containsExactly("POST");
        assertThat(asAdmin()
                        .queryParam("actor", "nobody")
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$"))
                .isEmpty();
    }

    @Test
    void shouldShowTheLogOnAnAdminPageWithEverythingEscaped() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "AUDX", "name", "<script>alert(1)</script>", "kind", "COMMUNE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(201);

        String page = asAdmin()
                .queryParam("targetType", "areas")
                .queryParam("targetId", "AUDX")
                .get("/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        // the request's path is shown in parts that a narrow screen may put on separate lines
        assertThat(page.replaceAll("<[^>]*>", "")).contains("POST /api/v1/areas");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void shouldOfferNoWayToChangeTheLog() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/audit")
                .then()
                .statusCode(405);
        asAdmin().delete("/api/v1/audit").then().statusCode(405);
    }
}
