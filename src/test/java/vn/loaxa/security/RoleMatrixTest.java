package vn.loaxa.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * The 403 matrix: every role, held in commune A and in the district D above A and its sibling B, tried against
 * every resource of A and of B. A call is allowed exactly when the role has the capability (the issue's role list,
 * restated here independently of the code) and the thing lies in the caller's subtree.
 */
@QuarkusTest
class RoleMatrixTest {
    private static final String PASSWORD = "a-long-enough-password";
    private static final String D = "RMD";
    private static final String A = "RMA";
    private static final String B = "RMB";

    enum Need {
        VIEW,
        READ,
        AUTHOR,
        SCHEDULE,
        APPROVE
    }

    private static final Map<String, Set<Need>> CAN = Map.of(
            "editor", EnumSet.of(Need.VIEW, Need.READ, Need.AUTHOR, Need.APPROVE),
            "operator", EnumSet.of(Need.VIEW, Need.READ, Need.AUTHOR, Need.SCHEDULE),
            "provider", EnumSet.of(Need.READ, Need.AUTHOR),
            "supervisor", EnumSet.of(Need.VIEW, Need.READ),
            // a translator sees only its translation tasks (TranslationResourceTest): nothing of the matrix
            "translator", EnumSet.noneOf(Need.class));

    /** What belongs to one commune. */
    record Things(String area, String receiver, String media, String bulletin, String broadcast, String group) {}

    record Action(String name, Need need, Function<Things, Call> call) {}

    /** One request; {@code spec} is the caller's authenticated request. */
    interface Call {
        Response send(RequestSpecification spec);
    }

    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static boolean ready;
    private static Things thingsOfA;
    private static Things thingsOfB;
    private static String mediaOfD;
    private static String draftOfD;
    private static String broadcastOfD;

    /** Made once for the tests; they only add to what exists. */
    private static synchronized void communesWithTheirPeopleAndThings() throws Exception {
        if (ready) {
            return;
        }
        Fixtures.area(D, "DISTRICT", null);
        Fixtures.area(A, "COMMUNE", D);
        Fixtures.area(B, "COMMUNE", D);
        for (String role : CAN.keySet()) {
            account(role, A);
            account(role, D);
        }
        account("operator", B);
        Fixtures.receiver("rm-rx-a", A, List.of("vie"));
        Fixtures.receiver("rm-rx-b", B, List.of("vie"));
        Path wav = TestAudio.sineWav(Files.createTempFile("role-matrix", ".wav"), 2, 440, 0.3);
        thingsOfA = thingsOf(A, "rm-rx-a", wav, "editor@" + A);
        thingsOfB = thingsOf(B, "rm-rx-b", wav, null);
        mediaOfD = upload("operator@" + D, wav);
        draftOfD = bulletin("operator@" + D, mediaOfD);
        broadcastOfD = broadcast("operator@" + D, thingsOfA.bulletin(), Map.of("areas", List.of(D)));
        ready = true;
    }

