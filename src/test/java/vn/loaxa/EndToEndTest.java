package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;

/** The whole path: upload, bulletin, broadcast, Quartz, MQTT, a real agent process, and PLAYED in the API. */
@QuarkusTest
class EndToEndTest {
    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldPlayAScheduledUploadOnEveryTargetedReceiver() {
        Fixtures.area("E2E", "COMMUNE", null);
        Fixtures.area("E2E-V1", "VILLAGE", "E2E");
        Map<String, String> secrets = Map.of(
                "e2e-rx-1", Fixtures.receiver("e2e-rx-1", "E2E", List.of("vie")),
                "e2e-rx-2", Fixtures.receiver("e2e-rx-2", "E2E-V1", List.of("vie", "tyz")));

        try (AgentProcess agent = e2e.onlineAgent("e2e-agent", secrets)) {
            String chime = e2e.tone("Nhạc hiệu", "vie", 1.5, 880, 0.3);
            String vie = e2e.tone("Thông báo", "vie", 3, 440, 0.3);
            String tyz = e2e.tone("Thông báo (Tày)", "tyz", 2, 330, 0.3);
            String bulletinId = Fixtures.approvedBulletin(
                    "Thông báo thử", List.of(List.of(chime, "ALL"), List.of(vie, "vie"), List.of(tyz, "tyz")));
            OffsetDateTime startAt =
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(12).truncatedTo(ChronoUnit.MILLIS);
            String broadcastId = Fixtures.broadcast(bulletinId, List.of("E2E"), List.of(), startAt);

            await("PLAYED on both receivers")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        JsonPath report = e2e.deliveries(broadcastId);
                        assertThat(report.getInt("counts.PLAYED"))
                                .as(report.prettify() + agent.log())
                                .isEqualTo(2);
                    });

            JsonPath report = e2e.deliveries(broadcastId);
            assertThat(report.getInt("total")).isEqualTo(2);
            assertThat(report.getList("deliveries.receiverId")).containsExactlyInAnyOrder("e2e-rx-1", "e2e-rx-2");
            for (String started : report.<String>getList("deliveries.startedAt")) {
                Duration late = Duration.between(startAt, OffsetDateTime.parse(started));
                assertThat(late).as("start delay").isBetween(Duration.ofMillis(-50), Duration.ofSeconds(2));
            }
            for (String delivered : report.<String>getList("deliveries.deliveredAt")) {
                assertThat(delivered).isNotNull();
            }

            // chime + vie + tyz for [vie, tyz]; chime + vie for [vie], each one rendered file with 0.5 s gaps
            JsonPath variants = asAdmin()
                    .get("/api/v1/bulletins/" + bulletinId + "/variants")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String both = variants.getString("find { it.languages == ['vie', 'tyz'] }.mediaId");
            String vieOnly = variants.getString("find { it.languages == ['vie'] }.mediaId");
            assertThat(variants.getLong("find { it.languages == ['vie', 'tyz'] }.durationMs"))
                    .isBetween(7_300L, 7_700L);
            assertThat(variants.getLong("find { it.languages == ['vie'] }.durationMs"))
                    .isBetween(4_800L, 5_200L);
            assertThat(report.getString("deliveries.find { it.receiverId == 'e2e-rx-2' }.mediaId"))
                    .isEqualTo(both);
            assertThat(report.getString("deliveries.find { it.receiverId == 'e2e-rx-1' }.mediaId"))
                    .isEqualTo(vieOnly);
        }

        await("offline after the agent stops")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                asAdmin().get("/api/v1/receivers/e2e-rx-1").<Boolean>path("online"))
                        .isFalse());
    }
}
