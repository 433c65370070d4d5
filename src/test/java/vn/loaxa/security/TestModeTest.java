package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.support.TestMqttClient;

/** A test-mode broadcast is tagged as a test in the API, the manifest, the page and the as-run report. */
@QuarkusTest
class TestModeTest {
    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Test
    void shouldTagATestBroadcastEverywhere() throws Exception {
        Fixtures.area("TMD", "COMMUNE", null);
        Fixtures.receiver("tmd-rx", "TMD", List.of("vie"));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("tmd", ".wav"), 1.5, 660, 0.2), "Thử loa", "vie");
        String bulletin = Fixtures.bulletin(mediaId, "NORMAL");
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
        String id = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "startAt",
                        at.toString(),
                        "targets",
                        Map.of("areas", List.of("TMD")),
                        "test",
                        true))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(asAdmin().get("/api/v1/broadcasts/" + id).then().extract().<Boolean>path("test"))
                .isTrue();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + id + "/deliveries")
                                .then()
                                .extract()
                                .<Integer>path("total")
                        == 1);

        try (TestMqttClient watcher =
                new TestMqttClient(mqtt.url().or(broker::url).orElseThrow())) {
            // one area, one variant: the entry goes out once, on the area topic
            watcher.subscribe(new Topics(mqtt.topicPrefix()).areaManifest("TMD"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !watcher.received().isEmpty());
            assertThat(watcher.received().get(0).text()).contains("\"test\":true");
        }
        assertThat(asAdmin()
                        .get("/broadcasts/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("id=\"test-banner\"");
        LocalDate day = at.atZoneSameInstant(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
        String asRun = asAdmin()
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .queryParam("area", "TMD")
                .queryParam("format", "csv")
                .queryParam("lang", "en")
                .get("/api/v1/reports/as-run")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(asRun).contains("tmd-rx").contains("TEST");
    }
}
