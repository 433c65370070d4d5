package vn.loaxa.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the test stack on fresh names and free ports. {@code -Dloaxa.it.stack=embedded} (the default) uses an H2
 * file database and the embedded HiveMQ CE broker; {@code external} uses the machine's PostgreSQL (a new database
 * per run) and Mosquitto (a unique topic prefix per run).
 */
public class StackResource implements QuarkusTestResourceLifecycleManager {
    public static final String STACK_PROPERTY = "loaxa.it.stack";
    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String PG_USER = "postgres";

    private String database;

    public static boolean external() {
        return "external".equals(System.getProperty(STACK_PROPERTY, "embedded"));
    }

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> config = new HashMap<>();
        int httpPort = freePort();
        config.put("quarkus.http.test-port", String.valueOf(httpPort));
        config.put("loaxa.public-base-url", "http://127.0.0.1:" + httpPort);
        config.put("loaxa.data-dir", dataDir(run).toString());
        config.put("loaxa.mqtt.topic-prefix", "loaxa-test-" + run);
        config.put("loaxa.admin.initial-password", Api.ADMIN_PASSWORD);
        config.put("loaxa.mqtt.username", Api.MQTT_USER);
        config.put("loaxa.mqtt.password", Api.MQTT_PASSWORD);
        // a probe every 2 s: a connection that hears nothing for 15 s is replaced (InboundSilenceRecoveryTest)
        config.put("loaxa.mqtt.probe-interval", "2s");
        config.put("loaxa.mqtt.silence-limit", "15s");
        if (external()) {
            database = "loaxa_test_" + run;
            execute("CREATE DATABASE " + database);
            config.put(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:5432/" + database + "?reWriteBatchedInserts=true");
            config.put("quarkus.datasource.username", PG_USER);
            config.put("loaxa.mqtt.url", System.getProperty("loaxa.it.mqtt-url", "tcp://127.0.0.1:1883"));
        } else {
            config.put("loaxa.broker.embedded.port", "0");
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static Path dataDir(String run) {
        try {
            return Files.createDirectories(Path.of("target", "test-data", run)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for the external stack: " + sql, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
