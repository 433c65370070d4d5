package vn.loaxa.area.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AreaResourceTest {

    @Test
    void shouldBuildATreeOfAnyDepth() {
        create("T1", "Tỉnh Thử", "PROVINCE", null);
        create("T1-C", "Xã Thử", "COMMUNE", "T1");
        create("T1-C-V", "Thôn Thử", "VILLAGE", "T1-C");

        asAdmin().get("/api/v1/areas").then()
                .statusCode(200)
                .body("find { it.code == 'T1' }.children[0].code", equalTo("T1-C"))
                .body("find { it.code == 'T1' }.children[0].children[0].name", equalTo("Thôn Thử"));
    }

    @Test
    void shouldRejectADuplicateCodeWithConflict() {
        create("DUP1", "Tỉnh A", "PROVINCE", null);

        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("code", "DUP1", "name", "again", "kind", "PROVINCE"))
                .post("/api/v1/areas").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("DUP1"));
    }

    @Test
    void shouldRejectAnUnknownParent() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("code", "ORPHAN", "name", "Xã mồ côi", "kind", "COMMUNE", "parentCode", "NOPE"))
                .post("/api/v1/areas").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("NOPE"));
    }

    @Test
    void shouldExplainInvalidFields() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("code", "../x", "name", "", "kind", "PROVINCE"))
                .post("/api/v1/areas").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void shouldRejectAnUnknownKindAsMalformed() {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"code\":\"K1\",\"name\":\"x\",\"kind\":\"GALAXY\"}")
                .post("/api/v1/areas").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRequireALogin() {
        given().get("/api/v1/areas").then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .contentType("application/problem+json")
                .body("title", equalTo("Login required"));
    }

    @Test
    void shouldRejectAWrongPassword() {
        given().auth().preemptive().basic("admin", "wrong").get("/api/v1/areas").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    static void create(String code, String name, String kind, String parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/areas").then().statusCode(201);
    }
}
