package vn.loaxa.media.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

@QuarkusTest
class MediaResourceTest {
    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;
    @Inject
    MediaRepository media;

    @Test
    void shouldTranscodeAnUploadToOpusAndServeItWithRangeAndEtag() throws Exception {
        Path wav = TestAudio.sineWav(Files.createTempFile("tone", ".wav"), 2, 440, 0.1);

        Response created = asAdmin().multiPart("file", wav.toFile(), "audio/wav")
                .multiPart("title", "Tiếng chuông")
                .multiPart("language", "vie")
                .post("/api/v1/media");
        created.then().statusCode(201)
                .body("status", equalTo("READY"))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("durationMs", allOf(greaterThan(1850), lessThan(2150)));
        assertThat(created.jsonPath().getDouble("loudnessLufs")).isCloseTo(-16.0, within(1.0));
        String id = created.path("id");
        String sha = created.path("sha256");

        byte[] audio = asAdmin().get("/api/v1/media/" + id + "/audio").then()
                .statusCode(200)
                .contentType("audio/ogg")
                .header("ETag", "\"" + sha + "\"")
                .header("Accept-Ranges", "bytes")
                .extract().asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio))).isEqualTo(sha);
        assertThat(new String(audio, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");

        byte[] tail = asAdmin().header("Range", "bytes=100-").get("/api/v1/media/" + id + "/audio").then()
                .statusCode(206)
                .header("Content-Range", "bytes 100-" + (audio.length - 1) + "/" + audio.length)
                .extract().asByteArray();
        assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(audio, 100, audio.length));

        asAdmin().header("If-None-Match", "\"" + sha + "\"").get("/api/v1/media/" + id + "/audio").then()
                .statusCode(304);
        asAdmin().header("Range", "bytes=" + audio.length + "-").get("/api/v1/media/" + id + "/audio").then()
                .statusCode(416);
        asAdmin().get("/api/v1/media/" + id).then().statusCode(200).body("status", equalTo("READY"));
    }

    @Test
    void shouldLetAReceiverFetchAudioButNothingElse() throws Exception {
        Fixtures.area("MEDIA-RX", "COMMUNE", null);
        String secret = Fixtures.receiver("media-rx-1", "MEDIA-RX", List.of("vie"));
        Path wav = TestAudio.sineWav(Files.createTempFile("rx", ".wav"), 1.5, 660, 0.2);
        String id = Fixtures.uploadReadyMedia(wav, "Cho máy thu", "vie");

        given().auth().preemptive().basic("media-rx-1", secret).get("/api/v1/media/" + id + "/audio").then()
                .statusCode(200);
        given().auth().preemptive().basic("media-rx-1", secret).get("/api/v1/areas").then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("media-rx-1", "not-the-secret").get("/api/v1/media/" + id + "/audio")
                .then().statusCode(401);
    }

    @Test
    void shouldRejectACorruptUploadAndStoreNothing() throws IOException {
        long rowsBefore = media.count();
        long filesBefore = storedFiles();
        Path fake = Files.createTempFile("fake", ".mp3");
        Files.writeString(fake, "this is not audio, only text pretending to be an mp3\n".repeat(50));

        asAdmin().multiPart("file", fake.toFile(), "audio/mpeg")
                .multiPart("title", "Hỏng")
                .multiPart("language", "vie")
                .post("/api/v1/media").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Cannot use this audio file"));

        assertThat(media.count()).isEqualTo(rowsBefore);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void shouldRequireTheFileTitleAndLanguage() throws IOException {
        Path wav = TestAudio.sineWav(Files.createTempFile("tone", ".wav"), 1.5, 440, 0.1);

        asAdmin().multiPart("title", "x").multiPart("language", "vie").post("/api/v1/media").then()
                .statusCode(422).body("errors[0].field", equalTo("file"));
        asAdmin().multiPart("file", wav.toFile()).multiPart("title", "x").multiPart("language", "Vietnamese")
                .post("/api/v1/media").then()
                .statusCode(422).body("errors[0].field", equalTo("language"));
    }

    @Test
    void shouldAnswerUnknownMediaWith404() {
        asAdmin().get("/api/v1/media/00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json");
        asAdmin().get("/api/v1/media/not-a-uuid").then().statusCode(404);
    }

    private long storedFiles() throws IOException {
        Path root = dataDir.resolve("media");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
