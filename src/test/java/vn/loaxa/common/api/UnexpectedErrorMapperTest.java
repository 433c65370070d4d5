package vn.loaxa.common.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UnexpectedErrorMapperTest {
    private final Logger log = Logger.getLogger(UnexpectedErrorMapper.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    @Test
    void shouldAnswerAnUnexpectedExceptionWithAProblemAndACorrelationIdThatIsLogged() {
        Response response = asAdmin().get("/api/v1/test-failures/unexpected");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        String correlationId = response.path("correlationId");
        assertThat(correlationId).matches("[0-9a-f-]{36}");
        assertThat(response.<String>path("detail")).contains(correlationId);
        assertThat(response.asString())
                .doesNotContain(
                        FailingTestResource.SECRET, "IllegalStateException", "at vn.loaxa", "FailingTestResource");

        assertThat(logged).anySatisfy(record -> {
            assertThat(ExtLogRecord.wrap(record).getFormattedMessage()).contains(correlationId);
            assertThat(record.getThrown())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(FailingTestResource.SECRET);
        });
    }

    @Test
    void shouldLeaveExceptionsWithAStatusOfTheirOwnAlone() {
        asAdmin()
                .get("/api/v1/test-failures/unavailable")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .body("correlationId", org.hamcrest.Matchers.nullValue());
        given().get("/api/v1/test-failures/unexpected").then().statusCode(401);
        assertThat(logged).isEmpty();
    }
}
