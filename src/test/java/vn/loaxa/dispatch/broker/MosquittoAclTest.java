package vn.loaxa.dispatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.OnMessage;
import vn.loaxa.support.TestMqttClient;

/**
 * Mosquitto as shipped (infra/mosquitto: its configuration, set up by {@code loaxa-mosquitto-setup} and fed by
 * {@code loaxa-mosquitto-sync} with the files loaxa generates) confines each receiver to its own topics and its own
 * client id, as the embedded broker does, and lets every server replica in with its own login.
 */
@QuarkusTest
class MosquittoAclTest {
    private static final String SECOND_REPLICA = "loaxa-server-2";

    @Inject
    MqttConfig config;

    @TempDir
    Path dir;

    private ShippedMosquitto mosquitto;

    @AfterEach
    void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void shouldLetTheServerReplicasInBeforeTheFirstSyncAndTheReceiversAfterIt() throws Exception {
        Fixtures.area("MQS", "COMMUNE", null);
        String secret = Fixtures.receiver("mqs-a", "MQS", List.of("vie"));
        mosquitto = new ShippedMosquitto(dir);
        ShippedMosquitto.Run setUp = mosquitto.setUp(Api.MQTT_PASSWORD, Api.MQTT_USER, SECOND_REPLICA);
        assertThat(setUp.exitCode()).as(setUp.output()).isZero();
        assertThat(setUp.output())
                .contains(
                        "LOAXA_MQTT_USERNAME=" + Api.MQTT_USER,
                        "LOAXA_MQTT_PASSWORD=" + Api.MQTT_PASSWORD,
                        "LOAXA_BROKER_MOSQUITTO_SERVER_USERNAMES=" + Api.MQTT_USER + "," + SECOND_REPLICA);
        assertOwnedByTheBroker();
        mosquitto.start();
        assertThat(mosquitto.runningAs()).isEqualTo(mosquitto.owner);
        String url = mosquitto.url();

        // two replicas at once, each with a client id of its own choosing (the broker makes it the user name)
        try (Session first = new Session(url, "replica-a", Api.MQTT_USER, Api.MQTT_PASSWORD, false);
                Session second = new Session(url, "replica-b", SECOND_REPLICA, Api.MQTT_PASSWORD, false)) {
            assertThatThrownBy(() -> new TestMqttClient(url, "mqs-a", "mqs-a", secret).close())
                    .as("a receiver before the first sync")
                    .isInstanceOf(MqttException.class);

            ShippedMosquitto.Run sync = sync(Map.of());
            assertThat(sync.exitCode()).as(sync.output()).isZero();
            assertThat(sync.output()).contains("Mosquitto " + mosquitto.pid() + " reloaded");
            assertOwnedByTheBroker();
            assertThat(Files.readString(mosquitto.loaxaDir.resolve("acl")))
                    .isEqualTo(asAdmin()
                            .get("/api/v1/broker/mosquitto/acl")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
            await("the receiver's login after the reload")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> {
                        try (TestMqttClient receiver = new TestMqttClient(url, "mqs-a", "mqs-a", secret)) {
                            return receiver.isConnected();
                        }
                    });
            assertThat(first.client.isConnected()).isTrue();
            assertThat(second.client.isConnected()).isTrue();
        }
        // the generated password file's own line for the second replica
        try (Session again = new Session(url, "replica-b", SECOND_REPLICA, Api.MQTT_PASSWORD, false)) {
            assertThat(again.client.isConnected()).isTrue();
        }
        assertThat(Files.readString(mosquitto.loaxaDir.resolve("passwd"))).contains(SECOND_REPLICA + ":$7$");

        Fixtures.receiver("mqs-b", "MQS", List.of("vie"));
        ShippedMosquitto.Run lost =
                sync(Map.of("MOSQUITTO_PID_FILE", dir.resolve("run/absent.pid").toString()));
        assertThat(lost.exitCode()).isNotZero();
        assertThat(lost.output()).contains("cannot read the Mosquitto pid", "nothing installed");
        ShippedMosquitto.Run unknown =
                sync(Map.of("MOSQUITTO_CONF", dir.resolve("conf.d/loaxa.conf").toString()));
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("cannot tell which Mosquitto to reload");
        assertThat(Files.readString(mosquitto.loaxaDir.resolve("passwd"))).doesNotContain("mqs-b:");
    }

