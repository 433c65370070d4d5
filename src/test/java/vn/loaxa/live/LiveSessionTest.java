package vn.loaxa.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/**
 * A live session through the API, watched on the broker: the signed manifests announce it with its frame key, the
 * source's Ogg Opus packets go out as frames sealed with that key, in sequence and capture order, the end frame is
 * retained, and the recording lands in the library. One session per receiver: a second is refused unless it is an
 * emergency over a priority.
 */
@QuarkusTest
class LiveSessionTest {
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @TempDir
    Path dir;

    @Test
    void shouldAnnounceRelaySealedFramesEndAndRecordTheSession() throws Exception {
        Fixtures.area("LVA", "COMMUNE", null);
        Fixtures.receiver("lva-rx", "LVA", List.of("vie"));
        Topics topics = new Topics(mqtt.topicPrefix());
        Path ogg = opusTone(dir.resolve("voice.ogg"), 3);

        try (TestMqttClient watcher = new TestMqttClient(url())) {
            JsonPath started = start("Họp dân khẩn", Map.of("areas", List.of("LVA")), "PRIORITY")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            UUID id = UUID.fromString(started.getString("id"));
            assertThat(started.getInt("receivers")).isEqualTo(1);
            assertThat(started.getString("endedAt")).isNull();
            String liveTopic = topics.live(id);
            watcher.subscribe(topics.receiver("lva-rx", Topics.Kind.MANIFEST));
            watcher.subscribe(topics.areaManifest("LVA"));
            watcher.subscribe(liveTopic);

            JsonNode live = await("the manifest announces the session")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> liveEntry(watcher, id), entry -> entry != null);
            assertThat(live.get("codec").asText()).isEqualTo("opus");
            assertThat(live.get("delayMs").asInt()).isPositive();
            byte[] key = Base64.getDecoder().decode(live.get("frameKey").asText());
            assertThat(key).hasSize(32);
            JsonPath announced = given().spec(Api.asAdmin())
                    .get("/api/v1/live/{id}", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(announced.getString("announcedAt"))
                    .as("a source waits for the announcement before it sends")
                    .isNotNull();
            assertThat(announced.getInt("joinMarginMs")).isPositive();

            given().spec(Api.asAdmin())
                    .contentType("audio/ogg")
                    .body(Files.readAllBytes(ogg))
                    .post("/api/v1/live/{id}/audio", id)
                    .then()
                    .statusCode(200)
                    .body("endReason", equalTo("ENDED"));

            // QoS 0 audio and the QoS 1 end frame may overtake each other: the agents order frames by sequence
            await("the end frame on the session's topic")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> frames(watcher, liveTopic).stream().anyMatch(f -> f[1] == 1));
            List<byte[]> frames = frames(watcher, liveTopic).stream()
                    .sorted(java.util.Comparator.comparingLong(
                            f -> ByteBuffer.wrap(f).getLong(2)))
                    .toList();
            long previousCapture = 0;
            for (int i = 0; i < frames.size(); i++) {
                ByteBuffer frame = ByteBuffer.wrap(frames.get(i));
                assertThat(frame.get(0)).isEqualTo((byte) 1);
                assertThat(frame.getLong(2)).as("sequence").isEqualTo(i);
                assertThat(frame.getLong(10)).as("capture time grows").isGreaterThan(previousCapture);
                previousCapture = frame.getLong(10);
                assertThat(Arrays.copyOfRange(frames.get(i), 20, 36))
                        .as("tag of frame " + i)
                        .isEqualTo(tag(key, frames.get(i)));
            }
            assertThat(frames.size() - 1).as("3 s of 20 ms packets").isBetween(145, 155);
            assertThat(frames.get(frames.size() - 1).length).isEqualTo(36);

            String recording = given().spec(Api.asAdmin())
                    .get("/api/v1/live/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("framesReceived", equalTo(frames.size() - 1))
                    .extract()
                    .path("recordingId");
            Fixtures.awaitStatus(recording, "READY");
            given().spec(Api.asAdmin())
                    .get("/api/v1/media/{id}", recording)
                    .then()
                    .body("title", equalTo("Họp dân khẩn"))
                    .body("durationMs", org.hamcrest.Matchers.greaterThan(1500));
        }
    }

