package vn.loaxa.receiver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ServerDiagnostics;
import vn.loaxa.support.TestMqttClient;

/** Going offline and back online over MQTT leaves an outage with its start, end and duration. */
@QuarkusTest
class OutageHistoryTest {
    private static final String RX = "outage-rx-1";
    private static final String RX_LOST_STATUS = "outage-rx-2";

    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Test
    void shouldRecordAnOutageFromOfflineToOnlineAndKeepTheCurrentOneOpen() throws Exception {
        Fixtures.area("OUT", "COMMUNE", null);
        Fixtures.receiver(RX, "OUT", List.of("vie"));
        String topic = new Topics(config.topicPrefix()).receiver(RX, Topics.Kind.STATUS);

        try (TestMqttClient agent =
                new TestMqttClient(config.url().or(broker::url).orElseThrow())) {
            agent.publish(topic, online(Instant.now()));
            awaitOnline(true);
            agent.publish(topic, "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + RX + "\",\"online\":false}");
            awaitOnline(false);
            assertThat(outages().getList("$")).hasSize(1);
            assertThat(outages().getString("[0].endedAt")).isNull();

            agent.publish(topic, online(Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath outages = outages();
                assertThat(outages.getList("$")).hasSize(1);
                assertThat(outages.getString("[0].endedAt")).isNotNull();
                assertThat(outages.getLong("[0].durationSeconds")).isBetween(0L, 60L);
            });
            agent.publish(topic, "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + RX + "\",\"online\":false}");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(outages().getList("$")).hasSize(2);
                assertThat(outages().getString("[1].endedAt")).isNull();
            });
        }
        asAdmin().get("/api/v1/receivers/nobody/outages").then().statusCode(404);
    }

    @Test
    void shouldTakeAHeartbeatReceivedAfterTheLastOfflineAsTheReceiverBeingBack() throws Exception {
        Fixtures.area("OUH", "COMMUNE", null);
        Fixtures.receiver(RX_LOST_STATUS, "OUH", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());
        String status = topics.receiver(RX_LOST_STATUS, Topics.Kind.STATUS);
        String heartbeat = new String(
                        getClass()
                                .getResourceAsStream("/protocol/heartbeat.json")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("ls-thatkhe-01", RX_LOST_STATUS);

        try (TestMqttClient agent =
                new TestMqttClient(config.url().or(broker::url).orElseThrow())) {
            agent.publish(status, online(RX_LOST_STATUS, Instant.now()));
            awaitOnline(RX_LOST_STATUS, true);
            agent.publish(status, offline(RX_LOST_STATUS));
            awaitOnline(RX_LOST_STATUS, false);
            // back, but its online status was lost on the way (a broker's full queue): its heartbeat arrives
            agent.publish(topics.receiver(RX_LOST_STATUS, Topics.Kind.HEARTBEAT), heartbeat);
        }

        awaitOnline(RX_LOST_STATUS, true);
        JsonPath outages = asAdmin()
                .get("/api/v1/receivers/" + RX_LOST_STATUS + "/outages")
                .jsonPath();
        assertThat(outages.getList("$")).hasSize(1);
        assertThat(outages.getString("[0].endedAt")).isNotNull();
    }

    private static String offline(String receiverId) {
        return "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + receiverId + "\",\"online\":false}";
    }

    private static String online(String receiverId, Instant at) {
        return "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + receiverId + "\",\"online\":true,\"at\":\"" + at
                + "\"}";
    }

    private static void awaitOnline(String receiverId, boolean online) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(asAdmin()
                                .get("/api/v1/receivers/" + receiverId)
                                .jsonPath()
                                .getBoolean("online"))
                        .as(ServerDiagnostics::inbound)
                        .isEqualTo(online));
    }

    private static String online(Instant at) {
        return "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + RX + "\",\"online\":true,\"at\":\"" + at + "\"}";
    }

    private static void awaitOnline(boolean online) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(asAdmin()
                                .get("/api/v1/receivers/" + RX)
                                .jsonPath()
                                .getBoolean("online"))
                        .as(ServerDiagnostics::inbound)
                        .isEqualTo(online));
    }

    private static JsonPath outages() {
        return asAdmin().get("/api/v1/receivers/" + RX + "/outages").jsonPath();
    }
}
