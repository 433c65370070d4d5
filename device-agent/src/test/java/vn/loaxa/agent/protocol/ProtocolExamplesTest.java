package vn.loaxa.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parses the shared examples of docs/protocol (on the test classpath under {@code protocol/}). */
class ProtocolExamplesTest {

    private final ObjectMapper json = Json.newMapper();

    /** The signature example from the server's side verifies here, and fails once anything in it changes. */
    @Test
    void shouldAcceptTheSignatureExampleOnlyAsSigned(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        com.fasterxml.jackson.databind.JsonNode example =
                read("signing/signature.json", com.fasterxml.jackson.databind.JsonNode.class);
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        example.get("userProperties")
                .fields()
                .forEachRemaining(f -> properties.put(f.getKey(), f.getValue().asText()));
        String topic = example.get("topic").asText();
        byte[] payload = example.get("payload").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        vn.loaxa.agent.security.SignatureBlock block =
                vn.loaxa.agent.security.SignatureBlock.from(properties).orElseThrow();
        assertThat(new String(block.canonical(topic, payload), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(example.get("canonical").asText());

        var verifier = new vn.loaxa.agent.security.SignatureVerifier(
                java.util.List.of(example.get("publicKey").asText()), dir);
        long beforeExpiry = block.expiresAt() - 1000;
        byte[] altered =
                example.get("payload").asText().replace("80", "100").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(verifier.check(topic, altered, properties, beforeExpiry, false))
                .isEqualTo(vn.loaxa.agent.security.SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(verifier.check(topic.replace("thatkhe-01", "thatkhe-02"), payload, properties, beforeExpiry, false))
                .isEqualTo(vn.loaxa.agent.security.SignatureVerifier.Verdict.BAD_SIGNATURE);
        assertThat(verifier.check(topic, payload, properties, block.expiresAt() + 1, false))
                .isEqualTo(vn.loaxa.agent.security.SignatureVerifier.Verdict.EXPIRED);
        assertThat(verifier.check(topic, payload, properties, beforeExpiry, false))
                .isEqualTo(vn.loaxa.agent.security.SignatureVerifier.Verdict.ACCEPTED);
        assertThat(new vn.loaxa.agent.security.SignatureVerifier(
                                java.util.List.of(example.get("publicKey").asText()), dir)
                        .check(topic, payload, properties, beforeExpiry, false))
                .as("the last accepted sequence survives a restart")
                .isEqualTo(vn.loaxa.agent.security.SignatureVerifier.Verdict.REPLAYED);
        assertThat(verifier.check(topic, payload, properties, beforeExpiry, true))
                .as("a retained manifest delivered again")
                .isEqualTo(vn.loaxa.agent.security.SignatureVerifier.Verdict.REPEATED);
    }

    @Test
    void shouldFindEveryExampleFileOnTheClasspath() throws Exception {
        URL directory = getClass().getClassLoader().getResource("protocol");
        assertThat(directory).as("docs/protocol on the test classpath").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains(
                            "manifest.json",
                            "event-played.json",
                            "event-failed.json",
                            "status-online.json",
                            "status-will.json",
                            "heartbeat.json",
                            "command-set-volume.json",
                            "command-stop-current.json",
                            "time.json",
                            "ack.json");
        }
    }

    @Test
    void shouldParseEveryExampleFileAsItsSchema() throws IOException, URISyntaxException {
        Map<String, Class<?>> bySchema = Map.of(
                Schemas.MANIFEST,
                Manifest.class,
                Schemas.EVENT,
                AgentEvent.class,
                Schemas.STATUS,
                Status.class,
                Schemas.HEARTBEAT,
                Heartbeat.class,
                Schemas.COMMAND,
                Command.class,
                Schemas.TIME,
                ServerTime.class,
                Schemas.AREAS,
                Areas.class,
                Schemas.ACK,
                Ack.class,
                Schemas.CATCHUP,
                CatchUpRequest.class);
        Path directory =
                Path.of(getClass().getClassLoader().getResource("protocol").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String schema = json.readTree(file.toFile()).path("schema").asText();
                assertThat(bySchema).as("schema of %s", file.getFileName()).containsKey(schema);
                assertThat(json.readValue(file.toFile(), bySchema.get(schema))).isNotNull();
            }
        }
    }

    @Test
    void shouldParseHeartbeatExampleWithEveryHealthField() {
        Heartbeat heartbeat = read("heartbeat.json", Heartbeat.class);

        assertThat(heartbeat.schema()).isEqualTo(Schemas.HEARTBEAT);
        assertThat(heartbeat.volume()).isEqualTo(80);
        assertThat(heartbeat.muted()).isFalse();
        assertThat(heartbeat.freeCacheBytes()).isPositive();
        assertThat(heartbeat.uptimeSeconds()).isEqualTo(86400L);
        assertThat(heartbeat.clockOffsetMs()).isEqualTo(-12L);
        assertThat(heartbeat.audioOutputOk()).isTrue();
        assertThat(heartbeat.lastError()).contains("sha256");
        assertThat(heartbeat.agentVersion()).isEqualTo("0.1.0");
        assertThat(readTree(heartbeat)).isEqualTo(readTree("heartbeat.json"));
    }

    @Test
    void shouldParseCommandExamples() {
        Command volume = read("command-set-volume.json", Command.class);
        Command stop = read("command-stop-current.json", Command.class);

        assertThat(volume.type()).isEqualTo(CommandType.SET_VOLUME);
        assertThat(volume.volume()).isEqualTo(80);
        assertThat(volume.isComplete()).isTrue();
        assertThat(volume.expiresAt()).isAfter(volume.issuedAt());
        assertThat(stop.type()).isEqualTo(CommandType.STOP_CURRENT);
        assertThat(stop.isComplete()).isTrue();
    }

    @Test
    void shouldParseTimeExampleAndManifestPreemptPolicy() {
        assertThat(read("time.json", ServerTime.class).serverTime())
                .isEqualTo(Instant.parse("2026-11-26T06:01:59.987654Z"));
        assertThat(read("manifest.json", Manifest.class).entries().get(0).effectivePreemptPolicy())
                .isEqualTo(PreemptPolicy.RESUME);
    }

    @Test
    void shouldParseTheAreaManifestAndAreasExamples() {
        Manifest manifest = read("manifest-area.json", Manifest.class);
        assertThat(manifest.isComplete()).isTrue();
        assertThat(manifest.receiverId()).isNull();
        assertThat(manifest.area()).isEqualTo("20-TK");
        assertThat(manifest.entries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.effectivePriority()).isEqualTo(Priority.EMERGENCY));

        Areas areas = read("areas.json", Areas.class);
        assertThat(areas.isComplete()).isTrue();
        assertThat(areas.schema()).isEqualTo(Schemas.AREAS);
        assertThat(areas.areas()).containsExactly("20", "20-TK", "20-TK-01").contains(manifest.area());
    }

