package vn.loaxa.schedule.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import vn.loaxa.schedule.service.OccurrenceTriggers;
import vn.loaxa.support.EnglishErrors;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

@ExtendWith(EnglishErrors.class)
@QuarkusTest
class BroadcastResourceTest {
    private static String bulletinId;

    @Inject
    Scheduler quartz;

    @BeforeEach
    void content() throws Exception {
        if (bulletinId != null) {
            return;
        }
        Fixtures.area("BC", "COMMUNE", null);
        Fixtures.area("BC-EMPTY", "COMMUNE", null);
        Fixtures.receiver("bc-rx-1", "BC", List.of("vie"));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("bc", ".wav"), 1.5, 440, 0.2), "Lịch", "vie");
        bulletinId = Fixtures.bulletin(mediaId, "NORMAL");
    }

    @Test
    void shouldScheduleOneTriggerPerOccurrence() throws Exception {
        int before = quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(OccurrenceTriggers.GROUP))
                .size();
        String id = Fixtures.broadcast(
                bulletinId,
                List.of("BC"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(2));

        var occurrences = asAdmin()
                .get("/api/v1/broadcasts/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("occurrences.id", String.class);
        assertThat(occurrences).hasSize(1);
        assertThat(quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(OccurrenceTriggers.GROUP)))
                .hasSize(before + 1)
                .anyMatch(key -> key.getName().equals(occurrences.get(0)));
    }

    @Test
    void shouldRejectAnUnknownBulletin() {
        post(Map.of(
                        "bulletinId",
                        UUID.randomUUID().toString(),
                        "startAt",
                        future(),
                        "targets",
                        Map.of("areas", List.of("BC"))))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Bulletin"));
    }

    @Test
    void shouldRejectAStartInThePast() {
        post(Map.of(
                        "bulletinId",
                        bulletinId,
                        "startAt",
                        OffsetDateTime.now().minusMinutes(5).toString(),
                        "targets",
                        Map.of("areas", List.of("BC"))))
                .statusCode(422)
                .body("errors[0].field", equalTo("startAt"))
                .body("detail", containsString("in the past"));
    }

    @Test
    void shouldRejectTargetsWithoutReceivers() {
        post(Map.of("bulletinId", bulletinId, "startAt", future(), "targets", Map.of("areas", List.of("BC-EMPTY"))))
                .statusCode(422)
                .body("errors[0].field", equalTo("targets"));
        post(Map.of("bulletinId", bulletinId, "startAt", future(), "targets", Map.of()))
                .statusCode(422)
                .body("errors[0].field", equalTo("targets"));
        post(Map.of("bulletinId", bulletinId, "startAt", future(), "targets", Map.of("receivers", List.of("ghost"))))
                .statusCode(422)
                .body("detail", containsString("ghost"));
    }

    @Test
    void shouldRejectAMalformedStartTime() {
        post(Map.of(
                        "bulletinId",
                        bulletinId,
                        "startAt",
                        "tomorrow at eight",
                        "targets",
                        Map.of("areas", List.of("BC"))))
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectABroadcastOfUnknownIdWith404() {
        asAdmin()
                .get("/api/v1/broadcasts/" + UUID.randomUUID() + "/deliveries")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/broadcasts")
                .then();
    }

    private static String future() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
    }
}
