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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;

/** One cancel stops an occurrence that is playing on every real agent. */
@QuarkusTest
class CancelEndToEndTest {
    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldStopAPlayingOccurrenceOnAllAgents() {
        Map<String, String> secrets = e2e.commune("CX", "cx-rx-1", "cx-rx-2");
        try (AgentProcess agent = e2e.onlineAgent("cancel-agent", secrets)) {
            String bulletinId = e2e.toneBulletin("Dài", 60, 440, 0.2, "NORMAL");
            String broadcastId = Fixtures.broadcast(
                    bulletinId,
                    List.of("CX"),
                    List.of(),
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10));
            await("playing everywhere")
                    .atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(e2e.deliveries(broadcastId).getInt("counts.PLAYING"))
                            .as(agent.log())
                            .isEqualTo(2));

            asAdmin()
                    .post("/api/v1/broadcasts/" + broadcastId + "/cancel")
                    .then()
                    .statusCode(200);

            JsonPath report = e2e.deliveries(broadcastId);
            assertThat(report.getInt("counts.CANCELLED")).isEqualTo(2);
            UUID occurrenceId = UUID.fromString(report.getString("deliveries[0].occurrenceId"));
            await("agents stopped playing")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(e2e.count(occurrenceId, DeliveryState.FAILED))
                            .as(agent.log())
                            .isEqualTo(2));
            assertThat(e2e.count(occurrenceId, DeliveryState.PLAYED)).isZero();
        }
    }
}