    @Test
    void shouldConfineAReceiverToItsOwnTopicsOnMosquitto() throws Exception {
        Fixtures.area("MQA", "COMMUNE", null);
        Fixtures.area("MQX", "COMMUNE", null);
        String secretA = Fixtures.receiver("mqa-a", "MQA", List.of("vie"));
        Fixtures.receiver("mqa-b", "MQA", List.of("vie"));
        String url = startSynced();
        Topics topics = new Topics(config.topicPrefix());
        String rx = config.topicPrefix() + "/v1/rx/mqa-a/";
        // exactly as infra/mosquitto/README.md and docs/security.md describe it
        assertThat(Files.readString(mosquitto.loaxaDir.resolve("acl")))
                .contains("""

                user loaxa-server
                topic readwrite #

                user loaxa-server-2
                topic readwrite #
                """)
                .contains("""

                user mqa-a
                topic write %1$sevent
                topic write %1$sstatus
                topic write %1$sheartbeat
                topic write %1$scatchup
                topic read %1$smanifest
                topic read %1$scmd
                topic read %1$sareas
                topic read %1$sack
                topic read %2$s/v1/area/MQA/manifest
                topic read %2$s/v1/live/+

                user mqa-b
                """.formatted(rx, config.topicPrefix()))
                .doesNotContain("/area/MQX/");

        try (TestMqttClient server = new TestMqttClient(url);
                TestMqttClient a = new TestMqttClient(url, "mqa-a", "mqa-a", secretA)) {
            server.subscribe(topics.allReceivers(Topics.Kind.EVENT));
            server.subscribe(ack("+"));
            assertThat(a.subscribeForReasonCode(topics.receiver("mqa-a", Topics.Kind.MANIFEST)))
                    .isEqualTo(1);

            a.publishForReasonCode(topics.receiver("mqa-b", Topics.Kind.EVENT), "forged");
            a.publishForReasonCode(ack("mqa-a"), "forged ack");
            a.publishForReasonCode(topics.receiver("mqa-a", Topics.Kind.EVENT), "own");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !server.received().isEmpty());
            assertThat(server.received())
                    .extracting(TestMqttClient.Received::text)
                    .containsExactly("own");

            server.publish(topics.receiver("mqa-b", Topics.Kind.MANIFEST), "for b");
            server.publish(topics.receiver("mqa-a", Topics.Kind.MANIFEST), "for a");
            a.subscribe(topics.receiver("mqa-b", Topics.Kind.MANIFEST));
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.received().isEmpty());
            assertThat(a.received()).extracting(TestMqttClient.Received::text).containsExactly("for a");

            // its own area's group topic, and not another area's
            a.subscribe(topics.areaManifest("MQX"));
            a.subscribe(topics.areaManifest("MQA"));
            server.publish(topics.areaManifest("MQX"), "for area x");
            server.publish(topics.areaManifest("MQA"), "for area a");
            await().atMost(Duration.ofSeconds(10)).until(() -> a.received().size() >= 2);
            assertThat(a.received()).extracting(TestMqttClient.Received::text).containsExactly("for a", "for area a");

