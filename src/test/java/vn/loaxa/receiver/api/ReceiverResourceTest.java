package vn.loaxa.receiver.api;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReceiverResourceTest {

    private static boolean areaCreated;

    @BeforeEach
    void area() {
        if (areaCreated) {
            return;
        }
        areaCreated = true;
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "RX-A", "name", "Xã A", "kind", "COMMUNE"))
                .post("/api/v1/areas");
    }

    @Test
    void shouldProvisionAReceiverAndShowItsSecretOnce() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        "rx-test-01",
                        "displayName",
                        "Cụm 1",
                        "areaCode",
                        "RX-A",
                        "languages",
                        List.of("vie", "tyz"),
                        "latitude",
                        22.25,
                        "longitude",
                        106.46))
                .post("/api/v1/receivers")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/receivers/rx-test-01"))
                .body("secret", matchesPattern("[A-Za-z0-9_-]{32}"));

        asAdmin()
                .get("/api/v1/receivers/rx-test-01")
                .then()
                .statusCode(200)
                .body("areaCode", equalTo("RX-A"))
                .body("languages", equalTo(List.of("vie", "tyz")))
                .body("online", equalTo(false))
                .body("lastSeen", nullValue())
                .body("secret", nullValue());
    }

    @Test
    void shouldRejectAnUnknownArea() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("id", "rx-lost", "displayName", "x", "areaCode", "NOWHERE", "languages", List.of("vie")))
                .post("/api/v1/receivers")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        asAdmin().get("/api/v1/receivers/rx-lost").then().statusCode(404);
    }

    @Test
    void shouldRejectBadLanguageCodesAndIds() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("id", "a/b", "displayName", "x", "areaCode", "RX-A", "languages", List.of("Vietnamese")))
                .post("/api/v1/receivers")
                .then()
                .statusCode(422)
                .body("errors", hasSize(2));
    }

    @Test
    void shouldRefuseADuplicateId() {
        Map<String, Object> body =
                Map.of("id", "rx-dup", "displayName", "x", "areaCode", "RX-A", "languages", List.of("vie"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/receivers")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/receivers")
                .then()
                .statusCode(409);
    }

    @Test
    void shouldAnswerUnknownReceiversWithProblem() {
        asAdmin()
                .get("/api/v1/receivers/nobody")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", notNullValue());
    }
}
