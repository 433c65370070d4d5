package vn.loaxa.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;

/** /q/metrics carries the fleet, delivery, ingestion, Quartz and media figures; /q/health the database and broker. */
@QuarkusTest
class ObservabilityTest {

    @Test
    void shouldExposeFleetDeliveryIngestionSchedulerAndMediaMetrics() throws Exception {
        Fixtures.area("OBS", "COMMUNE", null);
        Fixtures.receiver("obs-rx-1", "OBS", List.of("vie"));
        Path garbage = Files.writeString(Files.createTempFile("obs", ".mp3"), "this is not audio");
        String mediaId = asAdmin()
                .multiPart("file", garbage.toFile(), "audio/mpeg")
                .multiPart("title", "x")
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Fixtures.awaitStatus(mediaId, "FAILED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("loaxa_receivers\\{status=\"offline\"\\} [1-9]");
            assertThat(metrics).contains("loaxa_receivers{status=\"online\"}");
            assertThat(metrics).contains("loaxa_deliveries{state=\"PLAYED\"}", "loaxa_deliveries{state=\"MISSED\"}");
            assertThat(metrics).contains("loaxa_ingest_lag_seconds_count", "loaxa_ingest_queued");
            assertThat(metrics).contains("loaxa_quartz_misfires_total");
            assertThat(metrics)
                    .containsPattern("loaxa_media_processing_failures_total\\{reason=\"undecodable\"\\} [1-9]");
        });
    }

    @Test
    void shouldReportTheDatabaseAndTheBrokerInHealth() {
        var health = given().get("/q/health").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name", String.class))
                .contains("Database connections health check", "MQTT broker connection");
    }
}