            // its own acknowledgements, and not another receiver's
            a.subscribe(ack("mqa-b"));
            a.subscribe(ack("mqa-a"));
            server.publish(ack("mqa-b"), "ack for b");
            server.publish(ack("mqa-a"), "ack for a");
            await().atMost(Duration.ofSeconds(10)).until(() -> a.received().size() >= 3);
            assertThat(a.received())
                    .extracting(TestMqttClient.Received::text)
                    .containsExactly("for a", "for area a", "ack for a");
        }
        assertThatThrownBy(() -> new TestMqttClient(url, "mqa-a", "mqa-a", "wrong").close())
                .isInstanceOf(MqttException.class);
    }

    /**
     * Receiver A's credentials with receiver B's client id, on either listener: B keeps its connection and its
     * session, the broker gives the intruder A's own id, and B's orders never reach it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "tls"})
    void shouldKeepAnotherReceiversClientIdOutOfReach(String listener) throws Exception {
        String area = "MQC-" + listener.toUpperCase();
        String a = "mqc-a-" + listener;
        String b = "mqc-b-" + listener;
        Fixtures.area(area, "COMMUNE", null);
        String secretA = Fixtures.receiver(a, area, List.of("vie"));
        String secretB = Fixtures.receiver(b, area, List.of("vie"));
        String url = startSynced();
        String intruderUrl = "tls".equals(listener) ? mosquitto.tlsUrl() : url;
        Topics topics = new Topics(config.topicPrefix());
        List<String> ordersOfB =
                List.of(topics.receiver(b, Topics.Kind.MANIFEST), topics.receiver(b, Topics.Kind.COMMAND), ack(b));

        try (TestMqttClient server = new TestMqttClient(url);
                Session receiverB = new Session(url, b, b, secretB, false)) {
            for (String topic : ordersOfB) {
                receiverB.client.subscribe(topic, 1);
            }
            try (Session intruder = new Session(intruderUrl, b, a, secretA, "tls".equals(listener))) {
                assertThat(intruder.sessionPresent)
                        .as("the intruder resumed a session")
                        .isFalse();
                await("receiver B stays connected")
                        .during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(5))
                        .until(receiverB.client::isConnected);
                for (String topic : ordersOfB) {
                    intruder.client.subscribe(topic, 1);
                    server.publish(topic, "for b");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> receiverB.received.size() >= ordersOfB.size());
                assertThat(receiverB.received).containsExactlyInAnyOrderElementsOf(ordersOfB);
                assertThat(intruder.received).isEmpty();

                // the intruder holds client id A: receiver A logging in takes that id over
                try (TestMqttClient receiverA = new TestMqttClient(url, a, a, secretA)) {
                    await("the intruder displaced by A")
                            .atMost(Duration.ofSeconds(10))
                            .until(() -> !intruder.client.isConnected());
                    assertThat(receiverA.isConnected()).isTrue();
                }
                assertThat(receiverB.client.isConnected()).isTrue();
            }
        }
    }

    /** Sets Mosquitto up with both server logins, starts it, and syncs the generated files into it. */
    private String startSynced() throws Exception {
        mosquitto = new ShippedMosquitto(dir);
        ShippedMosquitto.Run setUp = mosquitto.setUp(Api.MQTT_PASSWORD, Api.MQTT_USER, SECOND_REPLICA);
        assertThat(setUp.exitCode()).as(setUp.output()).isZero();
        mosquitto.start();
        ShippedMosquitto.Run sync = sync(Map.of());
        assertThat(sync.exitCode()).as(sync.output()).isZero();
        String url = mosquitto.url();
        await("the generated files loaded")
                .atMost(Duration.ofSeconds(10))
                .until(() -> mosquitto.log().contains("Reloading config"));
        return url;
    }

    private ShippedMosquitto.Run sync(Map<String, String> extra) throws Exception {
        return mosquitto.sync("http://127.0.0.1:" + RestAssured.port, Api.ADMIN, Api.ADMIN_PASSWORD, extra);
    }

    private void assertOwnedByTheBroker() throws Exception {
        for (String file : List.of("passwd", "acl")) {
            Path path = mosquitto.loaxaDir.resolve(file);
            assertThat(Files.getOwner(path).getName()).as(file).isEqualTo(mosquitto.owner);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                    .as(file)
                    .isEqualTo("rw-------");
        }
    }

    /** The server's acknowledgements to one receiver (docs/protocol.md). */
    private String ack(String receiverId) {
        return config.topicPrefix() + "/" + Topics.VERSION + "/rx/" + receiverId + "/ack";
    }

    /** A client with a persistent session (as receivers and the server replicas keep), recording its topics. */
    private final class Session implements AutoCloseable {
        final MqttClient client;
        final List<String> received = new CopyOnWriteArrayList<>();
        final boolean sessionPresent;

        Session(String url, String clientId, String user, String password, boolean tls) throws Exception {
            client = new MqttClient(url, clientId, new MemoryPersistence());
            client.setCallback((OnMessage) (topic, message) -> received.add(topic));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(300L);
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            if (tls) {
                options.setSocketFactory(trusting(mosquitto.certificate).getSocketFactory());
            }
            sessionPresent = client.connectWithResult(options).getSessionPresent();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 2000, true);
            }
            client.close(true);
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry(
                    "broker", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
