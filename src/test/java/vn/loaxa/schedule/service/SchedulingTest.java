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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ReceiverBulk;
import vn.loaxa.support.TestAudio;

/** Quartz use: trigger count independent of receivers, misfire policy, overlaps. */
@QuarkusTest
class SchedulingTest {
    private static String mediaId;

    @Inject
    Scheduler quartz;

    @Inject
    ReceiverBulk bulk;

    @BeforeEach
    void media() throws Exception {
        if (mediaId == null) {
            mediaId = Fixtures.uploadReadyMedia(
                    TestAudio.sineWav(Files.createTempFile("sched", ".wav"), 2, 440, 0.2), "Lịch", "vie");
        }
    }

    @AfterEach
    void resume() throws Exception {
        if (quartz.isInStandbyMode()) {
            quartz.start();
        }
    }

    @Test
    void shouldKeepOneTriggerPerBroadcastWhetherItReachesOneOrAThousandReceivers() throws Exception {
        Fixtures.area("TC-1", "COMMUNE", null);
        Fixtures.area("TC-1000", "COMMUNE", null);
        bulk.create("TC-1", "tc-one", 1);
        bulk.create("TC-1000", "tc-many", 1000);
        String bulletin = Fixtures.bulletin(mediaId, "NORMAL");
        OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);

        int before = triggers();
        create(bulletin, "TC-1", tomorrow, "FREQ=DAILY;COUNT=30", null);
        int afterOne = triggers();
        create(bulletin, "TC-1000", tomorrow.plusHours(1), "FREQ=DAILY;COUNT=30", null);
        int afterThousand = triggers();

        assertThat(afterOne - before).isEqualTo(1);
        assertThat(afterThousand - afterOne).isEqualTo(afterOne - before);
    }

    @Test
    void shouldDispatchToAThousandReceiversWithOneTrigger() throws Exception {
        Fixtures.area("TC-NOW", "COMMUNE", null);
        bulk.create("TC-NOW", "tc-now", 1000);
        int before = triggers();
        String id = create(
                Fixtures.bulletin(mediaId, "NORMAL"),
                "TC-NOW",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(2),
                null,
                null);

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(id).getInt("total") == 1000);
        assertThat(triggers()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void shouldAirLateAnOccurrenceWhoseWindowIsStillOpenAfterDowntime() throws Exception {
        Fixtures.area("MF-LATE", "COMMUNE", null);
        Fixtures.receiver("mf-late-1", "MF-LATE", List.of("vie"));
        quartz.standby();
        Instant startAt = Instant.now().plusSeconds(1);
        String id = create(
                Fixtures.bulletin(mediaId, "NORMAL"), "MF-LATE", startAt.atOffset(ZoneOffset.UTC), null, "PT10M");
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(startAt.plusSeconds(1)));
        quartz.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = deliveries(id);
            assertThat(report.getInt("total")).isEqualTo(1);
            assertThat(report.getString("deliveries[0].state")).isEqualTo("SCHEDULED");
        });
    }

    @Test
    void shouldRecordMissedAnOccurrenceWhoseWindowClosedDuringDowntime() throws Exception {
        Fixtures.area("MF-GONE", "COMMUNE", null);
        Fixtures.receiver("mf-gone-1", "MF-GONE", List.of("vie"));
        quartz.standby();
        Instant startAt = Instant.now().plusSeconds(1);
        String id =
                create(Fixtures.bulletin(mediaId, "NORMAL"), "MF-GONE", startAt.atOffset(ZoneOffset.UTC), null, "PT1S");
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(startAt.plusSeconds(3)));
        quartz.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = deliveries(id);
            assertThat(report.getInt("counts.MISSED")).isEqualTo(1);
            assertThat(report.getString("deliveries[0].reason")).contains("server was not running");
        });
    }

    @Test
    void shouldRefuseAnEqualPriorityOverlapUnlessQueueingIsAllowed() {
        Fixtures.area("OV", "COMMUNE", null);
        Fixtures.receiver("ov-1", "OV", List.of("vie"));
        String bulletin = Fixtures.bulletin(mediaId, "PRIORITY");
        // Whole seconds: RRULE instances have second precision, so a recurring broadcast airs at the whole second of
        // its start while a one-off keeps the fraction. With a fraction near 1 s the clash below began almost 2 s
        // after the 2 s item and really did not overlap it (the 201 seen once in a full run).
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        String first = create(bulletin, "OV", at, "FREQ=DAILY;COUNT=3", null);

        Map<String, Object> clash = body(bulletin, "OV", at.plusDays(1).plusSeconds(1), null, null);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(clash)
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("conflicts", hasItem(first));

        clash.put("allowOverlap", true);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(clash)
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body(bulletin, "OV", at.plusHours(1), null, null))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201);
    }

    private int triggers() throws Exception {
        return quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(OccurrenceTriggers.GROUP))
                .size();
    }

    private static String create(String bulletinId, String area, OffsetDateTime startAt, String rrule, String grace) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(body(bulletinId, area, startAt, rrule, grace))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> body(
            String bulletinId, String area, OffsetDateTime startAt, String rrule, String grace) {
        Map<String, Object> body = new HashMap<>();
        body.put("bulletinId", bulletinId);
        body.put("startAt", startAt.toString());
        body.put("targets", Map.of("areas", List.of(area)));
        if (rrule != null) {
            body.put("recurrence", Map.of("rrule", rrule));
        }
        if (grace != null) {
            body.put("lateStartGrace", grace);
        }
        return body;
    }

    private static JsonPath deliveries(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .jsonPath();
    }
}
