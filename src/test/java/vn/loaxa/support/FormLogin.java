package vn.loaxa.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.restassured.filter.cookie.CookieFilter;

/** Logs in through the login form, as a browser does, and keeps the session cookie for the pages that follow. */
public final class FormLogin {
    private FormLogin() {}

    public static CookieFilter as(String username, String password) {
        CookieFilter session = new CookieFilter();
        given().filter(session)
                .redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check")
                .then()
                .statusCode(anyOf(is(302), is(303)))
                .header("Location", not(containsString("error")));
        return session;
    }

    public static CookieFilter asAdmin() {
        return as(Api.ADMIN, Api.ADMIN_PASSWORD);
    }
}
