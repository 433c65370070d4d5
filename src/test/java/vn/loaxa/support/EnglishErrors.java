package vn.loaxa.support;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that check the English text of problem+json answers: every REST Assured request of the test sends
 * {@code Accept-Language: en} (errors are Vietnamese otherwise).
 */
public class EnglishErrors implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssured.requestSpecification =
                new RequestSpecBuilder().addHeader("Accept-Language", "en").build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RestAssured.requestSpecification = null;
    }
}
