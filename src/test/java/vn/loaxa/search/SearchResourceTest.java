package vn.loaxa.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

@QuarkusTest
class SearchResourceTest {
    private static String floodMedia;
    private static String ethnicBulletin;
    private static String storyBulletin;

    @BeforeEach
    void content() throws Exception {
        if (floodMedia != null) {
            return;
        }
        floodMedia = asAdmin()
                .multiPart(
                        "file",
                        TestAudio.sineWav(Files.createTempFile("s", ".wav"), 1.5, 440, 0.2)
                                .toFile(),
                        "audio/wav")
                .multiPart(text("title", "Cảnh báo lũ quét"))
                .multiPart("language", "vie")
                .multiPart(text("transcript", "Đề phòng thiên tai ở Đồng Đăng, sơ tán người dân vùng trũng"))
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Fixtures.awaitStatus(floodMedia, "READY");
        ethnicBulletin = bulletin("Chính sách cho đồng bào", "dân tộc", floodMedia);
        storyBulletin = bulletin("Thiên tai và dân tộc: chuyện ở bản", "văn hóa", floodMedia);
    }

    @Test
    void shouldFindTextWithoutDiacritics() {
        assertThat(ids("thien tai")).contains(floodMedia, storyBulletin);
        assertThat(ids("dan toc")).contains(ethnicBulletin, storyBulletin);
        assertThat(ids("dong dang")).contains(floodMedia);
        assertThat(ids("ĐỒNG ĐĂNG")).contains(floodMedia);
        assertThat(ids("dân tộc")).contains(ethnicBulletin);
    }

    @Test
    void shouldRankTitleMatchesAboveTopicAndTranscriptMatches() {
        List<String> found = ids("thien tai");
        assertThat(found.indexOf(storyBulletin)).isLessThan(found.indexOf(floodMedia));

        List<String> ethnic = ids("dan toc");
        // "dân tộc" is ethnicBulletin's topic, but storyBulletin's title
        assertThat(ethnic.indexOf(storyBulletin)).isLessThan(ethnic.indexOf(ethnicBulletin));
    }

    @Test
    void shouldRequireEveryWordAndRefuseAnEmptyQuery() {
        assertThat(ids("thien tai khong co tu nay")).isEmpty();
        asAdmin().get("/api/v1/search?q=").then().statusCode(422).body("errors[0].field", equalTo("q"));
    }

    private static io.restassured.specification.MultiPartSpecification text(String name, String value) {
        return new io.restassured.builder.MultiPartSpecBuilder(value)
                .controlName(name)
                .mimeType("text/plain")
                .charset(java.nio.charset.StandardCharsets.UTF_8)
                .build();
    }

    private static List<String> ids(String q) {
        return asAdmin()
                .queryParam("q", q)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class);
    }

    private static String bulletin(String title, String topic, String mediaId) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "topic",
                        topic,
                        "sourceAgency",
                        "Ban Dân tộc tỉnh",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
