package vn.loaxa.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static vn.loaxa.support.Api.asAdmin;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.schedule.service.OccurrenceTriggers;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/** A recurring series survives manifests the broker refuses: the next occurrences are scheduled, the publish retried. */
@QuarkusTest
class PublishRetryTest {
    @Inject
    FailingManifestSink sink;

    @Inject
    MeterRegistry registry;

    @Inject
    MqttGateway gateway;

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    PublishRetry retry;

    @Inject
    Scheduler quartz;

    @Inject
    EndToEndFixture e2e;

    @AfterEach
    void brokerBack() {
        sink.recover();
    }

    @Test
    void shouldScheduleTheNextOccurrencesAndPublishOnceTheBrokerTakesManifestsAgain() throws Exception {
        Fixtures.area("PR-A", "COMMUNE", null);
        Fixtures.receiver("pr-a-1", "PR-A", List.of("vie"));
        String bulletin = Fixtures.bulletin(media(), "NORMAL");
        Topics topics = gateway.topics();
        double failuresBefore = failures();
        sink.failWhere(topic -> topic.contains("PR-A") || topic.contains("pr-a-1"));

        String id =
                recurring(bulletin, "PR-A", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(2), 3);
        await("the first occurrence dispatched")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(dispatched(id)).hasSize(1));
        assertNextOccurrenceScheduled(id);
        assertThat(failures()).isGreaterThanOrEqualTo(failuresBefore + 1);
        assertThat(retry.backlog().count()).isEqualTo(1);
        assertThat(registry.get(PublishRetry.PENDING).gauge().value()).isEqualTo(1);
        asAdmin().get("/").then().statusCode(200).body(containsString("id=\"publish-pending\""));
        await("retries keep failing while the broker refuses")
                .atMost(Duration.ofSeconds(20))
                .until(() -> failures() >= failuresBefore + 3);

        try (TestMqttClient watcher =
                new TestMqttClient(mqtt.url().or(broker::url).orElseThrow())) {
            watcher.subscribe(topics.receiver("pr-a-1", Topics.Kind.MANIFEST));
            watcher.subscribe(topics.areaManifest("PR-A"));
            sink.recover();
            await("the retried manifests carry the whole series")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(manifestOccurrences(watcher)).containsAll(dispatched(id)));
        }
        await("nothing awaits publish")
                .atMost(Duration.ofSeconds(10))
                .until(() -> retry.backlog().count() == 0);
        asAdmin().get("/").then().statusCode(200).body(not(containsString("id=\"publish-pending\"")));
    }

    @Test
    void shouldDeliverToARealAgentOnceTheBrokerTakesTheFailedManifests() throws Exception {
        Map<String, String> secrets = e2e.commune("PR-E", "pr-e-1");
        try (AgentProcess agent = e2e.onlineAgent("publish-retry-agent", secrets)) {
            sink.failWhere(topic -> topic.contains("PR-E") || topic.contains("pr-e-1"));
            String id = recurring(
                    Fixtures.bulletin(media(), "NORMAL"),
                    "PR-E",
                    OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5),
                    2);
            await("the first occurrence dispatched")
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(dispatched(id)).hasSize(1));
            assertNextOccurrenceScheduled(id);
            assertThat(count(e2e.deliveries(id), "SCHEDULED")).isEqualTo(1);

            sink.recover();
            await("the agent confirms it").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath report = e2e.deliveries(id);
                assertThat(report.getInt("total")).isEqualTo(1);
                assertThat(count(report, "SCHEDULED")).as(agent.log()).isZero();
            });
        }
    }

    private static String mediaId;

    private String media() {
        if (mediaId == null) {
            mediaId = e2e.tone("Thử lại", "vie", 2, 440, 0.2);
        }
        return mediaId;
    }

    /** The series goes on: its next occurrence exists, undispatched, with its Quartz trigger. */
    private void assertNextOccurrenceScheduled(String broadcastId) throws Exception {
        List<Map<String, Object>> occurrences =
                asAdmin().get("/api/v1/broadcasts/" + broadcastId).jsonPath().getList("occurrences");
        assertThat(occurrences).hasSize(2);
        Map<String, Object> next = occurrences.stream()
                .filter(o -> o.get("dispatchedAt") == null)
                .findFirst()
                .orElseThrow();
        assertThat(quartz.checkExists(TriggerKey.triggerKey((String) next.get("id"), OccurrenceTriggers.GROUP)))
                .isTrue();
    }

    private double failures() {
        return registry.get(PublishRetry.FAILURES).counter().count();
    }

    private static String recurring(String bulletinId, String area, OffsetDateTime startAt, int count) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletinId,
                        "startAt",
                        startAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                        "targets",
                        Map.of("areas", List.of(area)),
                        "recurrence",
                        Map.of("rrule", "FREQ=DAILY;COUNT=" + count)))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Ids of the broadcast's occurrences that were dispatched. */
    private static Set<String> dispatched(String broadcastId) {
        JsonPath view = asAdmin().get("/api/v1/broadcasts/" + broadcastId).jsonPath();
        Set<String> ids = new TreeSet<>();
        List<Map<String, Object>> occurrences = view.getList("occurrences");
        for (Map<String, Object> o : occurrences) {
            if (o.get("dispatchedAt") != null) {
                ids.add((String) o.get("id"));
            }
        }
        return ids;
    }

    /** Occurrence ids in the newest manifest seen on each topic. */
    private static Set<String> manifestOccurrences(TestMqttClient watcher) {
        Map<String, String> latest = new java.util.HashMap<>();
        watcher.received().forEach(r -> latest.put(r.topic(), r.text()));
        Set<String> ids = new TreeSet<>();
        latest.values().forEach(text -> ids.addAll(JsonPath.from(text).getList("entries.occurrenceId")));
        return ids;
    }

    private static int count(JsonPath report, String state) {
        Map<String, Integer> counts = report.getMap("counts");
        return counts == null ? 0 : counts.getOrDefault(state, 0);
    }
}
