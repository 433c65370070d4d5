package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;

@QuarkusTest
class HomePageTest {

    @Test
    void shouldSendAnonymousVisitorsToTheLoginPage() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login.html"));
        given().get("/login.html").then().statusCode(200).body(containsString("j_security_check"));
    }

    @Test
    void shouldListReceiversWithTheirStatusAfterAFormLogin() {
        Fixtures.area("WEB", "COMMUNE", null);
        Fixtures.receiver("web-rx-1", "WEB", List.of("vie", "tyz"));
        CookieFilter session = new CookieFilter();

        given().filter(session)
                .redirects()
                .follow(false)
                .formParam("j_username", Api.ADMIN)
                .formParam("j_password", Api.ADMIN_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(anyOf(is(302), is(303)))
                .header("Location", not(containsString("error")));

        given().filter(session)
                .get("/")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("web-rx-1"))
                .body(containsString("vie, tyz"))
                .body(containsString("offline"));
    }

    @Test
    void shouldRefuseAWrongFormLogin() {
        given().redirects()
                .follow(false)
                .formParam("j_username", Api.ADMIN)
                .formParam("j_password", "wrong")
                .post("/j_security_check")
                .then()
                .statusCode(anyOf(is(302), is(303)))
                .header("Location", containsString("error"));
    }

    @Test
    void shouldPublishTheOpenApiDocument() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/broadcasts/{id}/deliveries"))
                .body(containsString("/api/v1/media"));
    }
}
