package vn.loaxa.language.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;

@QuarkusTest
class LanguageResourceTest {

    @Test
    void shouldSeedTheCatalogueWithVietnameseAndEnglishNames() {
        asAdmin()
                .get("/api/v1/languages")
                .then()
                .statusCode(200)
                .body("code", hasItems("vie", "tyz", "nut", "ium", "mji", "hmn", "hnj", "mww", "mlc"))
                .body("find { it.code == 'tyz' }.nameVi", equalTo("Tiếng Tày"))
                .body("find { it.code == 'tyz' }.nameEn", equalTo("Tày"));
    }

    @Test
    void shouldLetAnAdminAddALanguageOnce() {
        Map<String, String> bouyei =
                Map.of("code", "pcc", "nameVi", "Tiếng Bố Y", "nameEn", "Bouyei", "dialectNote", "Hà Giang, Lào Cai");

        asAdmin()
                .contentType(ContentType.JSON)
                .body(bouyei)
                .post("/api/v1/languages")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/languages/pcc"));
        asAdmin()
                .get("/api/v1/languages")
                .then()
                .body("find { it.code == 'pcc' }.dialectNote", equalTo("Hà Giang, Lào Cai"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(bouyei)
                .post("/api/v1/languages")
                .then()
                .statusCode(409);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "Tay", "nameVi", "x", "nameEn", "x"))
                .post("/api/v1/languages")
                .then()
                .statusCode(422);
    }

    @Test
    void shouldLetAReceiverInheritItsCommunesProfileUnlessItOverridesIt() {
        Fixtures.area("LANG-P", "PROVINCE", null);
        Fixtures.area("LANG-C", "COMMUNE", "LANG-P");
        Fixtures.area("LANG-V", "VILLAGE", "LANG-C");
        Fixtures.receiver("lang-rx-inherits", "LANG-V", List.of());
        Fixtures.receiver("lang-rx-own", "LANG-V", List.of("nut"));

        asAdmin()
                .get("/api/v1/receivers/lang-rx-inherits/languages")
                .then()
                .statusCode(200)
                .body("languages", contains("vie"));
        putProfile("/api/v1/areas/LANG-P/languages", List.of("vie"));
        putProfile("/api/v1/areas/LANG-C/languages", List.of("tyz", "vie"));

        asAdmin()
                .get("/api/v1/receivers/lang-rx-inherits/languages")
                .then()
                .statusCode(200)
                .body("languages", contains("tyz", "vie"))
                .body("inheritedFrom", equalTo("LANG-C"));
        asAdmin()
                .get("/api/v1/receivers/lang-rx-own/languages")
                .then()
                .statusCode(200)
                .body("languages", contains("nut"))
                .body("inheritedFrom", nullValue());

        putProfile("/api/v1/receivers/lang-rx-own/languages", List.of());
        asAdmin().get("/api/v1/receivers/lang-rx-own/languages").then().body("inheritedFrom", equalTo("LANG-C"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", List.of("xxx")))
                .put("/api/v1/areas/LANG-C/languages")
                .then()
                .statusCode(422);
    }

    private static void putProfile(String path, List<String> languages) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", languages))
                .put(path)
                .then()
                .statusCode(200);
    }
}
