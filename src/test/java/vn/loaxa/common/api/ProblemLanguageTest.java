package vn.loaxa.common.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;

/** Problem+json titles and details in the caller's language: Vietnamese unless it asks for English. */
@QuarkusTest
class ProblemLanguageTest {

    @Test
    void shouldAnswerNotFoundInVietnameseByDefaultAndInEnglishOnRequest() {
        asAdmin()
                .get("/api/v1/areas/PLX-NOPE/outline")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Không tìm thấy"))
                .body("detail", equalTo("Không tìm thấy địa bàn này"));
        asAdmin()
                .header("Accept-Language", "en-GB,en;q=0.9")
                .get("/api/v1/areas/PLX-NOPE/outline")
                .then()
                .statusCode(404)
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("Area 'PLX-NOPE' does not exist"));
    }

    @Test
    void shouldAnswerAnInvalidRequestInTheAskedLanguageFieldByField() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "", "kind", "COMMUNE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(422)
                .body("title", equalTo("Yêu cầu chưa hợp lệ"))
                .body("errors.field", hasItem("name"))
                .body("errors.message", hasItem("không được để trống"))
                .body("detail", containsString("name: không được để trống"));
        asAdmin()
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(Map.of("code", "", "kind", "COMMUNE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(422)
                .body("title", equalTo("Invalid request"))
                .body("errors.message", hasItem("must not be blank"))
                .body("detail", containsString("name: must not be blank"));
    }

    @Test
    void shouldAnswerAConflictInTheAskedLanguage() {
        Fixtures.area("PLX-DUP", "COMMUNE", null);
        Map<String, String> again = Map.of("code", "PLX-DUP", "name", "Xã trùng", "kind", "COMMUNE");
        asAdmin()
                .header("Accept-Language", "vi-VN")
                .contentType(ContentType.JSON)
                .body(again)
                .post("/api/v1/areas")
                .then()
                .statusCode(409)
                .body("title", equalTo("Xung đột"))
                .body("detail", equalTo("Địa bàn có mã 'PLX-DUP' đã có"));
        asAdmin()
                .header("Accept-Language", "en")
                .contentType(ContentType.JSON)
                .body(again)
                .post("/api/v1/areas")
                .then()
                .statusCode(409)
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Area 'PLX-DUP' already exists"));
    }

    @Test
    void shouldFollowTheUiLanguageCookieWhenNoLanguageIsAsked() {
        asAdmin()
                .cookie("loaxa-lang", "en")
                .get("/api/v1/areas/PLX-NOPE/outline")
                .then()
                .statusCode(404)
                .body("title", equalTo("Not found"));
    }

    @Test
    void shouldShowABrowserTheStyledNotFoundPageForAnUnknownAddress() {
        asAdmin()
                .accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .get("/no-such-page/here")
                .then()
                .statusCode(404)
                .contentType(ContentType.HTML)
                .body(allOf(
                        containsString("<h1>Không tìm thấy</h1>"),
                        containsString("Không có trang nào ở địa chỉ này"),
                        containsString("href=\"/\""),
                        containsString("/loaxa.css"),
                        not(containsString("Not found"))));
        asAdmin()
                .accept("text/html")
                .cookie("loaxa-lang", "en")
                .get("/no-such-page")
                .then()
                .statusCode(404)
                .body(containsString("<h1>Not found</h1>"), containsString("There is no page at this address"));
    }

    @Test
    void shouldAnswerAnApiClientOfAnUnknownAddressWithProblemJson() {
        asAdmin()
                .accept("application/json")
                .get("/no-such-page")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Không tìm thấy"));
        asAdmin()
                .accept("text/html")
                .get("/api/v1/no-such-resource")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void shouldSendAnAnonymousBrowserOfAnUnknownAddressToTheLoginPage() {
        given().redirects()
                .follow(false)
                .accept("text/html")
                .get("/no-such-page")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/login.html"));
    }

    @Test
    void shouldStillServeStaticFiles() {
        given().get("/loaxa.css").then().statusCode(200);
    }
}
