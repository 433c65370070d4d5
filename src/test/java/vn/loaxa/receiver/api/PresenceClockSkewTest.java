package vn.loaxa.receiver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ServerDiagnostics;

/**
 * Over MQTT, a receiver whose clock is 3 minutes fast or slow goes online on its online status and offline on its
 * Last Will (published by the broker when the connection drops), in both orders, and its outages are dated by the
 * server.
 */
@QuarkusTest
class PresenceClockSkewTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @ParameterizedTest(name = "clock {0} min off")
    @ValueSource(ints = {-3, 3})
    void shouldFollowTheOrderInWhichTheServerReceivedStatusAndWill(int skewMinutes) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String rx = "skew-rx-" + suffix;
        Fixtures.area("SKEW-" + suffix, "COMMUNE", null);
        Fixtures.receiver(rx, "SKEW-" + suffix, List.of("vie"));
        String topic = new Topics(config.topicPrefix()).receiver(rx, Topics.Kind.STATUS);
        Duration skew = Duration.ofMinutes(skewMinutes);
        Instant testStart = Instant.now();

        MqttClient first = connectWithWill(topic, rx);
        publishOnline(first, topic, rx, skew);
        awaitOnline(rx, true);
        vanish(first);
        awaitOnline(rx, false);

        MqttClient second = connectWithWill(topic, rx);
        publishOnline(second, topic, rx, skew);
        awaitOnline(rx, true);
        vanish(second);
        awaitOnline(rx, false);

        JsonPath outages = asAdmin().get("/api/v1/receivers/" + rx + "/outages").jsonPath();
        assertThat(outages.getList("$")).hasSize(2);
        assertThat(outages.getString("[1].endedAt")).isNull();
        Instant started =
                OffsetDateTime.parse(outages.getString("[0].startedAt")).toInstant();
        Instant ended = OffsetDateTime.parse(outages.getString("[0].endedAt")).toInstant();
        assertThat(started).as("dated by the server's clock").isBetween(testStart, Instant.now());
        assertThat(ended).isBetween(started, Instant.now());
        assertThat(outages.getLong("[0].durationSeconds")).isBetween(0L, TIMEOUT.toSeconds());
    }

    /** Connects as the receiver's agent would, with its Last Will on the status topic (no Will Delay). */
    private MqttClient connectWithWill(String topic, String rx) throws MqttException {
        MqttClient client = new MqttClient(
                config.url().or(broker::url).orElseThrow(), "test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(Api.MQTT_USER);
        options.setPassword(Api.MQTT_PASSWORD.getBytes(StandardCharsets.UTF_8));
        String will = "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + rx + "\",\"online\":false}";
        options.setWill(topic, new MqttMessage(will.getBytes(StandardCharsets.UTF_8), 1, false, new MqttProperties()));
        client.connect(options);
        return client;
    }

    private static void publishOnline(MqttClient client, String topic, String rx, Duration skew) throws MqttException {
        String status = "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"" + rx + "\",\"online\":true,\"at\":\""
                + Instant.now().plus(skew) + "\",\"agentVersion\":\"skewed\"}";
        client.publish(topic, status.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Drops the connection without a DISCONNECT packet, so that the broker publishes the Will. */
    private static void vanish(MqttClient client) throws MqttException {
        client.disconnectForcibly(0, 1000, false);
        client.close(true);
    }

    private static void awaitOnline(String rx, boolean online) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(asAdmin()
                                .get("/api/v1/receivers/" + rx)
                                .jsonPath()
                                .getBoolean("online"))
                        .as(ServerDiagnostics::inbound)
                        .isEqualTo(online));
    }
}
