package vn.loaxa.schedule.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;

/**
 * Emergency dispatch latency (docs/performance.md): from the API request that creates an EMERGENCY broadcast with
 * start now to the first receiver PLAYING, on the local stack with real agents. Runs only on demand:
 * {@code mvn -B test -Dloaxa.perf=true -Dtest=EmergencyLatencyBenchmarkTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class EmergencyLatencyBenchmarkTest {
    private static final int RECEIVERS = 10;
    private static final int RUNS = 7;
    private static final Duration TARGET = Duration.ofSeconds(2);

    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldStartAnEmergencyWithinTwoSecondsOfTheRequest() {
        String[] receivers = new String[RECEIVERS];
        Arrays.setAll(receivers, i -> "bem-rx-" + (i + 1));
        Map<String, String> secrets = e2e.commune("BEM", receivers);
        String bulletin = e2e.toneBulletin("Còi", 2, 880, 0.3, "EMERGENCY");
        try (AgentProcess agent = e2e.agent("bench-emergency-agent", secrets)) {
            agent.awaitOnline(secrets.keySet(), Duration.ofSeconds(90));
            List<Long> toPlaying = new ArrayList<>();
            List<Long> toAllPlaying = new ArrayList<>();
            for (int run = 0; run <= RUNS; run++) {
                Instant requested = Instant.now();
                String occurrence = e2e.broadcast(Map.of(
                                "bulletinId",
                                bulletin,
                                "allowOverlap",
                                true,
                                "startAt",
                                OffsetDateTime.now(ZoneOffset.UTC).toString(),
                                "targets",
                                Map.of("areas", List.of("BEM"))))
                        .getString("occurrences[0].id");
                UUID occurrenceId = UUID.fromString(occurrence);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> playing(occurrenceId).size() == RECEIVERS);
                List<Instant> starts = playing(occurrenceId);
                if (run > 0) { // the first run also downloads the audio; the others find it cached, as a siren would be
                    toPlaying.add(Duration.between(requested, starts.get(0)).toMillis());
                    toAllPlaying.add(Duration.between(requested, starts.get(starts.size() - 1))
                            .toMillis());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> played(occurrenceId) == RECEIVERS);
            }
            toPlaying.sort(Long::compare);
            toAllPlaying.sort(Long::compare);
            System.out.printf(
                    "EMERGENCY LATENCY (%d receivers, %d runs): request -> first PLAYING median %d ms, "
                            + "max %d ms; -> all PLAYING median %d ms, max %d ms%n",
                    RECEIVERS,
                    RUNS,
                    toPlaying.get(RUNS / 2),
                    toPlaying.get(RUNS - 1),
                    toAllPlaying.get(RUNS / 2),
                    toAllPlaying.get(RUNS - 1));
            assertThat(Duration.ofMillis(toPlaying.get(RUNS / 2))).isLessThanOrEqualTo(TARGET);
        }
    }

    /** When each receiver started playing, by the agent's server-corrected clock, earliest first. */
    private List<Instant> playing(UUID occurrenceId) {
        return e2e.events(occurrenceId, DeliveryState.PLAYING).stream()
                .map(e -> e.occurredAt.toInstant())
                .toList();
    }

    private long played(UUID occurrenceId) {
        return e2e.count(occurrenceId, DeliveryState.PLAYED);
    }
}
