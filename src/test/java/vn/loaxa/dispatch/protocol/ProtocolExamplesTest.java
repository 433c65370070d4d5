package vn.loaxa.dispatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.signing.SignedMessage;
import vn.loaxa.dispatch.signing.SigningKeys;

/** The examples in docs/protocol/ are the contract; the agent's tests parse the same files. */
class ProtocolExamplesTest {
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The signature example: the server's canonical form and signature check out with its public key. */
    @Test
    void shouldProduceTheCanonicalFormOfTheSignatureExampleAndVerifyIt() throws Exception {
        JsonNode example = read("signing/signature.json", JsonNode.class);
        JsonNode properties = example.get("userProperties");
        byte[] payload = example.get("payload").asText().getBytes(StandardCharsets.UTF_8);
        SignedMessage block = SignedMessage.unsigned(
                properties.get(SignedMessage.KEY_ID).asText(),
                properties.get(SignedMessage.SIGNER).asText(),
                properties.get(SignedMessage.SEQUENCE).asLong(),
                properties.get(SignedMessage.HORIZON).asLong(),
                properties.get(SignedMessage.ISSUED_AT).asLong(),
                properties.get(SignedMessage.EXPIRES_AT).asLong());
        byte[] canonical = block.canonical(example.get("topic").asText(), payload);

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo(example.get("canonical").asText());
        java.security.PublicKey key =
                SigningKeys.decodePublic(example.get("publicKey").asText());
        assertThat(SigningKeys.keyId(key))
                .isEqualTo(properties.get(SignedMessage.KEY_ID).asText());
        java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update(canonical);
        assertThat(ed25519.verify(java.util.Base64.getDecoder()
                        .decode(properties.get(SignedMessage.SIGNATURE).asText())))
                .isTrue();
    }

