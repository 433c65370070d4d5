package vn.loaxa.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;
import vn.loaxa.support.StackResource;

/**
 * The released archive as shipped, on the embedded default: unpacked and started by its launcher with nothing
 * configured but free ports and a data folder, it runs on H2 with its HiveMQ CE broker, without re-augmenting. The
 * fault classes run the same archive on PostgreSQL, re-augmented by configuration ({@link Distribution#onPostgres()}).
 */
class ReleasedArtifactIT {

    @Test
    void shouldStartOnH2AndItsEmbeddedBrokerAsShipped() {
        Path dir = Path.of("target", "faults", "released-artifact").toAbsolutePath();
        FaultStack.deleteRecursively(dir);
        Distribution shipped = Distribution.unpack(dir.resolve("distribution"));
        int httpPort = StackResource.freePort();
        Map<String, String> config = Map.of(
                "quarkus.http.port", String.valueOf(httpPort),
                "loaxa.broker.embedded.port", String.valueOf(StackResource.freePort()),
                "loaxa.data-dir", dir.resolve("data").toString(),
                "loaxa.admin.initial-password", Api.ADMIN_PASSWORD);

        try (ServerProcess server = ServerProcess.start(shipped, config, dir, httpPort)) {
            given().baseUri(server.baseUrl())
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.name", hasItems("Database connections health check", "MQTT broker connection"))
                    .body("status", equalTo("UP"));
            assertThat(server.logText())
                    .contains("quarkus-app is augmented for the configured database kind 'h2'")
                    .contains("jdbc:h2:file:");
        }
    }
}