    private static Things thingsOf(String area, String receiver, Path wav, String approver) {
        String operator = "operator@" + area;
        String media = upload(operator, wav);
        String bulletin = bulletin(operator, media);
        as(operator)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletin + "/submit")
                .then()
                .statusCode(200);
        (approver == null ? asAdmin() : as(approver))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + bulletin + "/approve")
                .then()
                .statusCode(200);
        String broadcast = broadcast(operator, bulletin, Map.of("areas", List.of(area)));
        String group = "rm-" + area.toLowerCase();
        as(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("code", group, "name", "Loa chợ " + area, "members", List.of(receiver)))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(201);
        return new Things(area, receiver, media, bulletin, broadcast, group);
    }

    @Test
    void everyRoleReachesExactlyItsOwnSubtree() throws Exception {
        communesWithTheirPeopleAndThings();
        SoftAssertions softly = new SoftAssertions();
        int calls = 0;
        for (String caller : callers()) {
            for (Things things : List.of(thingsOfA, thingsOfB)) {
                for (Action action : actions()) {
                    boolean allowed = allowed(caller, action.need(), things.area());
                    Response response = action.call().apply(things).send(as(caller));
                    calls++;
                    String what = caller + " " + action.name() + " of " + things.area() + " -> " + response.statusCode()
                            + " " + response.asString();
                    if (allowed) {
                        softly.assertThat(response.statusCode())
                                .as(what)
                                .isNotIn(401, 403)
                                .isLessThan(500);
                    } else {
                        softly.assertThat(response.statusCode()).as(what).isEqualTo(403);
                        softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                    }
                }
            }
        }
        softly.assertAll();
        assertThat(calls).isEqualTo(callers().size() * 2 * actions().size());
    }

    @Test
    void contentFromAboveIsReadBelowButChangedOnlyAbove() throws Exception {
        communesWithTheirPeopleAndThings();
        for (String role : List.of("editor", "operator", "provider", "supervisor")) {
            as(role + "@" + A).get("/api/v1/media/" + mediaOfD).then().statusCode(200);
            as(role + "@" + A).get("/api/v1/bulletins/" + draftOfD).then().statusCode(200);
        }
        as("editor@" + A)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + draftOfD + "/approve")
                .then()
                .statusCode(403);
        as("editor@" + D)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + draftOfD + "/approve")
                .then()
                .statusCode(409);
        as("supervisor@" + A).get("/api/v1/broadcasts/" + broadcastOfD).then().statusCode(200);
        as("operator@" + A)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/broadcasts/" + broadcastOfD + "/cancel")
                .then()
                .statusCode(403);
    }

    /** Approving is the editors' (and admins') job, and never of the bulletin's own author (the four-eyes rule). */
    @Test
    void approvalNeedsAnApproverOtherThanTheAuthor() throws Exception {
        communesWithTheirPeopleAndThings();
        String editor = "editor@" + A;
        String own = bulletin(editor, thingsOfA.media());
        as(editor)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + own + "/submit")
                .then()
                .statusCode(200);
        for (String refused : List.of(editor, "operator@" + A, "operator@" + D, "provider@" + D, "supervisor@" + D)) {
            as(refused)
                    .contentType(ContentType.JSON)
                    .body(Map.of())
                    .post("/api/v1/bulletins/" + own + "/approve")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        as("editor@" + D)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + own + "/approve")
                .then()
                .statusCode(200);
    }

    @Test
    void listsShowOnlyTheCallersSubtree() throws Exception {
        communesWithTheirPeopleAndThings();
        String supervisor = "supervisor@" + A;
        assertThat(as(supervisor)
                        .get("/api/v1/receivers")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id", String.class))
                .contains(thingsOfA.receiver())
                .doesNotContain(thingsOfB.receiver());
        assertThat(as(supervisor)
                        .get("/api/v1/areas")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("code", String.class))
                .containsExactly(A);
        assertThat(as(supervisor)
                        .get("/api/v1/broadcasts")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id", String.class))
                .contains(thingsOfA.broadcast(), broadcastOfD)
                .doesNotContain(thingsOfB.broadcast());
        assertThat(as("provider@" + A)
                        .get("/api/v1/bulletins")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id", String.class))
                .contains(thingsOfA.bulletin(), draftOfD)
                .doesNotContain(thingsOfB.bulletin());
        assertThat(as("operator@" + A)
                        .get("/api/v1/receiver-groups")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("code", String.class))
                .contains(thingsOfA.group())
                .doesNotContain(thingsOfB.group());
        assertThat(as("operator@" + D)
                        .get("/api/v1/receivers")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id", String.class))
                .contains(thingsOfA.receiver(), thingsOfB.receiver());
        assertThat(as(supervisor).get("/map").then().statusCode(200).extract().asString())
                .contains(thingsOfA.receiver())
                .doesNotContain(thingsOfB.receiver());
    }

    @Test
    void onlyAdministratorsManagePeopleAreasAndTheAuditLog() throws Exception {
        communesWithTheirPeopleAndThings();
        for (String caller : callers()) {
            if (caller.equals(Api.ADMIN)) {
                continue;
            }
            as(caller).get("/api/v1/accounts").then().statusCode(403);
            as(caller).get("/api/v1/audit").then().statusCode(403);
            // nobody but an administrator changes a role, resets a password, locks an account or renames an area
            as(caller)
                    .contentType(ContentType.JSON)
                    .body(Map.of("role", "admin"))
                    .put("/api/v1/accounts/" + caller)
                    .then()
                    .statusCode(403);
            as(caller)
                    .contentType(ContentType.JSON)
                    .body(Map.of("password", "a-new-password-of-mine"))
                    .put("/api/v1/accounts/" + caller + "/password")
                    .then()
                    .statusCode(403);
            as(caller)
                    .contentType(ContentType.JSON)
                    .post("/api/v1/accounts/" + caller + "/unlock")
                    .then()
                    .statusCode(403);
            as(caller)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "x"))
                    .put("/api/v1/areas/" + D)
                    .then()
                    .statusCode(403);
            as(caller)
                    .contentType(ContentType.JSON)
                    .body(Map.of("code", "RMX", "name", "x", "kind", "COMMUNE"))
                    .post("/api/v1/areas")
                    .then()
                    .statusCode(403);
        }
        as("operator@" + D)
                .contentType(ContentType.JSON)
                .body(Map.of("files", List.of(Map.of("name", "x.yaml", "content", "broadcasts: []\n"))))
                .post("/api/v1/schedules/apply")
                .then()
                .statusCode(403);
    }

    private static List<String> callers() {
        List<String> callers = new ArrayList<>();
        callers.add(Api.ADMIN);
        for (String role : List.of("editor", "operator", "provider", "supervisor", "translator")) {
            callers.add(role + "@" + A);
            callers.add(role + "@" + D);
        }
        return callers;
    }

    private static boolean allowed(String caller, Need need, String area) {
        if (caller.equals(Api.ADMIN)) {
            return true;
        }
        String role = caller.substring(0, caller.indexOf('@'));
        String home = caller.substring(caller.indexOf('@') + 1);
        return CAN.get(role).contains(need) && (home.equals(D) || home.equals(area));
    }

    private static List<Action> actions() {
        String range = "from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now();
        return List.of(
                new Action("GET receiver", Need.VIEW, t -> s -> s.get("/api/v1/receivers/" + t.receiver())),
                new Action("GET outages", Need.VIEW, t -> s -> s.get("/api/v1/receivers/" + t.receiver() + "/outages")),
                new Action(
                        "GET receiver languages",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/receivers/" + t.receiver() + "/languages")),
                new Action("GET media", Need.READ, t -> s -> s.get("/api/v1/media/" + t.media())),
                new Action("GET media audio", Need.READ, t -> s -> s.get("/api/v1/media/" + t.media() + "/audio")),
                new Action("GET bulletin", Need.READ, t -> s -> s.get("/api/v1/bulletins/" + t.bulletin())),
                new Action(
                        "GET bulletin's translation tasks",
                        Need.READ,
                        t -> s -> s.get("/api/v1/bulletins/" + t.bulletin() + "/translations")),
                new Action(
                        "request translation",
                        Need.AUTHOR,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of(
                                        "languages",
                                        List.of("tyz"),
                                        "dueAt",
                                        OffsetDateTime.now(ZoneOffset.UTC)
                                                .plusDays(2)
                                                .withNano(0)
                                                .toString()))
                                .post("/api/v1/bulletins/" + t.bulletin() + "/translations")),
                new Action("GET broadcast", Need.VIEW, t -> s -> s.get("/api/v1/broadcasts/" + t.broadcast())),
                new Action(
                        "GET deliveries",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/broadcasts/" + t.broadcast() + "/deliveries")),
                new Action(
                        "GET occurrences",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/broadcasts/" + t.broadcast() + "/occurrences")),
                new Action("GET inbox", Need.VIEW, t -> s -> s.get("/api/v1/areas/" + t.area() + "/inbox")),
                new Action(
                        "GET inbox policy", Need.VIEW, t -> s -> s.get("/api/v1/areas/" + t.area() + "/inbox-policy")),
                new Action(
                        "GET plays report",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/reports/plays?" + range + "&area=" + t.area())),
                new Action(
                        "GET as-run CSV",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/reports/as-run?format=csv&" + range + "&area=" + t.area())),
                new Action(
                        "GET availability report",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/reports/availability?" + range + "&area=" + t.area())),
                new Action(
                        "GET coverage report",
                        Need.VIEW,
                        t -> s -> s.get("/api/v1/reports/coverage?" + range + "&area=" + t.area())),
                new Action("GET group", Need.SCHEDULE, t -> s -> s.get("/api/v1/receiver-groups/" + t.group())),
                new Action("GET receiver page", Need.VIEW, t -> s -> s.get("/receivers/" + t.receiver())),
                new Action("GET broadcast page", Need.VIEW, t -> s -> s.get("/broadcasts/" + t.broadcast())),
                new Action("GET reports page", Need.VIEW, t -> s -> s.get("/reports?area=" + t.area())),
                new Action(
                        "send command",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("type", "REPORT_NOW"))
                                .post("/api/v1/receivers/" + t.receiver() + "/commands")),
                new Action(
                        "set receiver languages",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("languages", List.of("vie")))
                                .put("/api/v1/receivers/" + t.receiver() + "/languages")),
                new Action(
                        "rotate secret",
                        Need.SCHEDULE,
                        t -> s -> s.post("/api/v1/receivers/" + t.receiver() + "/secret")),
                new Action(
                        "move receiver (within its area)",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("areaCode", t.area()))
                                .put("/api/v1/receivers/" + t.receiver() + "/area")),
                new Action(
                        "provision receiver",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of(
                                        "id",
                                        "rm-new-" + SERIAL.incrementAndGet(),
                                        "displayName",
                                        "Cụm mới",
                                        "areaCode",
                                        t.area(),
                                        "languages",
                                        List.of("vie")))
                                .post("/api/v1/receivers")),
                new Action(
                        "schedule to area",
                        Need.SCHEDULE,
                        t -> s -> scheduleRequest(s, t.bulletin(), Map.of("areas", List.of(t.area())))),
                new Action(
                        "schedule to receiver",
                        Need.SCHEDULE,
                        t -> s -> scheduleRequest(s, t.bulletin(), Map.of("receivers", List.of(t.receiver())))),
                new Action(
                        "schedule to group",
                        Need.SCHEDULE,
                        t -> s -> scheduleRequest(s, t.bulletin(), Map.of("groups", List.of(t.group())))),
                new Action(
                        "set inbox policy",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("policy", "AUTO_ACCEPT"))
                                .put("/api/v1/areas/" + t.area() + "/inbox-policy")),
                new Action(
                        "set area languages",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("languages", List.of("vie")))
                                .put("/api/v1/areas/" + t.area() + "/languages")),
                new Action(
                        "replace group",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("name", "Loa chợ", "members", List.of(t.receiver())))
                                .put("/api/v1/receiver-groups/" + t.group())),
                new Action(
                        "write bulletin",
                        Need.AUTHOR,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of(
                                        "title",
                                        "Tin mới",
                                        "topic",
                                        "thời sự",
                                        "priority",
                                        "NORMAL",
                                        "segments",
                                        List.of(Map.of("mediaId", t.media(), "language", "vie"))))
                                .post("/api/v1/bulletins")),
                new Action(
                        "submit bulletin",
                        Need.AUTHOR,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of())
                                .post("/api/v1/bulletins/" + t.bulletin() + "/submit")),
                new Action(
                        "approve bulletin",
                        Need.APPROVE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of())
                                .post("/api/v1/bulletins/" + t.bulletin() + "/approve")),
                new Action(
                        "cancel one occurrence",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of("localTime", "2030-01-07T06:00:00"))
                                .post("/api/v1/broadcasts/" + t.broadcast() + "/exdates")),
                new Action(
                        "cancel broadcast",
                        Need.SCHEDULE,
                        t -> s -> s.contentType(ContentType.JSON)
                                .body(Map.of())
                                .post("/api/v1/broadcasts/" + t.broadcast() + "/cancel")));
    }

    private static Response scheduleRequest(
            RequestSpecification spec, String bulletin, Map<String, List<String>> targets) {
        return spec.contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "targets",
                        targets,
                        "allowOverlap",
                        true,
                        "startAt",
                        OffsetDateTime.now(ZoneOffset.UTC)
                                .plusDays(5 + SERIAL.incrementAndGet() % 20)
                                .withNano(0)
                                .toString()))
                .post("/api/v1/broadcasts");
    }

    private static void account(String role, String area) {
        String name = role + "@" + area;
        String username = (role + "-" + area).toLowerCase();
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role, "areaCode", area))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        String token = given().auth()
                .preemptive()
                .basic(username, PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "role matrix"))
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        TOKENS.put(name, token);
    }

    private static RequestSpecification as(String caller) {
        return caller.equals(Api.ADMIN) ? asAdmin() : given().header("Authorization", "Bearer " + TOKENS.get(caller));
    }

    private static String upload(String caller, Path wav) {
        String id = as(caller)
                .multiPart("file", wav.toFile(), "audio/wav")
                .multiPart("title", "Tin " + caller)
                .multiPart("language", "vie")
                .post("/api/v1/media")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        return Fixtures.awaitStatus(id, "READY");
    }

    private static String bulletin(String caller, String media) {
        return as(caller)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Bản tin " + caller,
                        "topic",
                        "thời sự",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", media, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String broadcast(String caller, String bulletin, Map<String, List<String>> targets) {
        return as(caller)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "targets",
                        targets,
                        "allowOverlap",
                        true,
                        "startAt",
                        OffsetDateTime.now(ZoneOffset.UTC)
                                .plusDays(3)
                                .withNano(0)
                                .toString()))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
