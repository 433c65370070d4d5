package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.protocol.AckMessage;
import vn.loaxa.dispatch.protocol.AgentEvent;
import vn.loaxa.dispatch.protocol.ManifestMessage;
import vn.loaxa.dispatch.signing.SignedMessage;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ServerDiagnostics;
import vn.loaxa.support.TestAudio;
import vn.loaxa.support.TestMqttClient;

/** Receiver messages over the real broker: idempotent ingest, and a logged, counted drop for bad input. */
@QuarkusTest
class InboundMessagesTest {
    private static final String RX = "ing-rx-1";

    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Inject
    MqttDrops drops;

    @Inject
    DeliveryEventRepository events;

    @Inject
    ObjectMapper json;

    @Test
    void shouldPublishAManifestAndIngestEventsOnceInAnyOrder() throws Exception {
        Fixtures.area("ING", "COMMUNE", null);
        Fixtures.receiver(RX, "ING", List.of("vie"));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("ing", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "PRIORITY"),
                List.of("ING"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        Topics topics = new Topics(config.topicPrefix());

        await("dispatched")
                .atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(broadcastId).getInt("total") == 1);

        // subscribing after the publish shows what a receiver that connects later gets: the retained manifest, here
        // the area's (one area, one variant for all its receivers: the area group publish)
        try (TestMqttClient receiver = new TestMqttClient(url())) {
            receiver.subscribe(topics.areaManifest("ING"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.received().isEmpty());
            var message =
                    receiver.received().get(receiver.received().size() - 1).message();
            ManifestMessage manifest = json.readValue(message.getPayload(), ManifestMessage.class);
            assertThat(message.isRetained()).isTrue();
            assertThat(manifest.area()).isEqualTo("ING");
            assertThat(message.getProperties().getMessageExpiryInterval()).isGreaterThan(3600L);
            // the receiver gets the bulletin variant for its languages, rendered into a media item of its own
            String variantId = deliveries(broadcastId).getString("deliveries[0].mediaId");
            assertThat(variantId).isNotEqualTo(mediaId);
            assertThat(manifest.entries()).singleElement().satisfies(entry -> {
                assertThat(entry.priority()).isEqualTo("PRIORITY");
                assertThat(entry.audio().url()).endsWith("/api/v1/media/" + variantId + "/audio");
                assertThat(entry.audio().sha256()).matches("[0-9a-f]{64}");
            });
            String occurrenceId = manifest.entries().get(0).occurrenceId();

            for (String event : List.of("DELIVERED", "PLAYING", "DELIVERED", "DOWNLOADED", "PLAYING")) {
                receiver.publish(topics.receiver(RX, Topics.Kind.EVENT), event(RX, occurrenceId, event));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath report = deliveries(broadcastId);
                assertThat(report.getString("deliveries[0].state"))
                        .as(ServerDiagnostics::inbound)
                        .isEqualTo("PLAYING");
                assertThat(report.getString("deliveries[0].downloadedAt")).isNotNull();
            });
            assertThat(events.count("occurrenceId = ?1", UUID.fromString(occurrenceId)))
                    .isEqualTo(3);

            receiver.publish(topics.receiver(RX, Topics.Kind.EVENT), event(RX, occurrenceId, "PLAYED"));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(deliveries(broadcastId).getInt("counts.PLAYED"))
                            .isEqualTo(1));
        }
    }

    @Test
    void shouldAcknowledgeEachEventToItsReceiverOnceItIsStoredAgainWhenRepeatedAndWhenRefusedForGood()
            throws Exception {
        Fixtures.area("ACKS", "COMMUNE", null);
        Fixtures.receiver("ack-rx-1", "ACKS", List.of("vie"));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("ack", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "PRIORITY"),
                List.of("ACKS"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        await("dispatched")
                .atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(broadcastId).getInt("total") == 1);
        String occurrenceId = deliveries(broadcastId).getString("deliveries[0].occurrenceId");
        Topics topics = new Topics(config.topicPrefix());
        UUID delivered = AgentEvent.idFor(occurrenceId, "ack-rx-1", "DELIVERED");
        String stranger = UUID.randomUUID().toString();

        try (TestMqttClient receiver = new TestMqttClient(url())) {
            receiver.subscribe(topics.receiver("ack-rx-1", Topics.Kind.ACK));
            receiver.publish(
                    topics.receiver("ack-rx-1", Topics.Kind.EVENT), event("ack-rx-1", occurrenceId, "DELIVERED"));
            AckMessage first = awaitAck(receiver, 1);
            assertThat(first.receiverId()).isEqualTo("ack-rx-1");
            assertThat(first.eventIds()).containsExactly(delivered);
            assertThat(events.count("eventId", delivered))
                    .as("acknowledged only once stored")
                    .isEqualTo(1);
            assertThat(receiver.received().get(0).message().getProperties().getUserProperties())
                    .as("signed like every message to agents")
                    .anySatisfy(p -> assertThat(p.getKey()).isEqualTo(SignedMessage.SIGNATURE));

            receiver.publish(
                    topics.receiver("ack-rx-1", Topics.Kind.EVENT), event("ack-rx-1", occurrenceId, "DELIVERED"));
            assertThat(awaitAck(receiver, 2).eventIds())
                    .as("a repeated event is acknowledged again")
                    .containsExactly(delivered);

            receiver.publish(topics.receiver("ack-rx-1", Topics.Kind.EVENT), event("ack-rx-1", stranger, "PLAYED"));
            assertThat(awaitAck(receiver, 3).eventIds())
                    .as("an event for no delivery is refused for good")
                    .containsExactly(AgentEvent.idFor(stranger, "ack-rx-1", "PLAYED"));
        }
        assertThat(events.count("eventId", delivered)).isEqualTo(1);
    }

    private AckMessage awaitAck(TestMqttClient receiver, int count) throws Exception {
        await("acknowledgement " + count)
                .atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received().size() >= count);
        return json.readValue(receiver.received().get(count - 1).message().getPayload(), AckMessage.class);
    }

    @Test
    void shouldDropAndCountBadMessagesAndKeepServing() throws Exception {
        Topics topics = new Topics(config.topicPrefix());
        String eventTopic = topics.receiver("bad-rx", Topics.Kind.EVENT);
        double malformed = drops.count("malformed");
        double mismatch = drops.count("receiver-mismatch");
        double unknown = drops.count("unknown-delivery");
        double invalid = drops.count("invalid");
        double schema = drops.count("schema");
        double tooLarge = drops.count("too-large");
        double unknownReceiver = drops.count("unknown-receiver");

        try (TestMqttClient client = new TestMqttClient(url())) {
            client.publish(eventTopic, "{not json");
            client.publish(eventTopic, event("someone-else", UUID.randomUUID().toString(), "PLAYED"));
            client.publish(eventTopic, event("bad-rx", UUID.randomUUID().toString(), "PLAYED"));
            client.publish(eventTopic, event("bad-rx", UUID.randomUUID().toString(), "EXPLODED"));
            client.publish(eventTopic, "{\"schema\":\"loaxa.event/99\",\"receiverId\":\"bad-rx\"}");
            client.publish(eventTopic, "{\"x\":\"" + "a".repeat(20_000) + "\"}");
            client.publish(
                    topics.receiver("bad-rx", Topics.Kind.STATUS),
                    "{\"schema\":\"loaxa.status/1\",\"receiverId\":\"bad-rx\",\"online\":true}");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(drops.count("malformed")).as(ServerDiagnostics::inbound).isEqualTo(malformed + 1);
            assertThat(drops.count("receiver-mismatch")).isEqualTo(mismatch + 1);
            assertThat(drops.count("unknown-delivery")).isEqualTo(unknown + 1);
            assertThat(drops.count("invalid")).isEqualTo(invalid + 1);
            assertThat(drops.count("schema")).isEqualTo(schema + 1);
            assertThat(drops.count("too-large")).isEqualTo(tooLarge + 1);
            assertThat(drops.count("unknown-receiver")).isEqualTo(unknownReceiver + 1);
        });
        asAdmin().get("/api/v1/areas").then().statusCode(200);
    }

    @Test
    void shouldStoreTheLatestHeartbeatAndShowItOnTheReceiver() throws Exception {
        Fixtures.area("HB", "COMMUNE", null);
        Fixtures.receiver("hb-rx-1", "HB", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());
        String example = new String(
                        getClass()
                                .getResourceAsStream("/protocol/heartbeat.json")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("ls-thatkhe-01", "hb-rx-1");
        double schema = drops.count("schema");
        String older = example.replace("2026-11-26T06:02:00.125Z", "2026-11-26T05:00:00.000Z")
                .replace("\"volume\": 80", "\"volume\": 10");

        try (TestMqttClient receiver = new TestMqttClient(url())) {
            receiver.publish(topics.receiver("hb-rx-1", Topics.Kind.HEARTBEAT), example);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> asAdmin()
                                    .get("/api/v1/receivers/hb-rx-1")
                                    .jsonPath()
                                    .get("health")
                            != null);
            receiver.publish(topics.receiver("hb-rx-1", Topics.Kind.HEARTBEAT), older);
            receiver.publish(topics.receiver("hb-rx-1", Topics.Kind.HEARTBEAT), "{\"schema\":\"loaxa.heartbeat/1\"}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> drops.count("schema") == schema + 1);

        JsonPath view = asAdmin().get("/api/v1/receivers/hb-rx-1").jsonPath();
        assertThat(view.getInt("health.volume"))
                .as("an older heartbeat does not overwrite")
                .isEqualTo(80);
        assertThat(view.getBoolean("health.muted")).isFalse();
        assertThat(view.getLong("health.freeCacheBytes")).isEqualTo(498073600L);
        assertThat(view.getLong("health.uptimeSeconds")).isEqualTo(86400L);
        assertThat(view.getLong("health.clockOffsetMs")).isEqualTo(-12L);
        assertThat(view.getBoolean("health.audioOutputOk")).isTrue();
        assertThat(view.getString("health.lastError")).contains("sha256 mismatch");
        assertThat(view.getString("agentVersion")).isEqualTo("0.1.0");
        assertThat(view.getString("areaCode")).isEqualTo("HB");
    }

    private String url() {
        return config.url().or(broker::url).orElseThrow();
    }

    private JsonPath deliveries(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .jsonPath();
    }

    private String event(String receiverId, String occurrenceId, String event) throws Exception {
        return json.writeValueAsString(new AgentEvent(
                AgentEvent.SCHEMA,
                AgentEvent.idFor(occurrenceId, receiverId, event).toString(),
                receiverId,
                occurrenceId,
                event,
                Instant.now(),
                null));
    }
}
