package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.loaxa.support.Api;
import vn.loaxa.support.StackResource;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}, built for PostgreSQL by {@code -Pfaults}) as a
 * child process, configured by system properties: its own HTTP port, data folder, database, broker and topic
 * prefix. It can be killed, stopped and started again on the same configuration.
 */
final class ServerProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Map<String, String> config;
    private final Path log;
    private final int httpPort;
    private Process process;

    private ServerProcess(Map<String, String> config, Path log, int httpPort) {
        this.config = config;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * @param mqttUrl an external broker, or null for the embedded HiveMQ CE on {@code embeddedPort}
     */
    static ServerProcess start(Path dir, String jdbcUrl, String mqttUrl, int embeddedPort, String topicPrefix) {
        int httpPort = StackResource.freePort();
        Map<String, String> config = new TreeMap<>();
        config.put("quarkus.http.port", String.valueOf(httpPort));
        config.put("loaxa.public-base-url", "http://127.0.0.1:" + httpPort);
        config.put("loaxa.data-dir", dir.resolve("data").toAbsolutePath().toString());
        config.put("quarkus.datasource.jdbc.url", jdbcUrl + "?reWriteBatchedInserts=true");
        config.put("quarkus.datasource.username", "postgres");
        config.put("loaxa.admin.initial-password", Api.ADMIN_PASSWORD);
        config.put("loaxa.mqtt.topic-prefix", topicPrefix);
        config.put("loaxa.mqtt.username", Api.MQTT_USER);
        config.put("loaxa.mqtt.password", Api.MQTT_PASSWORD);
        config.put("loaxa.delivery.sweep-interval", "2s");
        config.put("loaxa.mqtt.probe-interval", "2s");
        config.put("loaxa.mqtt.silence-limit", "15s");
        if (mqttUrl != null) {
            config.put("loaxa.mqtt.url", mqttUrl);
        } else {
            config.put("loaxa.broker.embedded.port", String.valueOf(embeddedPort));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess server = new ServerProcess(config, dir.resolve("server.log"), httpPort);
        try {
            server.begin();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts the server (again) and waits until it is ready: database migrated, broker subscribed. */
    void begin() {
        if (!JAR.toFile().isFile()) {
            throw new IllegalStateException("no " + JAR + ": run the suite with mvn -B verify -Pfaults");
        }
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx512m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Processes.appendMarker(log, "starting the server");
        process = Processes.start(command, log);
        awaitReady();
    }

    void awaitReady() {
        await("server ready on " + httpPort)
                .atMost(START_LIMIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the server exited:\n" + Processes.tail(log));
                    }
                    try {
                        return RestAssured.given()
                                        .baseUri(baseUrl())
                                        .get("/q/health/ready")
                                        .statusCode()
                                == 200;
                    } catch (Exception notYet) { // REST Assured rethrows the checked ConnectException
                        return false;
                    }
                });
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker. */
    void kill() {
        Processes.appendMarker(log, "killing the server (SIGKILL)");
        Processes.kill(process);
    }

    /** SIGTERM: a graceful stop, as systemd does. */
    void halt() {
        Processes.appendMarker(log, "stopping the server (SIGTERM)");
        Processes.stop(process);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (alive()) {
            Processes.stop(process);
        }
    }
}
