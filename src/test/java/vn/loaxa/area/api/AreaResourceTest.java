package vn.loaxa.area.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.loaxa.support.EnglishErrors;

@ExtendWith(EnglishErrors.class)
@QuarkusTest
class AreaResourceTest {

    @Test
    void shouldBuildATreeOfAnyDepth() {
        create("T1", "Tỉnh Thử", "PROVINCE", null);
        create("T1-C", "Xã Thử", "COMMUNE", "T1");
        create("T1-C-V", "Thôn Thử", "VILLAGE", "T1-C");

        asAdmin()
                .get("/api/v1/areas")
                .then()
                .statusCode(200)
                .body("find { it.code == 'T1' }.children[0].code", equalTo("T1-C"))
                .body("find { it.code == 'T1' }.children[0].children[0].name", equalTo("Thôn Thử"));
    }

    @Test
    void shouldRejectADuplicateCodeWithConflict() {
        create("DUP1", "Tỉnh A", "PROVINCE", null);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "DUP1", "name", "again", "kind", "PROVINCE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("DUP1"));
    }

    @Test
    void shouldRejectAnUnknownParent() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "ORPHAN", "name", "Xã mồ côi", "kind", "COMMUNE", "parentCode", "NOPE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("NOPE"));
    }

    @Test
    void shouldExplainInvalidFields() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "../x", "name", "", "kind", "PROVINCE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void shouldRejectAnUnknownKindAsMalformed() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"code\":\"K1\",\"name\":\"x\",\"kind\":\"GALAXY\"}")
                .post("/api/v1/areas")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRequireALogin() {
        given().get("/api/v1/areas")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .contentType("application/problem+json")
                .body("title", equalTo("Login required"));
    }

    @Test
    void shouldRejectAWrongPassword() {
        given().auth()
                .preemptive()
                .basic("admin", "wrong")
                .get("/api/v1/areas")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void shouldKeepACheckedOutlineAndRefuseABrokenOneWithoutLosingTheStoredOne() {
        create("OUT-P", "Tỉnh có đường biên", "PROVINCE", null);
        create("OUT-C", "Xã có đường biên", "COMMUNE", "OUT-P");
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[106.4,22.2],[106.5,22.2],[106.5,22.3],"
                + "[106.4,22.3],[106.4,22.2]]]}";
        asAdmin().get("/api/v1/areas/OUT-C/outline").then().statusCode(404).contentType("application/problem+json");

        asAdmin()
                .contentType("application/geo+json")
                .body("{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + square + "}")
                .put("/api/v1/areas/OUT-C/outline")
                .then()
                .statusCode(200)
                .body(equalTo(square));
        asAdmin().get("/api/v1/areas/OUT-C/outline").then().statusCode(200).body(equalTo(square));

        for (String broken : new String[] {
            "{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,2]]]}",
            "{\"type\":\"Point\",\"coordinates\":[1,1]}",
            "{not json",
            "[]"
        }) {
            asAdmin()
                    .contentType(ContentType.JSON)
                    .body(broken)
                    .put("/api/v1/areas/OUT-C/outline")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors[0].field", notNullValue());
        }
        asAdmin().get("/api/v1/areas/OUT-C/outline").then().statusCode(200).body(equalTo(square));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(square)
                .put("/api/v1/areas/NO-SUCH/outline")
                .then()
                .statusCode(404);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        "out-operator",
                        "password",
                        "out-operator-password",
                        "role",
                        "operator",
                        "areaCode",
                        "OUT-P"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        given().auth()
                .preemptive()
                .basic("out-operator", "out-operator-password")
                .get("/api/v1/areas/OUT-C/outline")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("out-operator", "out-operator-password")
                .contentType(ContentType.JSON)
                .body(square)
                .put("/api/v1/areas/OUT-C/outline")
                .then()
                .statusCode(403);

        asAdmin().delete("/api/v1/areas/OUT-C/outline").then().statusCode(204);
        asAdmin().get("/api/v1/areas/OUT-C/outline").then().statusCode(404);
    }

    static void create(String code, String name, String kind, String parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
    }
}
