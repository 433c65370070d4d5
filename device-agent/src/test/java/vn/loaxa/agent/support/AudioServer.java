package vn.loaxa.agent.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK HttpServer on a free port serving byte arrays, with HTTP Basic checking and {@code Range: bytes=N-}
 * support (206 + Content-Range), recording every request it receives.
 */
public final class AudioServer implements AutoCloseable {

    private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d+)-");

    /** What the server saw of one request. */
    public record Request(String path, String range, String authorization) {}

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch> gates = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String expectedAuthorization;

    private AudioServer(String user, String password) throws IOException {
        this.expectedAuthorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    /** A server that accepts any credentials. */
    public static AudioServer start() throws IOException {
        return new AudioServer(null, null);
    }

    /** A server that requires these HTTP Basic credentials. */
    public static AudioServer requiringBasic(String user, String password) throws IOException {
        return new AudioServer(user, password);
    }

    /** Serves {@code content} at {@code path}; returns its absolute URL. */
    public String serve(String path, byte[] content) {
        files.put(path, content);
        return url(path);
    }

    /** Serves {@code content} only once the returned latch is opened (at most 30 s later), like a slow link. */
    public java.util.concurrent.CountDownLatch serveHeld(String path, byte[] content) {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        gates.put(path, gate);
        files.put(path, content);
        return gate;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(path, range, authorization));
            if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            java.util.concurrent.CountDownLatch gate = gates.get(path);
            if (gate != null) {
                try {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] content = files.get(path);
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().add("Content-Type", "audio/ogg");
            int from = 0;
            int status = 200;
            if (range != null) {
                Matcher matcher = OPEN_RANGE.matcher(range);
                if (!matcher.matches() || Integer.parseInt(matcher.group(1)) >= content.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                from = Integer.parseInt(matcher.group(1));
                status = 206;
                exchange.getResponseHeaders()
                        .add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            }
            exchange.sendResponseHeaders(status, content.length - from);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(content, from, content.length - from);
            }
        }
    }
}
