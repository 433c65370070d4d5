package vn.loaxa.agent.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.agent.protocol.Json;

class TimeSyncTest {

    private static final Duration SERVER_AHEAD = Duration.ofMillis(4_321);

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/time", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"schema\":\"loaxa.time/1\",\"serverTime\":\""
                            + Instant.now().plus(SERVER_AHEAD) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldMeasureTheServerClockAheadOfTheLocalOne() {
        ClockOffset offset = new ClockOffset(Clock.systemUTC());
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        TimeSync.Sample sample = new TimeSync(
                        HttpClient.newHttpClient(), url, "rx1", "s3cret", Json.newMapper(), offset)
                .measure()
                .orElseThrow();

        assertThat(offset.measuredMillis())
                .hasValueSatisfying(ms -> assertThat(ms).isBetween(4_281L, 4_361L));
        assertThat(sample.roundTrip()).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.between(Instant.now(), offset.serverNow()).toMillis())
                .isBetween(4_271L, 4_371L);
        assertThat(authorization.get()).isEqualTo("Basic cngxOnMzY3JldA==");
    }

    @Test
    void shouldKeepTheLastOffsetWhenTheServerCannotBeReached() {
        ClockOffset offset = new ClockOffset(Clock.systemUTC());
        offset.update(Duration.ofMillis(-70));
        server.stop(0);

        assertThat(new TimeSync(
                                HttpClient.newHttpClient(),
                                "http://127.0.0.1:" + server.getAddress().getPort(),
                                "rx1",
                                "s",
                                Json.newMapper(),
                                offset)
                        .measure())
                .isEmpty();
        assertThat(offset.measuredMillis()).hasValue(-70L);
    }

    @Test
    void shouldEstimateFromTheMidpointOfTheExchange() {
        Instant sent = Instant.parse("2026-11-26T06:00:00Z");
        Instant received = sent.plusMillis(100);

        assertThat(ClockOffset.estimate(sent, Instant.parse("2026-11-26T06:00:02.050Z"), received))
                .isEqualTo(Duration.ofSeconds(2));
    }
}
