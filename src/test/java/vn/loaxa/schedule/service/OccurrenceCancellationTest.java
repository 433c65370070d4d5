package vn.loaxa.schedule.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * Cancelling one occurrence of a series (an EXDATE): the series skips exactly that day and goes on, a dispatched
 * occurrence has its deliveries cancelled, and a time that is not an occurrence is refused.
 */
@QuarkusTest
class OccurrenceCancellationTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static String mediaId;

    @Inject
    Scheduler quartz;

    @BeforeEach
    void media() throws Exception {
        if (mediaId == null) {
            mediaId = Fixtures.uploadReadyMedia(
                    TestAudio.sineWav(Files.createTempFile("exdate", ".wav"), 2, 440, 0.2), "Buổi huỷ", "vie");
        }
    }

    @Test
    void shouldSkipExactlyTheExcludedDayAndFireTheNextOne() throws Exception {
        Fixtures.area("EX-SKIP", "COMMUNE", null);
        Fixtures.receiver("ex-skip-1", "EX-SKIP", List.of("vie"));
        LocalDateTime first = LocalDateTime.now(ZONE).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
        String id = create(Fixtures.bulletin(mediaId, "NORMAL"), "EX-SKIP", first, "FREQ=DAILY;COUNT=5");

        exclude(id, first.plusDays(1))
                .then()
                .statusCode(200)
                .body("exdates", hasItem(first.plusDays(1).toString() + ":00"));

        List<LocalDateTime> listed = asAdmin()
                .queryParam(
                        "from",
                        first.minusMinutes(1).atZone(ZONE).toOffsetDateTime().toString())
                .queryParam("count", 10)
                .get("/api/v1/broadcasts/" + id + "/occurrences")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("occurrences.localTime", String.class)
                .stream()
                .map(LocalDateTime::parse)
                .toList();
        assertThat(listed).containsExactly(first, first.plusDays(2), first.plusDays(3), first.plusDays(4));

        // Quartz fires the first occurrence now, as its trigger would: the one it schedules next is the third day's
        String firstOccurrence = broadcast(id).getString("occurrences[0].id");
        quartz.triggerJob(
                JobKey.jobKey(id, OccurrenceTriggers.JOB_GROUP),
                new JobDataMap(Map.of(OccurrenceTriggers.OCCURRENCE_ID, firstOccurrence)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> broadcast(id).getList("occurrences").size() == 2);
        JsonPath after = broadcast(id);
        assertThat(after.getString("occurrences[0].dispatchedAt")).isNotNull();
        assertThat(OffsetDateTime.parse(after.getString("occurrences[1].playAt"))
                        .toInstant())
                .isEqualTo(first.plusDays(2).atZone(ZONE).toInstant());
        assertThat(quartz.checkExists(
                        TriggerKey.triggerKey(after.getString("occurrences[1].id"), OccurrenceTriggers.GROUP)))
                .isTrue();
    }

    @Test
    void shouldCancelADispatchedOccurrenceWithItsDeliveriesAndMoveThePendingTrigger() throws Exception {
        Fixtures.area("EX-DEL", "COMMUNE", null);
        Fixtures.receiver("ex-del-1", "EX-DEL", List.of("vie"));
        LocalDateTime first = LocalDateTime.now(ZONE).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        String id = create(Fixtures.bulletin(mediaId, "NORMAL"), "EX-DEL", first, "FREQ=DAILY;COUNT=4");
        String firstOccurrence = broadcast(id).getString("occurrences[0].id");
        quartz.triggerJob(
                JobKey.jobKey(id, OccurrenceTriggers.JOB_GROUP),
                new JobDataMap(Map.of(OccurrenceTriggers.OCCURRENCE_ID, firstOccurrence)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(id).getInt("total") == 1
                        && broadcast(id).getList("occurrences").size() == 2);

        exclude(id, first).then().statusCode(200);

        JsonPath report = deliveries(id);
        assertThat(report.getInt("counts.CANCELLED")).isEqualTo(1);
        assertThat(report.getString("deliveries[0].state")).isEqualTo("CANCELLED");
        JsonPath view = broadcast(id);
        assertThat(view.getString("occurrences[0].cancelledAt")).isNotNull();
        assertThat(view.getString("occurrences[1].cancelledAt")).isNull();
        String second = view.getString("occurrences[1].id");
        assertThat(quartz.checkExists(TriggerKey.triggerKey(second, OccurrenceTriggers.GROUP)))
                .isTrue();

        // the second day's occurrence is materialised and its trigger pending: the third day's takes its place
        exclude(id, first.plusDays(1)).then().statusCode(200);

        view = broadcast(id);
        assertThat(view.getList("occurrences")).hasSize(3);
        assertThat(view.getString("occurrences[1].cancelledAt")).isNotNull();
        assertThat(OffsetDateTime.parse(view.getString("occurrences[2].playAt")).toInstant())
                .isEqualTo(first.plusDays(2).atZone(ZONE).toInstant());
        assertThat(quartz.checkExists(TriggerKey.triggerKey(second, OccurrenceTriggers.GROUP)))
                .isFalse();
        assertThat(quartz.checkExists(
                        TriggerKey.triggerKey(view.getString("occurrences[2].id"), OccurrenceTriggers.GROUP)))
                .isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(asAdmin()
                                .queryParam("targetId", id)
                                .get("/api/v1/audit")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("path", String.class))
                        .filteredOn(path -> path.endsWith("/exdates"))
                        .hasSize(2));
    }

    @Test
    void shouldRefuseATimeThatIsNotAnOccurrenceOfTheSeries() {
        Fixtures.area("EX-BAD", "COMMUNE", null);
        Fixtures.receiver("ex-bad-1", "EX-BAD", List.of("vie"));
        String bulletin = Fixtures.bulletin(mediaId, "NORMAL");
        LocalDateTime first = LocalDateTime.now(ZONE).plusDays(3).truncatedTo(ChronoUnit.MINUTES);
        String series = create(bulletin, "EX-BAD", first, "FREQ=DAILY;COUNT=5");

        exclude(series, first.plusDays(1).plusMinutes(30))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("localTime"));
        exclude(series, first.plusDays(7)) // after COUNT=5
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        String once = create(bulletin, "EX-BAD", first.plusHours(1), null);
        exclude(once, first.plusHours(1)).then().statusCode(422).contentType("application/problem+json");

        // the same day twice is one EXDATE
        exclude(series, first.plusDays(2)).then().statusCode(200);
        exclude(series, first.plusDays(2)).then().statusCode(200);
        assertThat(broadcast(series).getList("exdates")).hasSize(1);
    }

    private static io.restassured.response.Response exclude(String id, LocalDateTime localTime) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("localTime", localTime.toString()))
                .post("/api/v1/broadcasts/" + id + "/exdates");
    }

    private static String create(String bulletinId, String area, LocalDateTime first, String rrule) {
        Map<String, Object> body = new HashMap<>();
        body.put("bulletinId", bulletinId);
        body.put("startAt", first.atZone(ZONE).toOffsetDateTime().toString());
        body.put("timeZone", ZONE.getId());
        body.put("targets", Map.of("areas", List.of(area)));
        if (rrule != null) {
            body.put("recurrence", Map.of("rrule", rrule));
        }
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath broadcast(String id) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath deliveries(String id) {
        return asAdmin().get("/api/v1/broadcasts/" + id + "/deliveries").jsonPath();
    }
}
