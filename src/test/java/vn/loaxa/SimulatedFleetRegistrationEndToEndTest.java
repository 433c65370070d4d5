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
import org.junit.jupiter.api.Test;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Api;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;

/**
 * A simulated fleet ({@code --simulate}) that registers its own receivers on this server ({@code --register-with}),
 * with the secrets the server issues, comes online and plays a broadcast; run again, it is given new secrets.
 */
@QuarkusTest
class SimulatedFleetRegistrationEndToEndTest {
    private static final String AREA = "SIMREG";
    private static final List<String> RECEIVERS = List.of("sim-00001", "sim-00002", "sim-00003");

    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldRegisterSimulatedReceiversThatComeOnlineAndPlay() {
        Fixtures.area(AREA, "COMMUNE", null);

        try (AgentProcess agent = registeringAgent("simreg-first")) {
            agent.awaitOnline(RECEIVERS, EndToEndFixture.ONLINE_WITHIN);
            for (String id : RECEIVERS) {
                JsonPath receiver = asAdmin()
                        .get("/api/v1/receivers/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(receiver.getString("areaCode")).isEqualTo(AREA);
                assertThat(receiver.getString("displayName")).isEqualTo("Simulated receiver " + id);
            }

            String bulletinId = e2e.toneBulletin("Thông báo đội mô phỏng", 2, 440, 0.3, "NORMAL");
            OffsetDateTime startAt =
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
            String broadcastId = Fixtures.broadcast(bulletinId, List.of(AREA), List.of(), startAt);

            await("PLAYED on every registered receiver")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        JsonPath report = e2e.deliveries(broadcastId);
                        assertThat(report.getInt("counts.PLAYED"))
                                .as(report.prettify() + agent.log())
                                .isEqualTo(RECEIVERS.size());
                    });
            assertThat(e2e.deliveries(broadcastId).getList("deliveries.receiverId", String.class))
                    .containsExactlyInAnyOrderElementsOf(RECEIVERS);
        }

        await("offline after the agent stops")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(asAdmin()
                                .get("/api/v1/receivers/" + RECEIVERS.get(0))
                                .<Boolean>path("online"))
                        .isFalse());

        // registered already (409), so each receiver is given a new secret, and connects with it
        try (AgentProcess again = registeringAgent("simreg-again")) {
            again.awaitOnline(RECEIVERS, EndToEndFixture.ONLINE_WITHIN);
            assertThat(again.log()).contains("registered " + RECEIVERS.size() + " receivers in area " + AREA);
        }
    }

    private AgentProcess registeringAgent(String name) {
        return e2e.simulatingAgent(
                name,
                RECEIVERS.size(),
                List.of(
                        "--register-with",
                        e2e.serverUrl(),
                        "--register-area",
                        AREA,
                        "--admin-user",
                        Api.ADMIN,
                        "--admin-password",
                        Api.ADMIN_PASSWORD));
    }
}
