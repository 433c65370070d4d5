package vn.loaxa.agent.time;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.protocol.ServerTime;

/**
 * Measures the offset of the local clock against the server's {@code GET /api/v1/time}, NTP style: several
 * exchanges, each with the server's receive and transmit times, and the one with the least network delay wins, since
 * its estimate is the least uncertain. An {@link OffsetFilter} keeps the offset steady across measurements.
 */
public final class TimeSync {

    private static final Logger LOG = Logger.getLogger(TimeSync.class.getName());
    /** Exchanges per measurement. */
    public static final int SAMPLES = 5;
    /** Path of the server's time endpoint. */
    public static final String PATH = "/api/v1/time";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int HTTP_OK = 200;

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final ObjectMapper json;
    private final ClockOffset target;
    private final OffsetFilter filter = new OffsetFilter();

    public TimeSync(
            HttpClient http,
            String serverUrl,
            String receiverId,
            String secret,
            ObjectMapper json,
            ClockOffset target) {
        this.http = http;
        this.endpoint = URI.create(serverUrl.replaceAll("/+$", "") + PATH);
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((receiverId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.json = json;
        this.target = target;
    }

    /** Measures and, if at least one exchange succeeded, updates the offset. */
    public Optional<Exchange> measure() {
        Exchange best = null;
        for (int i = 0; i < SAMPLES; i++) {
            try {
                Exchange sample = exchange();
                if (best == null || sample.delay().compareTo(best.delay()) < 0) {
                    best = sample;
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "time exchange with " + endpoint + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (best == null) {
            LOG.warning("cannot measure the clock offset against " + endpoint + "; keeping "
                    + target.offset().toMillis() + " ms");
            return Optional.empty();
        }
        Exchange chosen = best;
        if (!filter.accepts(best, target.clock().instant())) {
            LOG.fine(() -> "set aside a clock measurement of " + chosen.offset().toMillis() + " ms: network delay "
                    + chosen.delay().toMillis() + " ms makes it less certain than the offset kept");
            return Optional.of(best);
        }
        target.update(best.offset());
        LOG.info(() -> "clock offset against the server: " + chosen.offset().toMillis() + " ms (network delay "
                + chosen.delay().toMillis() + " ms)");
        return Optional.of(best);
    }

    private Exchange exchange() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        Instant sent = target.clock().instant();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Instant received = target.clock().instant();
        if (response.statusCode() != HTTP_OK) {
            throw new IOException("HTTP " + response.statusCode() + " from " + endpoint);
        }
        ServerTime answer = json.readValue(response.body(), ServerTime.class);
        if (answer == null || !Schemas.TIME.equals(answer.schema()) || answer.transmitted() == null) {
            throw new IOException("the answer of " + endpoint + " is not a " + Schemas.TIME + " message");
        }
        return new Exchange(sent, answer.received(), answer.transmitted(), received);
    }
}
