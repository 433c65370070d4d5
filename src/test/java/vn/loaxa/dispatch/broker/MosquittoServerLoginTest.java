package vn.loaxa.dispatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ServerDiagnostics;
import vn.loaxa.support.TestMqttClient;

/**
 * The server itself on Mosquitto as shipped: it gets in with the login {@code loaxa-mosquitto-setup} created before
 * any file was generated, keeps its connection although the broker makes its user name its client id, and hears
 * receivers once {@code loaxa-mosquitto-sync} has installed the generated files.
 */
@QuarkusTest
@TestProfile(MosquittoServerLoginTest.OnShippedMosquitto.class)
class MosquittoServerLoginTest {

    public static class OnShippedMosquitto implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ShippedMosquittoResource.class));
        }
    }

    /** Sets up and starts the shipped Mosquitto before the server, which then connects to it. */
    public static class ShippedMosquittoResource implements QuarkusTestResourceLifecycleManager {
        private Path dir;
        private ShippedMosquitto mosquitto;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("loaxa-mosquitto");
                mosquitto = new ShippedMosquitto(dir);
                ShippedMosquitto.Run setUp = mosquitto.setUp(Api.MQTT_PASSWORD, Api.MQTT_USER);
                if (setUp.exitCode() != 0) {
                    throw new IllegalStateException(setUp.output());
                }
                mosquitto.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Map.of("loaxa.mqtt.url", mosquitto.url());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(mosquitto, new TestInjector.MatchesType(ShippedMosquitto.class));
        }

        @Override
        public void stop() {
            try (Stream<Path> files = Files.walk(dir)) {
                mosquitto.close();
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    ShippedMosquitto mosquitto;

    @Inject
    MqttGateway gateway;

    @Inject
    MqttConfig config;

    @Test
    void shouldKeepTheServerConnectedAndHearReceiversAfterTheSync() throws Exception {
        await("the server subscribed on Mosquitto")
                .atMost(Duration.ofSeconds(30))
                .until(gateway::subscribed);
        assertThat(mosquitto.log())
                .as("the broker names the server's connection after its user")
                .contains("as " + Api.MQTT_USER + " (p5");
        Fixtures.area("MQG", "COMMUNE", null);
        String secret = Fixtures.receiver("mqg-a", "MQG", List.of("vie"));

        ShippedMosquitto.Run sync =
                mosquitto.sync("http://127.0.0.1:" + RestAssured.port, Api.ADMIN, Api.ADMIN_PASSWORD, Map.of());
        assertThat(sync.exitCode()).as(sync.output()).isZero();

        Topics topics = new Topics(config.topicPrefix());
        await("the receiver heard through Mosquitto")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    try (TestMqttClient receiver = new TestMqttClient(mosquitto.url(), "mqg-a", "mqg-a", secret)) {
                        receiver.publish(topics.receiver("mqg-a", Topics.Kind.STATUS), """
                                {"schema":"loaxa.status/1","receiverId":"mqg-a","online":true,"at":"%s"}""".formatted(Instant.now()));
                        await().atMost(Duration.ofSeconds(5))
                                .untilAsserted(() -> assertThat(asAdmin()
                                                .get("/api/v1/receivers/mqg-a")
                                                .<Boolean>path("online"))
                                        .as(ServerDiagnostics::inbound)
                                        .isTrue());
                    }
                });
        assertThat(gateway.subscribed()).isTrue();
        assertThat(mosquitto.log()).doesNotContain("Client " + Api.MQTT_USER + " disconnected");
    }
}
