package vn.loaxa.support;

import static vn.loaxa.support.Api.asAdmin;

import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Creates what most scenarios need through the public API, as a user would. */
public final class Fixtures {
    private Fixtures() {}

    public static void area(String code, String kind, String parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "name", "Địa bàn " + code, "kind", kind));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
    }

    /** Provisions a receiver and returns its secret. */
    public static String receiver(String id, String areaCode, List<String> languages) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "displayName", "Cụm " + id, "areaCode", areaCode, "languages", languages))
                .post("/api/v1/receivers")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    /** Uploads a recording (202, PROCESSING) and waits until it is READY. */
    public static String uploadReadyMedia(Path file, String title, String language) {
        String id = asAdmin()
                .multiPart("file", file.toFile(), "audio/wav")
                .multiPart("title", title)
                .multiPart("language", language)
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        return awaitStatus(id, "READY");
    }

    /** Waits (bounded) until the media item leaves PROCESSING, and requires the expected end state. */
    public static String awaitStatus(String mediaId, String expected) {
        String status = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> asAdmin()
                                .get("/api/v1/media/" + mediaId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("status"),
                        s -> !"PROCESSING".equals(s));
        if (!expected.equals(status)) {
            throw new AssertionError("media " + mediaId + " ended " + status + ", expected " + expected + ": "
                    + asAdmin().get("/api/v1/media/" + mediaId).asString());
        }
        return mediaId;
    }

    /** A single-segment bulletin, submitted and approved so that it can be scheduled. */
    public static String bulletin(String mediaId, String priority) {
        String id = draftBulletin(mediaId, priority);
        approve(id);
        return id;
    }

    public static String draftBulletin(String mediaId, String priority) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Bản tin thử",
                        "topic",
                        "thời sự",
                        "priority",
                        priority,
                        "segments",
                        List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** An approved bulletin of several segments, each {@code List.of(mediaId, language)} with language or ALL. */
    public static String approvedBulletin(String title, List<List<String>> segments) {
        String id = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "topic",
                        "thời sự",
                        "priority",
                        "NORMAL",
                        "segments",
                        segments.stream()
                                .map(s -> Map.of("mediaId", s.get(0), "language", s.get(1)))
                                .toList()))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        approve(id);
        return id;
    }

    public static void approve(String bulletinId) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletinId + "/submit")
                .then()
                .statusCode(200);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletinId + "/approve")
                .then()
                .statusCode(200);
    }

    public static String broadcast(
            String bulletinId, List<String> areas, List<String> receivers, OffsetDateTime startAt) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletinId,
                        "startAt",
                        startAt.toString(),
                        "targets",
                        Map.of("areas", areas, "receivers", receivers)))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
