package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * An EMERGENCY broadcast created through the API interrupts the NORMAL items playing on real agents: the one whose
 * policy is DROP reports PREEMPTED, the one whose policy is RESUME plays out after the emergency, and the emergency
 * reports PLAYED everywhere.
 */
@QuarkusTest
class EmergencyEndToEndTest {
    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldInterruptPlayingNormalItemsWhichThenFollowTheirPolicy() {
        Map<String, String> secrets = e2e.commune("EMX", "emx-drop", "emx-resume");
        try (AgentProcess agent = e2e.onlineAgent("emergency-agent", secrets)) {
            String longNews = e2e.toneBulletin("Dài", 60, 440, 0.2, "NORMAL");
            String shortNews = e2e.toneBulletin("Ngắn", 40, 550, 0.2, "NORMAL");
            String warning = e2e.toneBulletin("Lũ", 4, 880, 0.3, "EMERGENCY");
            String dropped = broadcast(longNews, "emx-drop", "DROP");
            String resumed = broadcast(shortNews, "emx-resume", "RESUME");
            for (String normal : List.of(dropped, resumed)) {
                await("NORMAL item playing")
                        .atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> assertThat(e2e.deliveries(normal).getString("deliveries[0].state"))
                                .as(agent.log())
                                .isEqualTo("PLAYING"));
            }

            JsonPath emergency = e2e.broadcast(Map.of(
                    "bulletinId",
                    warning,
                    "startAt",
                    OffsetDateTime.now(ZoneOffset.UTC).toString(),
                    "targets",
                    Map.of("areas", List.of("EMX"))));
            String emergencyId = emergency.getString("id");
            assertThat(OffsetDateTime.parse(emergency.getString("occurrences[0].expiresAt")))
                    .as("an emergency carries an expiry")
                    .isAfter(OffsetDateTime.parse(emergency.getString("occurrences[0].playAt")));

            await("emergency played on every receiver")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(e2e.deliveries(emergencyId).getInt("counts.PLAYED"))
                            .as(agent.log())
                            .isEqualTo(2));
            await("DROP item pre-empted").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonPath report = e2e.deliveries(dropped);
                assertThat(report.getString("deliveries[0].state"))
                        .as(agent.log())
                        .isEqualTo("PREEMPTED");
                assertThat(report.getString("deliveries[0].reason")).contains("pre-empted by occurrence");
            });
            await("RESUME item played out after the emergency")
                    .atMost(Duration.ofSeconds(75))
                    .untilAsserted(() -> assertThat(e2e.deliveries(resumed).getString("deliveries[0].state"))
                            .as(agent.log())
                            .isEqualTo("PLAYED"));
            UUID emergencyOccurrence = occurrenceOf(emergencyId);
            UUID resumedOccurrence = occurrenceOf(resumed);
            assertThat(playedAt(resumedOccurrence, "emx-resume"))
                    .as("the resumed item ends after the emergency")
                    .isAfter(playedAt(emergencyOccurrence, "emx-resume"));
        }
    }

    private String broadcast(String bulletinId, String receiverId, String onPreempt) {
        JsonPath created = e2e.broadcast(Map.of(
                "bulletinId",
                bulletinId,
                "startAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10).toString(),
                "onPreempt",
                onPreempt,
                "targets",
                Map.of("receivers", List.of(receiverId))));
        assertThat(created.getString("onPreempt")).isEqualTo(onPreempt);
        return created.getString("id");
    }

    private UUID occurrenceOf(String broadcastId) {
        return UUID.fromString(e2e.deliveries(broadcastId).getString("deliveries[0].occurrenceId"));
    }

    private OffsetDateTime playedAt(UUID occurrenceId, String receiverId) {
        return e2e.events(occurrenceId, DeliveryState.PLAYED).stream()
                .filter(event -> event.receiverId.equals(receiverId))
                .findFirst()
                .orElseThrow()
                .occurredAt;
    }
}
