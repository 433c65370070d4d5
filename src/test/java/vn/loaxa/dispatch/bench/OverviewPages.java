package vn.loaxa.dispatch.bench;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import vn.loaxa.support.Api;

/**
 * The overview as a logged-in administrator's browser loads it: the page, its polled fragment, and its live
 * fragment, a stream of server-sent events that each open page holds. The session comes from the login form, so
 * that no request pays a bcrypt check.
 */
final class OverviewPages implements AutoCloseable {
    static final String PAGE = "/";
    static final String TODAY = "/fragments/today";
    static final String LIVE = "/fragments/overview/live";

    private final String base;
    private final String cookie;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "bench-sse-page");
        thread.setDaemon(true);
        return thread;
    });
    private final List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicLong eventChars = new AtomicLong();

    OverviewPages() {
        base = "http://localhost:" + RestAssured.port;
        cookie = given()
                .redirects()
                .follow(false)
                .formParam("j_username", Api.ADMIN)
                .formParam("j_password", Api.ADMIN_PASSWORD)
                .post("/j_security_check")
                .then()
                .extract()
                .detailedCookies()
                .asList()
                .stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b)
                .orElseThrow(() -> new IllegalStateException("the login form set no cookie"));
    }

    /** One GET of {@code path} as the logged-in admin; returns milliseconds until the whole body was read. */
    double getMillis(String path) {
        long start = System.nanoTime();
        HttpResponse<String> response = send(path, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Opens the live fragment as one more page would; returns milliseconds until its first event arrived. */
    double openLive() {
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response = send(LIVE, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(LIVE + " answered " + response.statusCode());
        }
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 1 << 16);
        long firstEvent = readEvent(lines);
        double millis = (firstEvent - start) / 1e6;
        synchronized (open) {
            open.add(response);
        }
        readers.execute(() -> {
            while (readEvent(lines) > 0) {
                // counted by readEvent
            }
        });
        return millis;
    }

    /** Events received on all open live fragments so far. */
    int events() {
        return events.get();
    }

    /** Characters of all events received so far. */
    long eventChars() {
        return eventChars.get();
    }

    /** Reads one event (data lines up to the blank line); returns when it ended, or 0 at the end of the stream. */
    private long readEvent(BufferedReader lines) {
        try {
            long chars = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty() && chars > 0) {
                    events.incrementAndGet();
                    eventChars.addAndGet(chars);
                    return System.nanoTime();
                }
                chars += line.length();
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", cookie)
                .timeout(Duration.ofMinutes(2))
                .GET()
                .build();
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            for (HttpResponse<java.io.InputStream> response : open) {
                try {
                    response.body().close();
                } catch (IOException e) {
                    // the stream is going away anyway
                }
            }
        }
        readers.shutdownNow();
    }
}
