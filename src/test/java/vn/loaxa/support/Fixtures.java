package vn.loaxa.support;

import static vn.loaxa.support.Api.asAdmin;

import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Creates what most scenarios need through the public API, as a user would. */
public final class Fixtures {
    private Fixtures() {
    }

    public static void area(String code, String kind, String parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "name", "Địa bàn " + code, "kind", kind));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/areas").then().statusCode(201);
    }

    /** Provisions a receiver and returns its secret. */
    public static String receiver(String id, String areaCode, List<String> languages) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", id, "displayName", "Cụm " + id, "areaCode", areaCode, "languages", languages))
                .post("/api/v1/receivers").then().statusCode(201)
                .extract().path("secret");
    }

    public static String uploadReadyMedia(Path file, String title, String language) {
        return asAdmin().multiPart("file", file.toFile(), "audio/wav")
                .multiPart("title", title)
                .multiPart("language", language)
                .post("/api/v1/media").then().statusCode(201)
                .extract().path("id");
    }

    public static String bulletin(String mediaId, String priority) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("title", "Bản tin thử", "topic", "thời sự", "priority", priority,
                        "segments", List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .post("/api/v1/bulletins").then().statusCode(201)
                .extract().path("id");
    }

    public static String broadcast(String bulletinId, List<String> areas, List<String> receivers, OffsetDateTime startAt) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("bulletinId", bulletinId, "startAt", startAt.toString(),
                        "targets", Map.of("areas", areas, "receivers", receivers)))
                .post("/api/v1/broadcasts").then().statusCode(201)
                .extract().path("id");
    }
}
