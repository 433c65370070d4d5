package vn.loaxa.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.account.service.LoginThrottle;
import vn.loaxa.support.Fixtures;

/** Password guessing: five wrong passwords in a row lock the name, even against the right one; others go on. */
@QuarkusTest
class LoginThrottleTest {
    @Inject
    MeterRegistry registry;

    @Test
    void shouldLockANameAfterRepeatedWrongPasswordsAndCountTheLockout() {
        Fixtures.area("THR", "COMMUNE", null);
        String secret = Fixtures.receiver("thr-a", "THR", List.of("vie"));
        String other = Fixtures.receiver("thr-b", "THR", List.of("vie"));
        double lockoutsBefore = registry.counter(LoginThrottle.LOCKOUTS).count();

        given().auth()
                .preemptive()
                .basic("thr-a", secret)
                .get("/api/v1/time")
                .then()
                .statusCode(200);
        for (int i = 0; i < 5; i++) {
            given().auth()
                    .preemptive()
                    .basic("thr-a", "guess-" + i)
                    .get("/api/v1/time")
                    .then()
                    .statusCode(401);
        }

        given().auth()
                .preemptive()
                .basic("thr-a", secret)
                .get("/api/v1/time")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic("thr-b", other)
                .get("/api/v1/time")
                .then()
                .statusCode(200);
        assertThat(registry.counter(LoginThrottle.LOCKOUTS).count()).isEqualTo(lockoutsBefore + 1);
    }
}
