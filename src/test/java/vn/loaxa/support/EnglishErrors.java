package vn.loaxa.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that check the English text of problem+json answers: every REST Assured request of the test sends
 * {@code Accept-Language: en} (errors are Vietnamese otherwise). A filter, so that the test's port stays Quarkus's.
 */
public class EnglishErrors implements BeforeEachCallback, AfterEachCallback {
    private static final Filter ENGLISH = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Accept-Language")) {
            request.header("Accept-Language", "en");
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssured.filters(ENGLISH);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Filter> others =
                RestAssured.filters().stream().filter(f -> f != ENGLISH).toList();
        RestAssured.replaceFiltersWith(others);
    }
}
