package vn.loaxa;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** The packaged application, as the README's run command starts it, comes up with its broker and database. */
@QuarkusIntegrationTest
class PackagedApplicationIT {

    @Test
    void shouldStartFromThePackagedJarWithBrokerAndDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        asAdmin().get("/api/v1/areas").then().statusCode(200);
        given().get("/api/v1/areas").then().statusCode(401);
    }
}
