package vn.loaxa.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API tokens for scripts: shown once, usable as Bearer, revocable at once, never stored in clear. */
@QuarkusTest
class ApiTokenTest {

    @Test
    void shouldCreateUseListAndRevokeAToken() {
        var created = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "nightly report export"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String token = created.getString("token");
        String id = created.getString("id");
        assertThat(token).startsWith("lxa_").hasSizeGreaterThan(30);

        given().header("Authorization", "Bearer " + token)
                .get("/api/v1/receivers")
                .then()
                .statusCode(200);
        var listed =
                asAdmin().get("/api/v1/tokens").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("findAll { it.id == '" + id + "' }.token")).containsOnlyNulls();
        assertThat(listed.getString("find { it.id == '" + id + "' }.lastUsedAt"))
                .isNotNull();

        asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(200);
        given().header("Authorization", "Bearer " + token)
                .get("/api/v1/receivers")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseUnknownTokensAndEmptyNames() {
        given().header("Authorization", "Bearer lxa_not-a-real-token")
                .get("/api/v1/receivers")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer ")
                .get("/api/v1/receivers")
                .then()
                .statusCode(401);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("name", " "))
                .post("/api/v1/tokens")
                .then()
                .statusCode(422);
    }
}
