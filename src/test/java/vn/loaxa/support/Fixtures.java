package vn.loaxa.support;

import static io.restassured.RestAssured.given;
import static vn.loaxa.support.Api.asAdmin;

import io.restassured.RestAssured;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Creates what most scenarios need through the public API, as a user would. */
public final class Fixtures {
    /** A national editor, the second person who approves the bulletins that the admin writes. */
    public static final String APPROVER = "approver";

    public static final String APPROVER_PASSWORD = "test-approver-password";

    private static int approverOnPort = -1;

    private Fixtures() {}

    public static void area(String code, String kind, String parent) {
        area(code, "Địa bàn " + code, kind, parent);
    }

    /** An area with its own name. */
    public static void area(String code, String name, String kind, String parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind));
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
                // rest-assured sends text parts as ISO-8859-1 unless told, which turns "Phòng" into "Ph?ng"
                .multiPart(new MultiPartSpecBuilder(title)
                        .controlName("title")
                        .mimeType("text/plain")
                        .charset(StandardCharsets.UTF_8)
                        .build())
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

    /**
     * Submits the bulletin as the admin who wrote it, and approves it as {@link #APPROVER}: approval needs a second
     * person (docs/security.md, "Approval by a second person").
     */
    public static void approve(String bulletinId) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletinId + "/submit")
                .then()
                .statusCode(200);
        Response approval = approveAsApprover(bulletinId);
        if (approval.statusCode() == 401) { // a new server on the port of an earlier one: make the account there
            forgetApproverAccount();
            approval = approveAsApprover(bulletinId);
        }
        approval.then().statusCode(200);
    }

    private static Response approveAsApprover(String bulletinId) {
        return asApprover()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletinId + "/approve");
    }

    private static synchronized void forgetApproverAccount() {
        approverOnPort = -1;
    }

    /** Requests as the national editor who approves what the admin writes; the account is made once per server. */
    public static RequestSpecification asApprover() {
        approverAccount();
        return given().auth().preemptive().basic(APPROVER, APPROVER_PASSWORD);
    }

    /** Creates the approver's account on the server under test, unless this server (by its port) already has it. */
    public static synchronized void approverAccount() {
        if (approverOnPort == RestAssured.port) {
            return;
        }
        int status = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", APPROVER, "password", APPROVER_PASSWORD, "role", "editor"))
                .post("/api/v1/accounts")
                .then()
                .extract()
                .statusCode();
        if (status != 201 && status != 409) {
            throw new AssertionError("the approver's account could not be made: " + status);
        }
        approverOnPort = RestAssured.port;
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
