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
import vn.loaxa.agent.protocol.ServerTime;

class TimeSyncTest {

    private static final Duration SERVER_AHEAD = Duration.ofMillis(4_321);
    private static final Duration SERVER_WORK = Duration.ofMillis(120);

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    static {
        // the JDK's server writes headers and body apart; with Nagle's algorithm the body waits for a delayed ACK
        // (about 40 ms) and the way back looks longer than the way there. Netty, under Quarkus, sets TCP_NODELAY.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/time", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            Instant receive = Instant.now().plus(SERVER_AHEAD);
            // the server's own work, such as its password check, must not move the estimate
            sleep(SERVER_WORK);
            Instant transmit = Instant.now().plus(SERVER_AHEAD);
            byte[] body = ("{\"schema\":\"loaxa.time/1\",\"receiveTime\":\"" + receive + "\",\"transmitTime\":\""
                            + transmit + "\",\"serverTime\":\"" + transmit + "\"}")
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

        Exchange sample = new TimeSync(HttpClient.newHttpClient(), url, "rx1", "s3cret", Json.newMapper(), offset)
                .measure()
                .orElseThrow();

        assertThat(offset.measuredMillis())
                .hasValueSatisfying(ms -> assertThat(ms).isBetween(4_311L, 4_331L));
        assertThat(sample.delay()).isLessThan(Duration.ofMillis(100));
        assertThat(Duration.between(Instant.now(), offset.serverNow()).toMillis())
                .isBetween(4_311L, 4_331L);
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
    void shouldTakeTheServersWorkOutOfTheEstimate() {
        Instant sent = Instant.parse("2026-11-26T06:00:00Z");
        // 10 ms each way, 300 ms of password check on a server clock 2 s ahead
        Exchange exchange = new Exchange(
                sent,
                Instant.parse("2026-11-26T06:00:02.010Z"),
                Instant.parse("2026-11-26T06:00:02.310Z"),
                sent.plusMillis(320));

        assertThat(exchange.offset()).isEqualTo(Duration.ofSeconds(2));
        assertThat(exchange.delay()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void shouldReadTheOneServerTimeOfAnOlderServer() throws IOException {
        ServerTime old = Json.newMapper()
                .readValue("{\"schema\":\"loaxa.time/1\",\"serverTime\":\"2026-11-26T06:00:02Z\"}", ServerTime.class);

        assertThat(old.received()).isEqualTo(old.transmitted()).isEqualTo(Instant.parse("2026-11-26T06:00:02Z"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
