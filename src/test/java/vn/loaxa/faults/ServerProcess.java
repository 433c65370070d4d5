package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.loaxa.support.Api;
import vn.loaxa.support.StackResource;

/**
 * The released server ({@link Distribution}) as a child process of its launcher, configured by environment
 * variables only: its own HTTP port, data folder, database, broker and topic prefix. It can be killed, stopped and
 * started again on the same configuration.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    /** Quarkus's warning when a build-time property (the database kind) differs from the augmented application. */
    private static final String BUILD_TIME_MISMATCH = "Build time property cannot be changed at runtime";

    private final Distribution distribution;
    private final Map<String, String> config;
    private final Path log;
    private final int httpPort;
    private Process process;

    private ServerProcess(Distribution distribution, Map<String, String> config, Path log, int httpPort) {
        this.distribution = distribution;
        this.config = config;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * The server on PostgreSQL, from the suite's one re-augmented {@link Distribution#onPostgres()}.
     *
     * @param mqttUrl an external broker, or null for the embedded HiveMQ CE on {@code embeddedPort}
     */
    static ServerProcess start(Path dir, String jdbcUrl, String mqttUrl, int embeddedPort, String topicPrefix) {
        int httpPort = StackResource.freePort();
        Map<String, String> config = config(dir, httpPort, jdbcUrl, topicPrefix);
        if (mqttUrl != null) {
            config.put("loaxa.mqtt.url", mqttUrl);
        } else {
            config.put("loaxa.broker.embedded.port", String.valueOf(embeddedPort));
        }
        return start(Distribution.onPostgres(), config, dir, httpPort);
    }

    /**
     * The suite's configuration of a server on PostgreSQL, its broker left out: HTTP port, data folder, database,
     * admin password, topic prefix, broker login, and the short sweep and probe intervals of the faults.
     */
    static Map<String, String> config(Path dir, int httpPort, String jdbcUrl, String topicPrefix) {
        Map<String, String> config = new TreeMap<>();
        config.put("quarkus.http.port", String.valueOf(httpPort));
        config.put("loaxa.public-base-url", "http://127.0.0.1:" + httpPort);
        config.put("loaxa.data-dir", dir.resolve("data").toAbsolutePath().toString());
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.jdbc.url", jdbcUrl + "?reWriteBatchedInserts=true");
        config.put("quarkus.datasource.username", "postgres");
        config.put("loaxa.admin.initial-password", Api.ADMIN_PASSWORD);
        config.put("loaxa.mqtt.topic-prefix", topicPrefix);
        config.put("loaxa.mqtt.username", Api.MQTT_USER);
        config.put("loaxa.mqtt.password", Api.MQTT_PASSWORD);
        config.put("loaxa.delivery.sweep-interval", "2s");
        config.put("loaxa.mqtt.probe-interval", "2s");
        config.put("loaxa.mqtt.silence-limit", "15s");
        return config;
    }

    /** The server of {@code distribution} with this configuration (which must set {@code quarkus.http.port}). */
    static ServerProcess start(Distribution distribution, Map<String, String> config, Path dir, int httpPort) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess server = new ServerProcess(distribution, config, dir.resolve("server.log"), httpPort);
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
        Map<String, String> environment = Distribution.environment(config);
        environment.put("JAVA_OPTS", "-Xmx512m");
        Processes.appendMarker(log, "starting the server");
        process = Processes.start(List.of(distribution.launcher().toString()), environment, log);
        awaitReady();
        String output = logText();
        if (output.contains(BUILD_TIME_MISMATCH) || output.contains("re-augmenting")) {
            throw new IllegalStateException(
                    "the server was not augmented once, ahead, for its database kind; see " + log.toAbsolutePath());
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
