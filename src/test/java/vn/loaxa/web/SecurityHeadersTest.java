package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;

/** Every page and API answer carries the security headers; pages allow scripts only from the application. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void shouldSendSecurityHeadersOnPagesApiAndStaticFiles() {
        for (String path : new String[] {"/login.html", "/login.js", "/api/v1/time"}) {
            given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        Api.asAdmin()
                .get("/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }

    @Test
    void shouldLeaveSwaggerUiItsInlineScripts() {
        given().get("/q/openapi").then().header("Content-Security-Policy", nullValue());
    }
}