    @Test
    void shouldReadTheManifestExample() throws IOException {
        ManifestMessage manifest = read("manifest.json", ManifestMessage.class);

        assertThat(manifest.schema()).isEqualTo(ManifestMessage.SCHEMA);
        assertThat(manifest.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.priority()).isEqualTo("NORMAL");
            assertThat(entry.playAt()).isEqualTo(Instant.parse("2026-11-26T06:01:00Z"));
            assertThat(entry.expiresAt()).isAfter(entry.playAt());
            assertThat(entry.audio().sha256()).matches("[0-9a-f]{64}");
            assertThat(entry.audio().url()).endsWith("/audio");
        });
    }

    @Test
    void shouldReadTheRelayManifestExample() throws IOException {
        ManifestMessage manifest = read("manifest-relay.json", ManifestMessage.class);

        assertThat(manifest.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.audio()).isNull();
            assertThat(entry.relay().url()).startsWith("http://");
            assertThat(entry.relay().endsAt()).isAfter(entry.playAt());
        });
        assertThat(json.readValue(json.writeValueAsBytes(manifest), ManifestMessage.class))
                .isEqualTo(manifest);
    }

    @Test
    void shouldReadTheLiveManifestExampleAndWriteItBackUnchanged() throws IOException {
        ManifestMessage manifest = read("manifest-live.json", ManifestMessage.class);

        assertThat(manifest.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.audio()).isNull();
            assertThat(entry.relay()).isNull();
            assertThat(entry.live())
                    .isEqualTo(ManifestMessage.LiveRef.opus(
                            "0b7e5c1a-2f43-4d8e-a6b1-9c3f7e2d5a10",
                            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                            400,
                            entry.expiresAt()));
        });
        assertThat(json.readTree(json.writeValueAsBytes(manifest)))
                .isEqualTo(json.readTree(getClass().getResourceAsStream("/protocol/manifest-live.json")));
    }

    @Test
    void shouldReadTheLiveEventExampleWithItsFrameCounts() throws IOException {
        AgentEvent event = read("event-played-live.json", AgentEvent.class);

        assertThat(event.live()).isEqualTo(new AgentEvent.LiveStats(34120, 12, 3, 2));
        assertThat(event.id())
                .isEqualTo(AgentEvent.idFor(event.occurrenceId(), event.receiverId(), event.event())
                        .toString());
    }

    /** The server seals the vector's frames to the same bytes, tag included. */
    @Test
    void shouldSealTheLiveFrameVectorToTheSameBytes() throws IOException {
        JsonNode vector = read("live/frame-vector.json", JsonNode.class);
        byte[] key = java.util.Base64.getDecoder().decode(vector.get("frameKey").asText());
        JsonNode audio = vector.get("audio");
        JsonNode end = vector.get("end");

        byte[] sealedAudio = vn.loaxa.live.service.LiveFrame.audio(
                        audio.get("sequence").asLong(),
                        audio.get("captureMicros").asLong(),
                        audio.get("samples").asInt(),
                        java.util.Base64.getDecoder()
                                .decode(audio.get("opusBase64").asText()))
                .seal(key);
        byte[] sealedEnd = vn.loaxa.live.service.LiveFrame.end(
                        end.get("sequence").asLong(), end.get("captureMicros").asLong())
                .seal(key);

        assertThat(java.util.Base64.getEncoder().encodeToString(sealedAudio))
                .isEqualTo(audio.get("frameBase64").asText());
        assertThat(java.util.Base64.getEncoder().encodeToString(sealedEnd))
                .isEqualTo(end.get("frameBase64").asText());
        assertThat(java.time.Instant.ofEpochSecond(0, audio.get("captureMicros").asLong() * 1000))
                .isEqualTo(java.time.Instant.parse(audio.get("captureAt").asText()));
    }

    @Test
    void shouldReadTheAreaManifestAndAreasExamples() throws IOException {
        ManifestMessage manifest = read("manifest-area.json", ManifestMessage.class);
        assertThat(manifest.receiverId()).isNull();
        assertThat(manifest.area()).isEqualTo("20-TK");
        assertThat(manifest.entries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.priority()).isEqualTo("EMERGENCY"));
        assertThat(json.readValue(json.writeValueAsBytes(manifest), ManifestMessage.class))
                .isEqualTo(manifest);
        assertThat(json.readTree(json.writeValueAsBytes(manifest)).has("receiverId"))
                .isFalse();

        AreasMessage areas = read("areas.json", AreasMessage.class);
        assertThat(areas.schema()).isEqualTo(AreasMessage.SCHEMA);
        assertThat(areas.areas()).containsExactly("20", "20-TK", "20-TK-01");
        assertThat(new vn.loaxa.dispatch.mqtt.Topics("loaxa")
                        .areaManifest(areas.areas().get(1)))
                .isEqualTo("loaxa/v1/area/20-TK/manifest");
    }

    @Test
    void shouldReadTheCatchUpExample() throws IOException {
        CatchUpMessage request = read("catchup.json", CatchUpMessage.class);

        assertThat(request.schema()).isEqualTo(CatchUpMessage.SCHEMA);
        assertThat(request.receiverId()).isEqualTo("ls-thatkhe-01");
        assertThat(request.heldManifestVersion()).isEqualTo(1795679999123L);
        assertThat(request.knownAreas()).containsExactly("20", "20-TK", "20-TK-01");
        assertThat(request.heldAreaVersion("20-TK")).isEqualTo(1795680000789L);
        assertThat(request.heldAreaVersion("20-TK-01")).as("no manifest held").isZero();
    }

    @Test
    void shouldWriteManifestsThatReadBackEqual() throws IOException {
        ManifestMessage manifest = read("manifest.json", ManifestMessage.class);

        assertThat(json.readValue(json.writeValueAsBytes(manifest), ManifestMessage.class))
                .isEqualTo(manifest);
    }

    @Test
    void shouldReadEventExamplesWithStableIds() throws IOException {
        for (String file : new String[] {"event-played.json", "event-failed.json"}) {
            AgentEvent event = read(file, AgentEvent.class);

            assertThat(event.schema()).isEqualTo(AgentEvent.SCHEMA);
            assertThat(event.id())
                    .isEqualTo(AgentEvent.idFor(event.occurrenceId(), event.receiverId(), event.event())
                            .toString());
        }
        assertThat(read("event-failed.json", AgentEvent.class).reason()).contains("sha256");
    }

    @Test
    void shouldReadTheAckExampleAndWriteItBackEqual() throws IOException {
        AckMessage ack = read("ack.json", AckMessage.class);

        assertThat(ack.schema()).isEqualTo(AckMessage.SCHEMA);
        assertThat(ack.eventIds())
                .extracting(UUID::toString)
                .containsExactly(
                        read("event-played.json", AgentEvent.class).id(),
                        read("event-failed.json", AgentEvent.class).id());
        assertThat(json.readValue(json.writeValueAsBytes(ack), AckMessage.class))
                .isEqualTo(ack);
        assertThat(new vn.loaxa.dispatch.mqtt.Topics("loaxa")
                        .receiver(ack.receiverId(), vn.loaxa.dispatch.mqtt.Topics.Kind.ACK))
                .isEqualTo("loaxa/v1/rx/ls-thatkhe-01/ack");
    }

    @Test
    void shouldReadStatusAndWillExamples() throws IOException {
        StatusMessage online = read("status-online.json", StatusMessage.class);
        StatusMessage will = read("status-will.json", StatusMessage.class);

        assertThat(online.online()).isTrue();
        assertThat(online.at()).isNotNull();
        assertThat(will.online()).isFalse();
        assertThat(will.at()).isNull();
        assertThat(will.schema()).isEqualTo(StatusMessage.SCHEMA);
    }

    @Test
    void shouldReadHeartbeatCommandAndTimeExamples() throws IOException {
        HeartbeatMessage heartbeat = read("heartbeat.json", HeartbeatMessage.class);
        CommandMessage volume = read("command-set-volume.json", CommandMessage.class);
        CommandMessage stop = read("command-stop-current.json", CommandMessage.class);
        ServerTimeMessage time = read("time.json", ServerTimeMessage.class);

        assertThat(heartbeat.schema()).isEqualTo(HeartbeatMessage.SCHEMA);
        assertThat(heartbeat.volume()).isEqualTo(80);
        assertThat(heartbeat.clockOffsetMs()).isEqualTo(-12L);
        assertThat(heartbeat.audioOutputOk()).isTrue();
        assertThat(volume.schema()).isEqualTo(CommandMessage.SCHEMA);
        assertThat(volume.type()).isEqualTo("SET_VOLUME");
        assertThat(volume.volume()).isEqualTo(80);
        assertThat(volume.expiresAt()).isAfter(volume.issuedAt());
        assertThat(stop.type()).isEqualTo("STOP_CURRENT");
        assertThat(stop.volume()).isNull();
        assertThat(json.readTree(json.writeValueAsBytes(volume)))
                .isEqualTo(json.readTree(getClass().getResourceAsStream("/protocol/command-set-volume.json")));
        assertThat(time.schema()).isEqualTo(ServerTimeMessage.SCHEMA);
        assertThat(time.serverTime()).isEqualTo(Instant.parse("2026-11-26T06:01:59.987654Z"));
        assertThat(time.receiveTime()).isEqualTo(Instant.parse("2026-11-26T06:01:59.912345Z"));
        assertThat(json.readTree(json.writeValueAsBytes(time)))
                .isEqualTo(json.readTree(getClass().getResourceAsStream("/protocol/time.json")));
        assertThat(read("manifest.json", ManifestMessage.class).entries().get(0).onPreempt())
                .isEqualTo("RESUME");
    }

    private <T> T read(String name, Class<T> type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/protocol/" + name)) {
            assertThat(in)
                    .as("docs/protocol/" + name + " on the test classpath")
                    .isNotNull();
            return json.readValue(in, type);
        }
    }
}
