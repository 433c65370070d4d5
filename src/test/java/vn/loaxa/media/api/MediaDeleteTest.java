package vn.loaxa.media.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * Deleting media: an item nothing uses goes with its stored files, a failed upload can be cleared away, and an item
 * a bulletin uses is refused with the bulletin's title.
 */
@QuarkusTest
class MediaDeleteTest {
    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;

    @Test
    void shouldDeleteAnUnusedItemWithItsStoredFilesAndAuditIt() throws IOException {
        String id = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("delete-unused", ".wav"), 2, 587, 0.25), "Xóa thử", "vie");
        JsonPath item = asAdmin()
                .get("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Path opus = stored(item.getString("sha256"), "ogg");
        Path mp3 = stored(item.getString("mp3Sha256"), "mp3");
        assertThat(opus).exists();
        assertThat(mp3).exists();

        asAdmin().delete("/api/v1/media/" + id).then().statusCode(204);

        assertThat(opus).doesNotExist();
        assertThat(mp3).doesNotExist();
        asAdmin().get("/api/v1/media/" + id).then().statusCode(404);
        asAdmin().get("/api/v1/media/" + id + "/audio").then().statusCode(404);
        List<String> methods = asAdmin()
                .queryParam("targetId", id)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("method");
        assertThat(methods).contains("DELETE");
    }

    @Test
    void shouldRefuseToDeleteAnItemABulletinUsesNamingTheBulletin() throws IOException {
        String id = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("delete-used", ".wav"), 2, 659, 0.25), "Đang dùng", "vie");
        String title = "Phòng chống rét đậm – xóa thử";
        Fixtures.approvedBulletin(title, List.of(List.of(id, "vie")));
        String sha = asAdmin().get("/api/v1/media/" + id).then().extract().path("sha256");

        asAdmin()
                .delete("/api/v1/media/" + id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(title))
                .body("conflicts", hasItem(title));

        asAdmin().get("/api/v1/media/" + id).then().statusCode(200);
        assertThat(stored(sha, "ogg")).exists();
    }

    @Test
    void shouldDeleteAFailedUpload() throws IOException {
        Path fake = Files.createTempFile("not-audio", ".mp3");
        Files.writeString(fake, "only text, no sound\n".repeat(50));
        String id = asAdmin()
                .multiPart("file", fake.toFile(), "audio/mpeg")
                .multiPart("title", "Tệp hỏng")
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Fixtures.awaitStatus(id, "FAILED");

        asAdmin().delete("/api/v1/media/" + id).then().statusCode(204);

        asAdmin().get("/api/v1/media/" + id).then().statusCode(404);
    }

    private Path stored(String sha256, String extension) {
        return dataDir.resolve("media").resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extension);
    }
}
