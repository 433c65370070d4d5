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
