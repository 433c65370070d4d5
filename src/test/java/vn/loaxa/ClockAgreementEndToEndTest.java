package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;

/**
 * Agents on the server's own host share its clock, so the offset each measures is the error of the measurement:
 * three separate agent processes, each measuring again every second, stay within ±5 ms of zero in every heartbeat
 * once their first {@value #SETTLING} heartbeats are past (the agent's JVM, freshly started, answers slowly at first).
 */
@QuarkusTest
class ClockAgreementEndToEndTest {
    private static final long TOLERANCE_MS = 5;
    private static final int SETTLING = 3;
    private static final int HEARTBEATS = 5;
    private static final List<String> FAST_SYNC = List.of("--heartbeat-seconds", "1", "--time-sync-seconds", "1");

    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldMeasureAnOffsetWithinFiveMillisecondsOfTheTruthInEachProcess() throws Exception {
        Map<String, String> secrets = e2e.commune("CLOCK", "clock-rx-1", "clock-rx-2", "clock-rx-3");
        List<AgentProcess> agents = new ArrayList<>();
        try {
            secrets.forEach((id, secret) -> agents.add(e2e.agent("clock-" + id, Map.of(id, secret), FAST_SYNC)));
            Map<String, Map<String, Long>> offsetsByHeartbeat = new HashMap<>();
            secrets.keySet().forEach(id -> offsetsByHeartbeat.put(id, new LinkedHashMap<>()));

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        for (String id : secrets.keySet()) {
                            JsonPath health =
                                    asAdmin().get("/api/v1/receivers/" + id).jsonPath();
                            String at = health.getString("health.at");
                            Object offset = health.get("health.clockOffsetMs");
                            if (at != null && offset != null) {
                                offsetsByHeartbeat.get(id).put(at, ((Number) offset).longValue());
                            }
                        }
                        return offsetsByHeartbeat.values().stream()
                                .allMatch(seen -> seen.size() >= SETTLING + HEARTBEATS);
                    });

            offsetsByHeartbeat.forEach(
                    (id, seen) -> assertThat(seen.values().stream().skip(SETTLING))
                            .as("the offsets %s measured, heartbeat by heartbeat", id)
                            .allSatisfy(ms -> assertThat(ms).isBetween(-TOLERANCE_MS, TOLERANCE_MS)));
        } finally {
            for (AgentProcess agent : agents) {
                agent.close();
            }
        }
    }
}
