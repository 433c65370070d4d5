package vn.loaxa.dispatch.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.support.Fixtures;

/** The time endpoint stamps a request's arrival before the password check, so receivers can take that work out. */
@QuarkusTest
class TimeResourceTest {

    @Inject
    Passwords passwords;

    @Test
    void shouldStampTheArrivalBeforeThePasswordCheck() {
        Fixtures.area("TIME", "COMMUNE", null);
        String secret = Fixtures.receiver("time-rx-1", "TIME", List.of("vie"));
        String hash = passwords.brokerHash(secret);
        long check = IntStream.range(0, 3)
                .mapToLong(i -> {
                    long start = System.nanoTime();
                    assertThat(passwords.matchesBrokerHash(secret, hash)).isTrue();
                    return System.nanoTime() - start;
                })
                .min()
                .orElseThrow();

        long shortestGap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Instant before = Instant.now();
            JsonPath answer = given().auth()
                    .preemptive()
                    .basic("time-rx-1", secret)
                    .get("/api/v1/time")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            Instant after = Instant.now();
            Instant receive = Instant.parse(answer.getString("receiveTime"));
            Instant transmit = Instant.parse(answer.getString("transmitTime"));

            assertThat(answer.getString("schema")).isEqualTo("loaxa.time/1");
            assertThat(receive).isBetween(before, transmit);
            assertThat(transmit).isBefore(after);
            assertThat(answer.getString("serverTime")).isEqualTo(answer.getString("transmitTime"));
            shortestGap =
                    Math.min(shortestGap, Duration.between(receive, transmit).toNanos());
        }
        assertThat(shortestGap)
                .as("receive-to-transmit holds the secret's check (%d µs alone)", check / 1000)
                .isGreaterThanOrEqualTo(check / 2);
    }

    @Test
    void shouldStillRefuseAnUnknownCaller() {
        given().get("/api/v1/time").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic("time-nobody", "wrong")
                .get("/api/v1/time")
                .then()
                .statusCode(401);
    }
}
