package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.loaxa.support.StackResource;

/**
 * A Mosquitto of the suite's own on a free port of 127.0.0.1, with persistence as in the shipped configuration, so
 * that a fault can stop and restart it; the machine's Mosquitto on 1883 is never touched.
 */
final class OwnMosquitto implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final int port;
    private Process process;

    private OwnMosquitto(Path dir, Path conf, int port) {
        this.dir = dir;
        this.conf = conf;
        this.port = port;
    }

    /** Anonymous logins, persistence on (retained manifests and sessions survive a restart). */
    static OwnMosquitto anonymous(Path dir) {
        int port = StackResource.freePort();
        return withConfig(dir, port, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                max_queued_messages 1000
                """.formatted(port, dir));
    }

    /** Any configuration; {@code %PORT%} is replaced by the chosen free port. */
    static OwnMosquitto withConfig(Path dir, int port, String config) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "user root\n" + config.replace("%PORT%", String.valueOf(port)));
            OwnMosquitto mosquitto = new OwnMosquitto(dir, conf, port);
            mosquitto.begin();
            return mosquitto;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void begin() {
        process = Processes.start(List.of("mosquitto", "-c", conf.toString()), dir.resolve("mosquitto.log"));
        await("Mosquitto on " + port)
                .atMost(Duration.ofSeconds(15))
                .until(() -> Processes.listening(port) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "Mosquitto did not start:\n" + Processes.tail(dir.resolve("mosquitto.log")));
        }
    }

    /** SIGTERM: Mosquitto saves its persistence file and closes every connection. */
    void halt() {
        Processes.stop(process);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            Processes.stop(process);
        }
    }
}
