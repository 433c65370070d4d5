package vn.loaxa.agent.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live stream as an Icecast server sends it: one MP3 file repeated without end over chunked HTTP, paced at about
 * {@code bytesPerSecond}, until the listener hangs up.
 */
public final class StreamServer implements AutoCloseable {
    private static final int CHUNK = 4096;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final byte[] loop;
    private final int bytesPerSecond;
    private final AtomicInteger listeners = new AtomicInteger();

    private StreamServer(byte[] loop, int bytesPerSecond) throws IOException {
        this.loop = loop;
        this.bytesPerSecond = bytesPerSecond;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/live.mp3", this::stream);
        this.server.setExecutor(executor);
        this.server.start();
    }

    public static StreamServer start(byte[] mp3, int bytesPerSecond) throws IOException {
        return new StreamServer(mp3, bytesPerSecond);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.mp3";
    }

    /** How many listeners connected so far. */
    public int listeners() {
        return listeners.get();
    }

    private void stream(HttpExchange exchange) throws IOException {
        listeners.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
        exchange.sendResponseHeaders(200, 0);
        long started = System.nanoTime();
        long sent = 0;
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                for (int from = 0; from < loop.length; from += CHUNK) {
                    int length = Math.min(CHUNK, loop.length - from);
                    out.write(loop, from, length);
                    out.flush();
                    sent += length;
                    long due = started + sent * 1_000_000_000L / bytesPerSecond;
                    long wait = due - System.nanoTime() - 1_000_000_000L; // keep about 1 s ahead, as a server buffer
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the listener hung up
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
