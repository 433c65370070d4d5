package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * What the fault suite asks of a server through its REST API: areas, receivers, approved bulletins, broadcasts and
 * their deliveries. The address is asked for on every request, so that a stack of several replicas can point it at
 * one that is up.
 */
final class ServerApi {
    private final Supplier<String> baseUrl;
    private final Map<String, String> bulletins = new HashMap<>();

    ServerApi(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A request as the admin (stacks run side by side, so never REST Assured's global settings). */
    RequestSpecification admin() {
        return RestAssured.given().baseUri(baseUrl.get()).auth().preemptive().basic(Api.ADMIN, Api.ADMIN_PASSWORD);
    }

    /** A request as the second person, the editor who approves what the admin writes. */
    RequestSpecification approver() {
        return RestAssured.given()
                .baseUri(baseUrl.get())
                .auth()
                .preemptive()
                .basic(Fixtures.APPROVER, Fixtures.APPROVER_PASSWORD);
    }

    /** The area the stack's receivers are in, and the approver account. */
    void populate(String area) {
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", area, "name", "Địa bàn lỗi", "kind", "COMMUNE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
        // approval needs a second person: the admin writes the bulletins, this editor approves them
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", Fixtures.APPROVER, "password", Fixtures.APPROVER_PASSWORD, "role", "editor"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    /** Provisions {@code count} receivers {@code f-<tag>-NN} in {@code area}; returns id to secret. */
    Map<String, String> provision(String area, String tag, int count) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String id = "f-%s-%02d".formatted(tag, i);
            secrets.put(
                    id,
                    admin().contentType(ContentType.JSON)
                            .body(Map.of(
                                    "id",
                                    id,
                                    "displayName",
                                    "Cụm " + id,
                                    "areaCode",
                                    area,
                                    "languages",
                                    List.of("vie")))
                            .post("/api/v1/receivers")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("secret"));
        }
        return secrets;
    }

    /** The public keys agents must trust. */
    List<String> signingKeys() {
        return admin().get("/api/v1/signing-keys")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("publicKey", String.class);
    }

    boolean online(String receiverId) {
        return Boolean.TRUE.equals(
                admin().get("/api/v1/receivers/" + receiverId).<Boolean>path("online"));
    }

    /** An approved single-segment bulletin of a sine tone of the given length (uploaded once per length). */
    String bulletin(int seconds) {
        return bulletins.computeIfAbsent(seconds + "s", key -> {
            try {
                Path wav = TestAudio.sineWav(Files.createTempFile("fault-tone-", ".wav"), seconds, 440, 0.5);
                return approvedBulletin(readyMedia(wav, "Thử lỗi " + key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String readyMedia(Path wav, String title) {
        String id = admin().multiPart("file", wav.toFile(), "audio/wav")
                .multiPart("title", title)
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        String status = await("media " + title + " processed")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> admin().get("/api/v1/media/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("status"),
                        state -> !"PROCESSING".equals(state));
        if (!"READY".equals(status)) {
            throw new IllegalStateException("media " + title + " ended " + status);
        }
        return id;
    }

    private String approvedBulletin(String mediaId) {
        String id = admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Bản tin thử lỗi",
                        "topic",
                        "thời sự",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", mediaId, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin().contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + id + "/submit")
                .then()
                .statusCode(200);
        approver()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + id + "/approve")
                .then()
                .statusCode(200);
        return id;
    }

    /** Schedules the bulletin on exactly these receivers at {@code playAt}, with its own late-start grace. */
    String broadcast(String bulletinId, List<String> receivers, Instant playAt, Duration grace) {
        return admin().contentType(ContentType.JSON)
                .body(broadcastBody(bulletinId, receivers, playAt, grace))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A weekly series of {@code count} occurrences (the next one beyond the dispatch horizon of a day), the first at {@code playAt}. */
    String weeklySeries(String bulletinId, List<String> receivers, Instant playAt, Duration grace, int count) {
        Map<String, Object> body = new HashMap<>(broadcastBody(bulletinId, receivers, playAt, grace));
        body.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;COUNT=" + count));
        return admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> broadcastBody(
            String bulletinId, List<String> receivers, Instant playAt, Duration grace) {
        return Map.of(
                "bulletinId",
                bulletinId,
                "startAt",
                playAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                "lateStartGrace",
                grace.toString(),
                "targets",
                Map.of("areas", List.of(), "receivers", receivers));
    }

    /** The broadcast's occurrences as the API shows them (id, playAt, dispatchedAt, ...). */
    List<Map<String, Object>> occurrences(String broadcastId) {
        return admin().get("/api/v1/broadcasts/" + broadcastId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("occurrences");
    }

    /** The stored delivery rows of a broadcast (receiverId, occurrenceId, state, reason, ...). */
    List<Map<String, Object>> deliveries(String broadcastId) {
        return admin().get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("deliveries");
    }
}
