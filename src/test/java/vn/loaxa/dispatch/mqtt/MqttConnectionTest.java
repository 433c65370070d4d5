package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.support.Api;
import vn.loaxa.support.StackResource;
import vn.loaxa.support.TestMqttClient;

/** The connection supervision on its own, against the embedded broker, apart from the server's own connection. */
@QuarkusTest
@DisabledIfSystemProperty(named = "loaxa.it.stack", matches = "external")
class MqttConnectionTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final String root = "mqtt-connection-test/" + UUID.randomUUID();

    @Inject
    EmbeddedBroker broker;

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldSubscribeOnConnectAndAgainOnAFreshClientAfterBeingReplaced() throws Exception {
        Recorder listener = new Recorder();
        MqttConnection connection = new MqttConnection(
                broker.url().orElseThrow(),
                "connection-test-" + UUID.randomUUID(),
                MqttConnection.sessionOptions(
                        true, Duration.ZERO, 10, Optional.of(Api.MQTT_USER), Optional.of(Api.MQTT_PASSWORD)),
                List.of(root + "/#"),
                scheduler,
                listener);
        try (TestMqttClient sender = new TestMqttClient(broker.url().orElseThrow())) {
            connection.connect();
            await().atMost(Duration.ofSeconds(10)).until(connection::subscribed);
            assertThat(listener.subscriptions).hasValue(1);
            sender.publish(root + "/first", "1");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.texts().contains("1"));

            var before = connection.client();
            connection.replace();

            assertThat(connection.client()).isNotSameAs(before);
            assertThat(before.isConnected()).isFalse();
            assertThat(connection.connectFailed()).isFalse();
            assertThat(listener.losses.get()).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(connection::subscribed);
            assertThat(listener.subscriptions).hasValue(2);
            sender.publish(root + "/second", "2");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.texts().contains("2"));
        } finally {
            connection.close();
        }
        assertThat(connection.connected()).isFalse();
        assertThat(connection.subscribed()).isFalse();
    }

    @Test
    void shouldConnectToTheNextBrokerOfTheListWhenTheFirstIsDead() throws Exception {
        Recorder listener = new Recorder();
        String dead = "tcp://127.0.0.1:" + StackResource.freePort();
        MqttConnection connection = new MqttConnection(
                dead + ", " + broker.url().orElseThrow(),
                "connection-test-" + UUID.randomUUID(),
                MqttConnection.sessionOptions(
                        true, Duration.ZERO, 10, Optional.of(Api.MQTT_USER), Optional.of(Api.MQTT_PASSWORD)),
                List.of(root + "/#"),
                scheduler,
                listener);
        try (TestMqttClient sender = new TestMqttClient(broker.url().orElseThrow())) {
            connection.connect();
            await().atMost(Duration.ofSeconds(10)).until(connection::subscribed);
            assertThat(connection.client().getCurrentServerURI())
                    .isEqualTo(broker.url().orElseThrow());
            sender.publish(root + "/failover", "over");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.texts().contains("over"));
        } finally {
            connection.close();
        }
    }

    @Test
    void shouldKeepAPersistentSessionOnAnExternalBrokerOnly() {
        MqttConnectionOptions external = MqttConnection.sessionOptions(
                false, Duration.ofHours(1), 20, Optional.of("server"), Optional.of("secret"));
        assertThat(external.isCleanStart()).isFalse();
        assertThat(external.getSessionExpiryInterval()).isEqualTo(3600L);
        assertThat(external.isAutomaticReconnect()).isTrue();
        assertThat(external.getReceiveMaximum()).isEqualTo(20);
        assertThat(external.getUserName()).isEqualTo("server");
        assertThat(new String(external.getPassword(), StandardCharsets.UTF_8)).isEqualTo("secret");

        MqttConnectionOptions embedded =
                MqttConnection.sessionOptions(true, Duration.ofHours(1), 20, Optional.empty(), Optional.empty());
        assertThat(embedded.isCleanStart()).isTrue();
        assertThat(embedded.getSessionExpiryInterval()).isNull();
        assertThat(embedded.getUserName()).isNull();
    }

    private static final class Recorder implements MqttConnection.Listener {
        final List<MqttMessage> messages = new CopyOnWriteArrayList<>();
        final AtomicInteger subscriptions = new AtomicInteger();
        final AtomicInteger losses = new AtomicInteger();

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.add(message);
        }

        @Override
        public void subscribed() {
            subscriptions.incrementAndGet();
        }

        @Override
        public void unsubscribed() {
            losses.incrementAndGet();
        }

        List<String> texts() {
            return messages.stream()
                    .map(m -> new String(m.getPayload(), StandardCharsets.UTF_8))
                    .toList();
        }
    }
}