    @Test
    void shouldRefuseASecondSessionOnTheSameReceiverUnlessItIsAnEmergencyOverAPriority() {
        Fixtures.area("LVB", "COMMUNE", null);
        Fixtures.receiver("lvb-rx", "LVB", List.of("vie"));
        String first = start("Thông báo", Map.of("areas", List.of("LVB")), "PRIORITY")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        start("Thông báo khác", Map.of("receivers", List.of("lvb-rx")), "PRIORITY")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("Thông báo"));
        String emergency = start("Bão", Map.of("receivers", List.of("lvb-rx")), "EMERGENCY")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        start("Bão nữa", Map.of("receivers", List.of("lvb-rx")), "EMERGENCY")
                .then()
                .statusCode(409);

        for (String id : List.of(first, emergency)) {
            given().spec(Api.asAdmin()).post("/api/v1/live/{id}/end", id).then().statusCode(200);
        }
        start("Sau đó", Map.of("receivers", List.of("lvb-rx")), "PRIORITY")
                .then()
                .statusCode(201);
    }

    @Test
    void shouldRefuseANormalSessionAStreamThatIsNotOggAndAnUnknownSession() {
        Fixtures.area("LVC", "COMMUNE", null);
        Fixtures.receiver("lvc-rx", "LVC", List.of("vie"));
        start("Chương trình", Map.of("areas", List.of("LVC")), "NORMAL")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        String id = start("Loa", Map.of("areas", List.of("LVC")), "PRIORITY")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().spec(Api.asAdmin())
                .contentType("audio/ogg")
                .body("this is not an ogg stream at all, just text".getBytes())
                .post("/api/v1/live/{id}/audio", id)
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        given().spec(Api.asAdmin())
                .get("/api/v1/live/{id}", UUID.randomUUID())
                .then()
                .statusCode(404);
        given().spec(Api.asAdmin()).post("/api/v1/live/{id}/end", id).then().statusCode(200);
    }

    private static io.restassured.response.Response start(String title, Map<String, ?> targets, String priority) {
        return given().spec(Api.asAdmin())
                .contentType("application/json")
                .body(Map.of("title", title, "targets", targets, "priority", priority))
                .post("/api/v1/live");
    }

    private JsonNode liveEntry(TestMqttClient watcher, UUID id) throws Exception {
        for (TestMqttClient.Received r : watcher.received()) {
            if (r.topic().endsWith("/manifest")) {
                for (JsonNode entry : json.readTree(r.message().getPayload()).get("entries")) {
                    if (entry.has("live")
                            && entry.get("live").get("sessionId").asText().equals(id.toString())) {
                        return entry.get("live");
                    }
                }
            }
        }
        return null;
    }

    private static List<byte[]> frames(TestMqttClient watcher, String topic) {
        return watcher.received().stream()
                .filter(r -> r.topic().equals(topic))
                .map(r -> r.message().getPayload())
                .toList();
    }

    private static byte[] tag(byte[] key, byte[] frame) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(frame, 0, 20);
        mac.update(frame, 36, frame.length - 36);
        return Arrays.copyOf(mac.doFinal(), 16);
    }

    /** A tone as FFmpeg's Opus encoder makes it for a live source: 20 ms packets in Ogg. */
    static Path opusTone(Path file, int seconds) throws Exception {
        Process ffmpeg = new ProcessBuilder(
                        "ffmpeg",
                        "-nostdin",
                        "-loglevel",
                        "error",
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:duration=" + seconds,
                        "-ac",
                        "1",
                        "-ar",
                        "48000",
                        "-c:a",
                        "libopus",
                        "-frame_duration",
                        "20",
                        "-b:a",
                        "32k",
                        "-f",
                        "ogg",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor()).as(output).isZero();
        return file;
    }

    private String url() {
        return mqtt.url().or(broker::url).orElseThrow();
    }
}
