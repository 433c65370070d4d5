package vn.loaxa.media.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;
import vn.loaxa.media.service.MediaProcessor;
import vn.loaxa.support.EnglishErrors;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

@ExtendWith(EnglishErrors.class)
@QuarkusTest
class MediaResourceTest {
    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;

    @ConfigProperty(name = "loaxa.media.max-upload-size")
    io.quarkus.runtime.configuration.MemorySize maxUploadSize;

    @Inject
    MediaRepository media;

    @Inject
    MediaProcessor processor;

    long maxUpload;

    @org.junit.jupiter.api.BeforeEach
    void readLimit() {
        maxUpload = maxUploadSize.asLongValue();
    }

    @Test
    void shouldTranscodeAnUploadToOpusAndServeItWithRangeAndEtag() throws Exception {
        Path wav = TestAudio.sineWav(Files.createTempFile("tone", ".wav"), 2, 440, 0.1);

        Response accepted = asAdmin()
                .multiPart("file", wav.toFile(), "audio/wav")
                .multiPart("title", "Tiếng chuông")
                .multiPart("language", "vie")
                .post("/api/v1/media");
        accepted.then()
                .statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/media/[0-9a-f-]{36}"))
                .body("status", equalTo("PROCESSING"))
                .body("progress", lessThan(100));
        Fixtures.awaitStatus(accepted.path("id"), "READY");
        Response created = asAdmin().get("/api/v1/media/" + accepted.path("id"));
        created.then()
                .statusCode(200)
                .body("status", equalTo("READY"))
                .body("progress", equalTo(100))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("mp3Sha256", matchesPattern("[0-9a-f]{64}"))
                .body("durationMs", allOf(greaterThan(1850), lessThan(2150)));
        assertThat(created.jsonPath().getDouble("loudnessLufs")).isCloseTo(-16.0, within(1.0));
        assertThat(created.jsonPath().getDouble("truePeakDbtp")).isLessThanOrEqualTo(-1.0);
        String id = created.path("id");
        String sha = created.path("sha256");

        byte[] audio = asAdmin()
                .get("/api/v1/media/" + id + "/audio")
                .then()
                .statusCode(200)
                .contentType("audio/ogg")
                .header("ETag", "\"" + sha + "\"")
                .header("Accept-Ranges", "bytes")
                .extract()
                .asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio)))
                .isEqualTo(sha);
        assertThat(new String(audio, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");

        byte[] tail = asAdmin()
                .header("Range", "bytes=100-")
                .get("/api/v1/media/" + id + "/audio")
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes 100-" + (audio.length - 1) + "/" + audio.length)
                .extract()
                .asByteArray();
        assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(audio, 100, audio.length));

        asAdmin()
                .header("If-None-Match", "\"" + sha + "\"")
                .get("/api/v1/media/" + id + "/audio")
                .then()
                .statusCode(304);
        asAdmin()
                .header("Range", "bytes=" + audio.length + "-")
                .get("/api/v1/media/" + id + "/audio")
                .then()
                .statusCode(416);
        asAdmin().get("/api/v1/media/" + id).then().statusCode(200).body("status", equalTo("READY"));

        byte[] mp3 = asAdmin()
                .get(created.<String>path("mp3Url"))
                .then()
                .statusCode(200)
                .contentType("audio/mpeg")
                .header("ETag", "\"" + created.path("mp3Sha256") + "\"")
                .extract()
                .asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mp3)))
                .isEqualTo(created.<String>path("mp3Sha256"));
    }

    @Test
    void shouldLetAReceiverFetchOnlyTheAudioOfItsOwnDeliveriesAndNothingElse() throws Exception {
        Fixtures.area("MEDIA-RX", "COMMUNE", null);
        String secret = Fixtures.receiver("media-rx-1", "MEDIA-RX", List.of("vie"));
        String other = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("other", ".wav"), 1.5, 440, 0.2),
                "Không phải của máy này",
                "vie");
        String id = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("rx", ".wav"), 1.5, 660, 0.2), "Cho máy thu", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(id, "NORMAL"),
                List.of("MEDIA-RX"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30));
        String delivered = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> asAdmin()
                                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                                .jsonPath()
                                .getString("deliveries[0].mediaId"),
                        java.util.Objects::nonNull);

        given().auth()
                .preemptive()
                .basic("media-rx-1", secret)
                .get("/api/v1/media/" + delivered + "/audio")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("media-rx-1", secret)
                .get("/api/v1/media/" + delivered + "/audio.mp3")
                .then()
                .statusCode(200);
        for (String notMine : List.of(other, id.equals(delivered) ? other : id)) {
            given().auth()
                    .preemptive()
                    .basic("media-rx-1", secret)
                    .get("/api/v1/media/" + notMine + "/audio")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("none of your deliveries"));
        }
        given().auth()
                .preemptive()
                .basic("media-rx-1", secret)
                .get("/api/v1/areas")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic("media-rx-1", "not-the-secret")
                .get("/api/v1/media/" + delivered + "/audio")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldFailATextFileNamedMp3WithAReasonAndStoreNothing() throws IOException {
        Path fake = Files.createTempFile("fake", ".mp3");
        Files.writeString(fake, "this is not audio, only text pretending to be an mp3\n".repeat(50));

        assertFailsAndStoresNothing(fake, "audio/mpeg", "Cannot use this audio file: FFmpeg could not decode");
    }

    @Test
    void shouldFailATruncatedUploadWithAReasonAndStoreNothing() throws Exception {
        Path wav = TestAudio.sineWav(Files.createTempFile("full", ".wav"), 5, 440, 0.2);
        Path mp3 = transcodeWithFfmpeg(wav, "full.mp3", "-c:a", "libmp3lame");
        Path truncated = Files.write(
                Files.createTempFile("truncated", ".mp3"), java.util.Arrays.copyOf(Files.readAllBytes(mp3), 2048));

        assertFailsAndStoresNothing(truncated, "audio/mpeg", "minimum");
    }

    @Test
    void shouldFailAVideoWithoutSoundWithAReasonAndStoreNothing() throws Exception {
        Path video = Files.createTempDirectory("video").resolve("clip.mp4");
        Process ffmpeg = new ProcessBuilder(
                        "ffmpeg",
                        "-hide_banner",
                        "-loglevel",
                        "error",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=duration=2:size=64x64:rate=10",
                        "-c:v",
                        "mpeg4",
                        video.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(ffmpeg.waitFor()).isZero();

        assertFailsAndStoresNothing(video, "video/mp4", "no audio stream");
    }

    @Test
    void shouldRefuseAnEmptyFileAtOnce() throws IOException {
        Path empty = Files.createTempFile("empty", ".wav");

        assertRefusedAtOnce(empty, "file.wav", 422, "The file is empty");
    }

    @Test
    void shouldRefuseAnUploadOverTheConfiguredLimitAtOnce() throws IOException {
        Path big = Files.write(Files.createTempFile("big", ".wav"), new byte[(int) maxUpload + 1]);

        assertRefusedAtOnce(big, "big.wav", 413, "largest upload accepted");
    }

    @Test
    void shouldRefuseAFileNameWithAPathAtOnce() throws IOException {
        Path wav = TestAudio.sineWav(Files.createTempFile("tone", ".wav"), 1.5, 440, 0.1);

        assertRefusedAtOnce(wav, "../../etc/cron.d/evil.wav", 422, "without folders");
        assertRefusedAtOnce(wav, "..\\..\\evil.wav", 422, "without folders");
    }

    @Test
    void shouldSpeakVietnameseTextIntoAPlayableItemThatKeepsItsTranscript() {
        String text = "Thông báo: lúc tám giờ sáng mai, xã tổ chức tiêm chủng tại trạm y tế.";
        String id = asAdmin()
                .contentType("application/json")
                .body(java.util.Map.of("text", text, "language", "vie", "voice", "vi-vn-x-south"))
                .post("/api/v1/media/tts")
                .then()
                .statusCode(202)
                .body("status", equalTo("PROCESSING"))
                .extract()
                .path("id");

        Fixtures.awaitStatus(id, "READY");
        asAdmin()
                .get("/api/v1/media/" + id)
                .then()
                .body("transcript", equalTo(text))
                .body("language", equalTo("vie"))
                .body("durationMs", greaterThan(2000));
        byte[] audio = asAdmin()
                .get("/api/v1/media/" + id + "/audio")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(new String(audio, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
    }

    @Test
    void shouldRefuseTextToSpeechInALanguageTheEngineCannotSpeak() {
        long rowsBefore = media.count();

        asAdmin()
                .contentType("application/json")
                .body(java.util.Map.of("text", "Pjom khảu", "language", "tyz"))
                .post("/api/v1/media/tts")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("language"))
                .body("detail", containsString("recorded by a person"));
        asAdmin()
                .contentType("application/json")
                .body(java.util.Map.of("text", "Xin chào", "language", "vie", "voice", "en-us"))
                .post("/api/v1/media/tts")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("voice"));
        assertThat(media.count()).isEqualTo(rowsBefore);
    }

    @Test
    void shouldFailWorkLeftProcessingByAStoppedServer() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Media orphan = new Media();
            orphan.id = id;
            orphan.title = "Bị gián đoạn";
            orphan.language = "vie";
            orphan.status = MediaStatus.PROCESSING;
            orphan.progress = 40;
            orphan.createdBy = "admin";
            orphan.createdAt = OffsetDateTime.now().minusHours(1);
            orphan.updatedAt = orphan.createdAt;
            media.persist(orphan);
        });

        processor.sweep();

        asAdmin()
                .header("Accept-Language", "en")
                .get("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", containsString("upload the file again"));
    }

    @Test
    void shouldSayWhyAFileCannotBeUsedInTheReadersLanguage() throws IOException {
        Path tooShort = TestAudio.sineWav(Files.createTempFile("short", ".wav"), 0.5, 440, 0.2);
        String id = uploadThatFails(tooShort, "audio/wav");

        asAdmin()
                .header("Accept-Language", "vi")
                .get("/api/v1/media/" + id)
                .then()
                .body("failureReason", startsWith("Không dùng được tệp âm thanh này: âm thanh chỉ dài 0,4"))
                .body("failureReason", containsString("giây khi bỏ khoảng lặng ở đầu và cuối; cần ít nhất 1,0 giây"));
        asAdmin()
                .header("Accept-Language", "en-GB,en;q=0.8")
                .get("/api/v1/media/" + id)
                .then()
                .body("failureReason", startsWith("Cannot use this audio file: the audio is 0.4"))
                .body("failureReason", containsString("s long without its leading and trailing silence; the minimum"));
    }

    private void assertFailsAndStoresNothing(Path file, String type, String reason) throws IOException {
        long filesBefore = storedFiles();
        String id = uploadThatFails(file, type);
        asAdmin()
                .header("Accept-Language", "en")
                .get("/api/v1/media/" + id)
                .then()
                .body("failureReason", containsString(reason))
                .body("audioUrl", equalTo(null));
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    /** Uploads a file the server accepts for processing and waits until its processing fails. */
    private static String uploadThatFails(Path file, String type) {
        String id = asAdmin()
                .multiPart("file", file.toFile(), type)
                .multiPart("title", "Hỏng")
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Fixtures.awaitStatus(id, "FAILED");
        return id;
    }

    private void assertRefusedAtOnce(Path file, String fileName, int status, String detail) throws IOException {
        long rowsBefore = media.count();
        long filesBefore = storedFiles();

        asAdmin()
                .multiPart("file", fileName, Files.readAllBytes(file), "audio/wav")
                .multiPart("title", "Bị từ chối")
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));

        assertThat(media.count()).isEqualTo(rowsBefore);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    private static Path transcodeWithFfmpeg(Path input, String name, String... args) throws Exception {
        Path output = Files.createTempDirectory("ffmpeg").resolve(name);
        List<String> command = new java.util.ArrayList<>(
                List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", input.toString()));
        command.addAll(List.of(args));
        command.add(output.toString());
        assertThat(new ProcessBuilder(command).redirectErrorStream(true).start().waitFor())
                .isZero();
        return output;
    }

    @Test
    void shouldRequireTheFileTitleAndLanguage() throws IOException {
        Path wav = TestAudio.sineWav(Files.createTempFile("tone", ".wav"), 1.5, 440, 0.1);

        asAdmin()
                .multiPart("title", "x")
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("file"));
        asAdmin()
                .multiPart("file", wav.toFile())
                .multiPart("title", "x")
                .multiPart("language", "Vietnamese")
                .post("/api/v1/media")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("language"));
    }

    @Test
    void shouldAnswerUnknownMediaWith404() {
        asAdmin()
                .get("/api/v1/media/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
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
