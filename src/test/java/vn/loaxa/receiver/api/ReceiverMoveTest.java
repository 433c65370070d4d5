package vn.loaxa.receiver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.service.ManifestVersions;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.support.TestMqttClient;

/** A receiver moved to another area is told its new area topics at once and belongs to the new area from then on. */
@QuarkusTest
class ReceiverMoveTest {
    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ManifestVersions versions;

    @Inject
    EntityManager em;

    @Test
    void shouldMoveAReceiverAndRepublishItsAreas() throws Exception {
        Fixtures.area("MV-P", "PROVINCE", null);
        Fixtures.area("MV-A", "COMMUNE", "MV-P");
        Fixtures.area("MV-B", "COMMUNE", "MV-P");
        Fixtures.receiver("mv-rx", "MV-A", List.of("vie"));
        String areasTopic = new Topics(config.topicPrefix()).receiver("mv-rx", Topics.Kind.AREAS);

        String bulletin = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("mv", ".wav"), 1.5, 440, 0.2), "Tin xã", "vie"),
                "NORMAL");
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
        String leftArea = Fixtures.broadcast(bulletin, List.of("MV-A"), List.of(), later);
        String province = Fixtures.broadcast(bulletin, List.of("MV-P"), List.of(), later.plusMinutes(5));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SCHEDULED".equals(state(leftArea)) && "SCHEDULED".equals(state(province)));

        try (TestMqttClient listener =
                new TestMqttClient(config.url().or(broker::url).orElseThrow())) {
            listener.subscribe(areasTopic);
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(listener).contains("MV-A"));

            asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("areaCode", "MV-B"))
                    .put("/api/v1/receivers/mv-rx/area")
                    .then()
                    .statusCode(200)
                    .body("areaCode", org.hamcrest.Matchers.equalTo("MV-B"));

            await().atMost(Duration.ofSeconds(10)).until(() -> latest(listener).contains("MV-B"));
            assertThat(latest(listener)).doesNotContain("MV-A");
        }
        asAdmin().get("/api/v1/receivers/mv-rx").then().body("areaCode", org.hamcrest.Matchers.equalTo("MV-B"));
        // the commune it left will never reach it again; the province it is still in will
        assertThat(state(leftArea)).isEqualTo("CANCELLED");
        assertThat(asAdmin()
                        .get("/api/v1/broadcasts/" + leftArea + "/deliveries")
                        .jsonPath()
                        .getString("deliveries[0].reason"))
                .contains("moved to area MV-B");
        assertThat(state(province)).isEqualTo("SCHEDULED");
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCode", "NOWHERE"))
                .put("/api/v1/receivers/mv-rx/area")
                .then()
                .statusCode(422);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCode", "MV-B"))
                .put("/api/v1/receivers/no-such-rx/area")
                .then()
                .statusCode(404);
    }

    /**
     * Another replica, its clock a day ahead, published the receiver's areas last: the move published here still
     * gets a higher version, so the receiver takes it.
     */
    @Test
    void shouldPublishTheAreasOfAMoveAboveAVersionAReplicaAheadGaveThem() throws Exception {
        Fixtures.area("MV2-P", "PROVINCE", null);
        Fixtures.area("MV2-A", "COMMUNE", "MV2-P");
        Fixtures.area("MV2-B", "COMMUNE", "MV2-P");
        Fixtures.receiver("mv2-rx", "MV2-A", List.of("vie"));
        String areasTopic = new Topics(config.topicPrefix()).receiver("mv2-rx", Topics.Kind.AREAS);
        long aheadVersion = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
        versions.ensure(List.of(areasTopic));
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("UPDATE manifest_version SET version = :v WHERE topic = :t")
                        .setParameter("v", aheadVersion)
                        .setParameter("t", areasTopic)
                        .executeUpdate());

        try (TestMqttClient listener =
                new TestMqttClient(config.url().or(broker::url).orElseThrow())) {
            listener.subscribe(areasTopic);
            asAdmin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("areaCode", "MV2-B"))
                    .put("/api/v1/receivers/mv2-rx/area")
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> latest(listener).contains("MV2-B"));
            assertThat(new ObjectMapper()
                            .readTree(latest(listener))
                            .get("version")
                            .asLong())
                    .isGreaterThan(aheadVersion);
        }
    }

    private static String state(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .jsonPath()
                .getString("deliveries[0].state");
    }

    private static String latest(TestMqttClient client) {
        List<TestMqttClient.Received> received = client.received();
        return received.isEmpty()
                ? ""
                : new String(received.get(received.size() - 1).message().getPayload(), StandardCharsets.UTF_8);
    }
}