    @Test
    void shouldWriteTheCatchUpRequestAsTheExampleShowsIt() throws Exception {
        CatchUpRequest request = read("catchup.json", CatchUpRequest.class);
        assertThat(request.schema()).isEqualTo(Schemas.CATCHUP);
        assertThat(request.areas()).containsExactly("20", "20-TK", "20-TK-01");
        assertThat(request.areaVersions()).containsEntry("20-TK", 1795680000789L);

        assertThat(json.readTree(json.writeValueAsBytes(request)))
                .isEqualTo(json.readTree(getClass().getClassLoader().getResource("protocol/catchup.json")));
    }

    @Test
    void shouldParseTheLiveManifestExample() {
        Manifest manifest = read("manifest-live.json", Manifest.class);

        assertThat(manifest.isComplete()).isTrue();
        ManifestEntry entry = manifest.entries().get(0);
        assertThat(entry.playsLive()).isTrue();
        assertThat(entry.relays()).isFalse();
        assertThat(entry.streams()).isTrue();
        assertThat(entry.audio()).isNull();
        assertThat(entry.effectivePriority()).isEqualTo(Priority.PRIORITY);
        LiveRef live = entry.live();
        assertThat(live.sessionId()).isEqualTo("0b7e5c1a-2f43-4d8e-a6b1-9c3f7e2d5a10");
        assertThat(live.codec()).isEqualTo("opus");
        assertThat(live.sampleRate()).isEqualTo(48_000);
        assertThat(live.channels()).isEqualTo(1);
        assertThat(live.delayMs()).isEqualTo(400);
        assertThat(live.endsAt()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
        assertThat(live.frameKeyBytes())
                .hasValueSatisfying(key -> assertThat(key).hasSize(32));
        assertThat(live.unplayableReason()).isEmpty();
        assertThat(roundTrip(manifest).entries().get(0).live())
                .as("as the agent stores it")
                .isEqualTo(live);
    }

    private Manifest roundTrip(Manifest manifest) {
        try {
            return json.readValue(json.writeValueAsBytes(manifest), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldRefuseToPlayALiveSessionInAnotherCodecWithAReason() {
        LiveRef live =
                read("manifest-live.json", Manifest.class).entries().get(0).live();
        LiveRef stereo =
                new LiveRef(live.sessionId(), "opus", 48_000, 2, live.frameKey(), live.delayMs(), live.endsAt());
        LiveRef aac = new LiveRef(live.sessionId(), "aac", 44_100, 1, live.frameKey(), live.delayMs(), live.endsAt());
        LiveRef shortKey = new LiveRef(live.sessionId(), "opus", 48_000, 1, "AAEC", live.delayMs(), live.endsAt());

        assertThat(stereo.unplayableReason())
                .hasValueSatisfying(r -> assertThat(r).contains("2 channel(s)", "opus 48000 Hz mono"));
        assertThat(aac.unplayableReason()).hasValueSatisfying(r -> assertThat(r).contains("aac 44100 Hz"));
        assertThat(shortKey.unplayableReason())
                .hasValueSatisfying(r -> assertThat(r).contains("frame key"));
        assertThat(new LiveRef(live.sessionId(), "opus", 48_000, 1, null, 400, live.endsAt()).isComplete())
                .isFalse();
    }

    @Test
    void shouldSerialiseAPlayedLiveEventAsTheExample() {
        AgentEvent example = read("event-played-live.json", AgentEvent.class);
        AgentEvent played = AgentEvent.of(
                "ls-thatkhe-01",
                "5d0f3a9e-1c2b-4e7d-8a6f-0b9c2d4e6f81",
                EventType.PLAYED,
                Instant.parse("2026-11-26T07:41:12.400Z"),
                null,
                new LiveReport(34_120, 12, 3, 2));

        assertThat(played.id()).isEqualTo(example.id());
        assertThat(readTree(played)).isEqualTo(readTree("event-played-live.json"));
        assertThat(readTree(AgentEvent.of(
                        "ls-thatkhe-01",
                        "6f1c1f64-6c1e-4b8e-9f0a-3f2d6f9a4b10",
                        EventType.PLAYED,
                        Instant.parse("2026-11-26T06:01:42.517Z"),
                        null)))
                .as("no live object on other events")
                .isEqualTo(readTree("event-played.json"));
    }

    @Test
    void shouldParseTheRelayManifestExample() {
        Manifest manifest = read("manifest-relay.json", Manifest.class);

        assertThat(manifest.isComplete()).isTrue();
        ManifestEntry entry = manifest.entries().get(0);
        assertThat(entry.relays()).isTrue();
        assertThat(entry.audio()).isNull();
        assertThat(entry.relay().url()).isEqualTo("http://127.0.0.1:8000/vov4-tay-nung.mp3");
        assertThat(entry.relay().endsAt()).isEqualTo(Instant.parse("2026-11-26T01:30:00Z"));
    }

    @Test
    void shouldParseManifestExample() {
        Manifest manifest = read("manifest.json", Manifest.class);

        assertThat(manifest.schema()).isEqualTo("loaxa.manifest/1");
        assertThat(manifest.receiverId()).isEqualTo("ls-thatkhe-01");
        assertThat(manifest.version()).isEqualTo(1795679999123L);
        assertThat(manifest.generatedAt()).isEqualTo(Instant.parse("2026-11-26T06:00:00.123Z"));
        assertThat(manifest.isComplete()).isTrue();
        assertThat(manifest.entries()).hasSize(1);
        ManifestEntry entry = manifest.entries().get(0);
        assertThat(entry.occurrenceId()).isEqualTo("6f1c1f64-6c1e-4b8e-9f0a-3f2d6f9a4b10");
        assertThat(entry.broadcastId()).isEqualTo("0b8f3c2a-5a4d-4f7e-8a51-6c1d2e3f4a5b");
        assertThat(entry.title()).isEqualTo("Thông báo lịch tiêm chủng tháng 12");
        assertThat(entry.priority()).isEqualTo(Priority.NORMAL);
        assertThat(entry.playAt()).isEqualTo(Instant.parse("2026-11-26T06:01:00Z"));
        assertThat(entry.expiresAt()).isEqualTo(Instant.parse("2026-11-26T06:11:00Z"));
        AudioRef audio = entry.audio();
        assertThat(audio.url())
                .isEqualTo("http://127.0.0.1:8080/api/v1/media/2a1d7c1e-9b0f-4c3e-8d2a-1f0e9d8c7b6a/audio");
        assertThat(audio.sha256()).isEqualTo("3b0c5a54a1f1d2c1d5b2e0c7a0e3e1f6f5c9d8b7a6e5d4c3b2a1f0e9d8c7b6a5");
        assertThat(audio.hasValidSha256()).isTrue();
        assertThat(audio.durationMs()).isEqualTo(42500L);
        assertThat(audio.sizeBytes()).isEqualTo(132480L);
        assertThat(audio.contentType()).isEqualTo("audio/ogg");
    }

    @Test
    void shouldParseTheAckExampleNamingTheEventExamples() {
        Ack ack = read("ack.json", Ack.class);

        assertThat(ack.schema()).isEqualTo(Schemas.ACK);
        assertThat(ack.isComplete()).isTrue();
        assertThat(ack.eventIds())
                .containsExactly(
                        read("event-played.json", AgentEvent.class).id(),
                        read("event-failed.json", AgentEvent.class).id());
    }

    @Test
    void shouldParsePlayedEventExample() {
        AgentEvent event = read("event-played.json", AgentEvent.class);

        assertThat(event.schema()).isEqualTo("loaxa.event/1");
        assertThat(event.receiverId()).isEqualTo("ls-thatkhe-01");
        assertThat(event.occurrenceId()).isEqualTo("6f1c1f64-6c1e-4b8e-9f0a-3f2d6f9a4b10");
        assertThat(event.event()).isEqualTo(EventType.PLAYED);
        assertThat(event.at()).isEqualTo(Instant.parse("2026-11-26T06:01:42.517Z"));
        assertThat(event.reason()).isNull();
    }

    @Test
    void shouldParseFailedEventExample() {
        AgentEvent event = read("event-failed.json", AgentEvent.class);

        assertThat(event.event()).isEqualTo(EventType.FAILED);
        assertThat(event.at()).isEqualTo(Instant.parse("2026-11-26T06:00:07.002Z"));
        assertThat(event.reason()).startsWith("sha256 mismatch after download");
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-played.json", "event-failed.json"})
    void shouldDeriveTheExampleEventId(String file) {
        AgentEvent event = read(file, AgentEvent.class);

        UUID derived = AgentEvent.idFor(event.occurrenceId(), event.receiverId(), event.event());

        assertThat(derived).isEqualTo(event.id());
        assertThat(derived.version()).isEqualTo(3);
        assertThat(AgentEvent.of(event.receiverId(), event.occurrenceId(), event.event(), event.at(), event.reason()))
                .isEqualTo(event);
    }

    @Test
    void shouldParseStatusExamples() {
        Status online = read("status-online.json", Status.class);
        Status will = read("status-will.json", Status.class);

        assertThat(online).isEqualTo(Status.online("ls-thatkhe-01", Instant.parse("2026-11-26T05:59:58Z"), "0.1.0"));
        assertThat(will).isEqualTo(Status.will("ls-thatkhe-01"));
    }

    @Test
    void shouldWriteWillExactlyLikeTheExample() throws IOException {
        assertThat(json.readTree(json.writeValueAsBytes(Status.will("ls-thatkhe-01"))))
                .isEqualTo(json.readTree(resource("status-will.json")));
    }

    @Test
    void shouldWriteEventsThatReadBackAsTheExample() throws IOException {
        AgentEvent failed = read("event-failed.json", AgentEvent.class);

        assertThat(json.readTree(json.writeValueAsBytes(failed)))
                .isEqualTo(json.readTree(resource("event-failed.json")));
    }

    @Test
    void shouldIgnoreUnknownFields() throws IOException {
        String withExtras = """
                {"schema":"loaxa.status/1","receiverId":"rx1","online":true,"futureField":{"x":[1,2]}}""";

        assertThat(json.readValue(withExtras, Status.class).online()).isTrue();
    }

    @Test
    void shouldTreatManifestWithoutEntriesAsIncomplete() throws IOException {
        Manifest manifest = json.readValue("""
                {"schema":"loaxa.manifest/1","receiverId":"rx1","version":3}""", Manifest.class);

        assertThat(manifest.isComplete()).isFalse();
        assertThat(json.readValue("""
                {"schema":"loaxa.manifest/1","receiverId":"rx1","version":3,"entries":[]}""", Manifest.class).isComplete()).isTrue();
    }

    @Test
    void shouldRejectShaThatIsNotLowercaseHex() {
        assertThat(new AudioRef("http://x/a", "../../etc/passwd", null, null, null).hasValidSha256())
                .isFalse();
        assertThat(new AudioRef("http://x/a", "AB".repeat(32), null, null, null).hasValidSha256())
                .isFalse();
        assertThat(new AudioRef("http://x/a", "ab".repeat(32), null, null, null).hasValidSha256())
                .isTrue();
    }

    @Test
    void shouldListFinalEvents() {
        assertThat(Stream.of(EventType.values()).filter(EventType::isFinal).toList())
                .isEqualTo(List.of(EventType.PLAYED, EventType.FAILED, EventType.MISSED, EventType.PREEMPTED));
    }

    private <T> T read(String name, Class<T> type) {
        try {
            return json.readValue(resource(name), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(Object value) {
        try {
            return json.readTree(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String name) {
        try {
            return json.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("protocol/" + name)) {
            assertThat(in).as("protocol/%s on the classpath", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
