package vn.loaxa.language.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;

@QuarkusTest
class RequiredLanguagesResourceTest {

    @Test
    void shouldLetAProvinceRequireTayInEachOfItsCommunes() {
        Fixtures.area("REQ-P", "PROVINCE", null);
        Fixtures.area("REQ-C", "COMMUNE", "REQ-P");

        asAdmin()
                .get("/api/v1/areas/REQ-C/languages/required")
                .then()
                .statusCode(200)
                .body("languages", empty())
                .body("inherited", empty());
        put("REQ-P", List.of("tyz")).then().statusCode(200).body("languages", contains("tyz"));
        put("REQ-C", List.of("nut", "vie")).then().statusCode(200);

        asAdmin()
                .get("/api/v1/areas/REQ-C/languages/required")
                .then()
                .statusCode(200)
                .body("languages", contains("nut", "vie"))
                .body("inherited", contains("tyz"));
        put("REQ-C", List.of()).then().statusCode(200).body("languages", empty());
    }

    @Test
    void shouldRefuseCodesOutsideTheCatalogueWithAProblem() {
        Fixtures.area("REQ-BAD", "COMMUNE", null);

        put("REQ-BAD", List.of("xyz"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("xyz"));
        put("REQ-BAD", List.of("Tày")).then().statusCode(422).contentType("application/problem+json");
        put("REQ-BAD", List.of("tyz", "tyz")).then().statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"languages\": \"tyz\"}")
                .put("/api/v1/areas/REQ-BAD/languages/required")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        put("NO-SUCH-AREA", List.of("tyz")).then().statusCode(404);
        asAdmin()
                .get("/api/v1/areas/REQ-BAD/languages/required")
                .then()
                .statusCode(200)
                .body("languages", empty());
    }

    private static io.restassured.response.Response put(String area, List<String> languages) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", languages))
                .put("/api/v1/areas/" + area + "/languages/required");
    }
}
