package vn.loaxa.dispatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.MqttDrops;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/**
 * Device identity on the embedded broker: a receiver logs in only with its own id and current secret, and may use
 * only its own topics. (On the external stack the machine's Mosquitto is left open; MosquittoAclTest covers a
 * Mosquitto configured with the generated files.)
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "loaxa.it.stack", matches = "external")
class BrokerIsolationTest {
    private static final int NOT_AUTHORIZED = 0x87;

    @Inject
    EmbeddedBroker broker;

    @Inject
    MqttConfig config;

    @Inject
    MqttDrops drops;

    @Inject
    ReceiverRepository receivers;

    @Inject
    Passwords passwords;

    @Test
    void shouldConfineAReceiverToItsOwnTopics() throws Exception {
        Fixtures.area("ISO", "COMMUNE", null);
        String secretA = Fixtures.receiver("iso-a", "ISO", List.of("vie"));
        Fixtures.receiver("iso-b", "ISO", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());

        // HiveMQ answers a forbidden publish by disconnecting the client with 0x87 Not authorized
        List<String> forbidden = List.of(
                topics.live(UUID.randomUUID()),
                topics.receiver("iso-b", Topics.Kind.EVENT),
                topics.receiver("iso-b", Topics.Kind.STATUS),
                topics.receiver("iso-b", Topics.Kind.CATCHUP),
                topics.receiver("iso-a", Topics.Kind.MANIFEST),
                topics.receiver("iso-a", Topics.Kind.COMMAND));
        try (TestMqttClient watcher = new TestMqttClient(url())) {
            watcher.subscribe(config.topicPrefix() + "/#");
            for (String topic : forbidden) {
                try (TestMqttClient a = new TestMqttClient(url(), "iso-a", "iso-a", secretA)) {
                    assertPublishRefused(a, topic);
                }
            }
            try (TestMqttClient a = new TestMqttClient(url(), "iso-a", "iso-a", secretA)) {
                a.publishForReasonCode(topics.receiver("iso-a", Topics.Kind.HEARTBEAT), "allowed");
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            watcher.received().stream().anyMatch(m -> m.text().equals("allowed")));
            assertThat(watcher.received())
                    .extracting(TestMqttClient.Received::topic)
                    .doesNotContainAnyElementsOf(forbidden);
        }

        try (TestMqttClient a = new TestMqttClient(url(), "iso-a", "iso-a", secretA)) {
            assertThat(a.subscribeForReasonCode(topics.receiver("iso-b", Topics.Kind.MANIFEST)))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(a.subscribeForReasonCode(topics.receiver("iso-b", Topics.Kind.COMMAND)))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(a.subscribeForReasonCode(topics.allReceivers(Topics.Kind.EVENT)))
                    .isEqualTo(NOT_AUTHORIZED);

            assertThat(a.subscribeForReasonCode(topics.receiver("iso-a", Topics.Kind.MANIFEST)))
                    .isEqualTo(1);
            assertThat(a.subscribeForReasonCode(topics.receiver("iso-a", Topics.Kind.COMMAND)))
                    .isEqualTo(1);
            assertThat(a.subscribeForReasonCode(topics.receiver("iso-a", Topics.Kind.AREAS)))
                    .isEqualTo(1);
            assertThat(a.isConnected()).isTrue();
        }
    }

    @Test
    void shouldLetAReceiverSubscribeToItsOwnAreasGroupTopicsOnly() throws Exception {
        Fixtures.area("ISP", "PROVINCE", null);
        Fixtures.area("ISP-C", "COMMUNE", "ISP");
        Fixtures.area("ISX", "COMMUNE", null);
        String secret = Fixtures.receiver("isp-a", "ISP-C", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());

        try (TestMqttClient a = new TestMqttClient(url(), "isp-a", "isp-a", secret)) {
            assertThat(a.subscribeForReasonCode(topics.areaManifest("ISP-C"))).isEqualTo(1);
            assertThat(a.subscribeForReasonCode(topics.areaManifest("ISP"))).isEqualTo(1);
            assertThat(a.subscribeForReasonCode(topics.areaManifest("ISX"))).isEqualTo(NOT_AUTHORIZED);
            assertThat(a.subscribeForReasonCode(topics.live(UUID.randomUUID()))).isEqualTo(1);
            assertThat(a.subscribeForReasonCode(config.topicPrefix() + "/v1/area/+/manifest"))
                    .isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void shouldCountAForgedEventThatGetsThroughAndIgnoreIt() throws Exception {
        Fixtures.area("ISF", "COMMUNE", null);
        String secretA = Fixtures.receiver("isf-a", "ISF", List.of("vie"));
        Fixtures.receiver("isf-b", "ISF", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());
        double before = drops.count("receiver-mismatch");

        try (TestMqttClient a = new TestMqttClient(url(), "isf-a", "isf-a", secretA)) {
            // allowed topic, but the payload claims to come from receiver B
            a.publish(topics.receiver("isf-a", Topics.Kind.EVENT), """
                    {"schema":"loaxa.event/1","id":"%s","occurrenceId":"%s","receiverId":"isf-b",\
                    "event":"PLAYED","at":"%s"}""".formatted(
                            UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> drops.count("receiver-mismatch") > before);
    }

    @Test
    void shouldRefuseWrongSecretsBorrowedClientIdsAndAnonymousLogins() throws Exception {
        Fixtures.area("ISL", "COMMUNE", null);
        String secretA = Fixtures.receiver("isl-a", "ISL", List.of("vie"));
        Fixtures.receiver("isl-b", "ISL", List.of("vie"));

        assertRefused(() -> new TestMqttClient(url(), "isl-a", "isl-a", secretA + "x"));
        assertRefused(() -> new TestMqttClient(url(), "isl-b", "isl-a", secretA));
        assertRefused(() -> new TestMqttClient(url(), "isl-a", "admin", "test-admin-password"));
        assertRefused(() -> new TestMqttClient(url(), "nobody", "loaxa-server", "guess"));
    }

    @Test
    void shouldDisconnectAndRefuseARevokedReceiverAndAcceptOnlyTheNewSecretAfterRotation() throws Exception {
        Fixtures.area("ISR", "COMMUNE", null);
        String first = Fixtures.receiver("isr-a", "ISR", List.of("vie"));

        TestMqttClient connected = new TestMqttClient(url(), "isr-a", "isr-a", first);
        asAdmin().post("/api/v1/receivers/isr-a/revoke").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !connected.isConnected());
        assertRefused(() -> new TestMqttClient(url(), "isr-a", "isr-a", first));

        String second = asAdmin()
                .post("/api/v1/receivers/isr-a/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        assertRefused(() -> new TestMqttClient(url(), "isr-a", "isr-a", first));
        try (TestMqttClient renewed = new TestMqttClient(url(), "isr-a", "isr-a", second)) {
            assertThat(renewed.isConnected()).isTrue();
        }
    }

    @Test
    void shouldLetAReceiverWithOnlyABcryptHashInWithItsSecretAndRehashIt() throws Exception {
        Fixtures.area("ISH", "COMMUNE", null);
        String secret = Fixtures.receiver("ish-a", "ISH", List.of("vie"));
        String bcrypt = passwords.hash(secret);
        QuarkusTransaction.requiringNew()
                .run(() -> receivers.update("brokerHash = null, legacySecretHash = ?1 where id = ?2", bcrypt, "ish-a"));

        assertRefused(() -> new TestMqttClient(url(), "ish-a", "ish-a", secret + "x"));
        try (TestMqttClient a = new TestMqttClient(url(), "ish-a", "ish-a", secret)) {
            assertThat(a.isConnected()).isTrue();
        }
        String rehashed = QuarkusTransaction.requiringNew().call(() -> receivers.findById("ish-a").brokerHash);
        assertThat(passwords.matchesBrokerHash(secret, rehashed)).isTrue();
    }

    private static void assertPublishRefused(TestMqttClient client, String topic) {
        try {
            if (client.publishForReasonCode(topic, "{}") >= 0x80) {
                return;
            }
        } catch (MqttException refused) {
            return;
        }
        await(topic).atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
    }

    private interface Connect {
        TestMqttClient open() throws MqttException;
    }

    private static void assertRefused(Connect connect) {
        assertThatThrownBy(() -> connect.open().close()).isInstanceOf(MqttException.class);
    }

    private String url() {
        return config.url().or(broker::url).orElseThrow();
    }
}
