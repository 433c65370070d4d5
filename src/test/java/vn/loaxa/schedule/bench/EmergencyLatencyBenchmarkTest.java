package vn.loaxa.schedule.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.delivery.model.DeliveryEvent;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

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
    MqttConfig mqtt;
    @Inject
    EmbeddedBroker broker;
    @Inject
    DeliveryEventRepository events;
    @ConfigProperty(name = "loaxa.public-base-url")
    String serverUrl;
    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;

    @Test
    void shouldStartAnEmergencyWithinTwoSecondsOfTheRequest() throws Exception {
        Fixtures.area("BEM", "COMMUNE", null);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 1; i <= RECEIVERS; i++) {
            secrets.put("bem-rx-" + i, Fixtures.receiver("bem-rx-" + i, "BEM", List.of("vie")));
        }
        String bulletin = Fixtures.bulletin(Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("siren", ".wav"), 2, 880, 0.3), "Còi", "vie"), "EMERGENCY");
        try (AgentProcess agent = AgentProcess.start(secrets, mqtt.url().or(broker::url).orElseThrow(), serverUrl,
                mqtt.topicPrefix(), dataDir.resolve("bench-emergency-agent"))) {
            agent.awaitOnline(secrets.keySet(), Duration.ofSeconds(90));
            List<Long> toPlaying = new ArrayList<>();
            List<Long> toAllPlaying = new ArrayList<>();
            for (int run = 0; run <= RUNS; run++) {
                Instant requested = Instant.now();
                String occurrence = asAdmin().contentType(ContentType.JSON)
                        .body(Map.of("bulletinId", bulletin, "allowOverlap", true,
                                "startAt", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                                "targets", Map.of("areas", List.of("BEM"))))
                        .post("/api/v1/broadcasts").then().statusCode(201).extract().path("occurrences[0].id");
                UUID occurrenceId = UUID.fromString(occurrence);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> playing(occurrenceId).size() == RECEIVERS);
                List<Instant> starts = playing(occurrenceId);
                if (run > 0) { // the first run also downloads the audio; the others find it cached, as a siren would be
                    toPlaying.add(Duration.between(requested, starts.get(0)).toMillis());
                    toAllPlaying.add(Duration.between(requested, starts.get(starts.size() - 1)).toMillis());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> played(occurrenceId) == RECEIVERS);
            }
            toPlaying.sort(Long::compare);
            toAllPlaying.sort(Long::compare);
            System.out.printf("EMERGENCY LATENCY (%d receivers, %d runs): request -> first PLAYING median %d ms, "
                    + "max %d ms; -> all PLAYING median %d ms, max %d ms%n", RECEIVERS, RUNS,
                    toPlaying.get(RUNS / 2), toPlaying.get(RUNS - 1), toAllPlaying.get(RUNS / 2),
                    toAllPlaying.get(RUNS - 1));
            assertThat(Duration.ofMillis(toPlaying.get(RUNS / 2))).isLessThanOrEqualTo(TARGET);
        }
    }

    /** When each receiver started playing, by the agent's server-corrected clock, earliest first. */
    private List<Instant> playing(UUID occurrenceId) {
        return QuarkusTransaction.requiringNew().call(() -> events
                .list("occurrenceId = ?1 and event = ?2 order by occurredAt", occurrenceId, DeliveryState.PLAYING)
                .stream().map((DeliveryEvent e) -> e.occurredAt.toInstant()).toList());
    }

    private long played(UUID occurrenceId) {
        return QuarkusTransaction.requiringNew().call(() ->
                events.count("occurrenceId = ?1 and event = ?2", occurrenceId, DeliveryState.PLAYED));
    }
}
