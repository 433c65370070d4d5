package vn.loaxa.schedule.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.support.EnglishErrors;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** schedules/*.yaml: validate, diff and apply, idempotent, and bad files rejected with their line. */
@ExtendWith(EnglishErrors.class)
@QuarkusTest
class ScheduleFileResourceTest {
    private static boolean seeded;

    @Inject
    BroadcastRepository broadcasts;

    @BeforeEach
    void bulletinsOfTheDemoFiles() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        Fixtures.area("20", "PROVINCE", null);
        Fixtures.receiver("sf-rx-1", "20", List.of("vie"));
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("sf", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        for (String title : List.of("Bản tin sáng", "Bản tin chiều", "Phổ biến pháp luật")) {
            Fixtures.approvedBulletin(title, List.of(List.of(media, "vie")));
        }
    }

    @Test
    void shouldValidateDiffAndApplyTheShippedFilesIdempotently() throws IOException {
        Map<String, Object> files = shippedFiles();
        post("validate", files).statusCode(200);

        JsonPath diff = post("diff", files).statusCode(200).extract().jsonPath();
        assertThat(diff.getList("steps.action", String.class))
                .containsOnly("CREATE")
                .hasSize(4);
        long before = broadcastCount();

        JsonPath applied = post("apply", files).statusCode(200).extract().jsonPath();
        assertThat(applied.getList("steps.broadcastId", String.class))
                .doesNotContainNull()
                .hasSize(4);
        assertThat(broadcastCount()).isEqualTo(before + 4);

        JsonPath again = post("apply", files).statusCode(200).extract().jsonPath();
        assertThat(again.getList("steps.action", String.class))
                .containsOnly("UNCHANGED")
                .hasSize(4);
        assertThat(broadcastCount()).isEqualTo(before + 4);

        Map<String, Object> moved = Map.of(
                "files",
                List.of(Map.of(
                        "name",
                        "lang-son-legal.yaml",
                        "content",
                        Files.readString(Path.of("schedules/lang-son-legal.yaml"))
                                .replace("T19:00\n", "T20:00\n"))));
        JsonPath replaced = post("apply", moved).statusCode(200).extract().jsonPath();
        assertThat(replaced.getList("steps.action", String.class)).containsExactly("REPLACE");
    }

    @Test
    void shouldRejectABadFileWithItsLineAndApplyNothing() {
        long before = broadcastCount();
        String good = """
                broadcasts:
                  - key: ok-entry
                    bulletinTitle: Bản tin sáng
                    targets: {areas: ["20"]}
                    start: 2027-01-01T06:00
                """;
        String bad = """
                broadcasts:
                  - key: fine
                    bulletinTitle: Bản tin sáng
                    targets: {areas: ["20"]}
                    start: 2027-01-01T07:00
                  - key: broken-rule
                    bulletinTitle: Bản tin sáng
                    targets: {areas: ["20"]}
                    start: 2027-01-01T08:00
                    rrule: FREQ=SOMETIMES
                """;
        post(
                        "apply",
                        Map.of(
                                "files",
                                List.of(
                                        Map.of("name", "good.yaml", "content", good),
                                        Map.of("name", "bad.yaml", "content", bad))))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("bad.yaml:6"))
                .body("errors[0].message", containsString("FREQ=SOMETIMES"))
                .body("detail", containsString("nothing was applied"));
        assertThat(broadcastCount()).isEqualTo(before);
    }

    @Test
    void shouldTargetGroupsAndCarryThePreemptPolicyAndTestMark() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "sf-markets", "name", "Loa chợ", "members", List.of("sf-rx-1")))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(201);
        String file = """
                broadcasts:
                  - key: sf-market-notice
                    bulletinTitle: Bản tin chiều
                    targets: {groups: [sf-markets]}
                    start: 2027-03-01T09:00
                    onPreempt: DROP
                    test: true
                """;
        String id = post("apply", one("markets.yaml", file))
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("steps[0].broadcastId");
        asAdmin()
                .get("/api/v1/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("targetGroups", org.hamcrest.Matchers.contains("sf-markets"))
                .body("onPreempt", org.hamcrest.Matchers.equalTo("DROP"))
                .body("test", org.hamcrest.Matchers.equalTo(true));
        post("apply", one("markets.yaml", file))
                .statusCode(200)
                .body("steps[0].action", org.hamcrest.Matchers.equalTo("UNCHANGED"));

        String unknownGroup = file.replace("sf-markets", "no-such-group").replace("sf-market-notice", "sf-other");
        post("diff", one("other.yaml", unknownGroup))
                .statusCode(422)
                .body("errors.field", hasItem("other.yaml:2"))
                .body("errors[0].message", containsString("no-such-group"));
        post("validate", one("policy.yaml", file.replace("DROP", "SOMETIMES")))
                .statusCode(422)
                .body("errors[0].field", containsString("policy.yaml:"));
    }

    @Test
    void shouldReportSyntaxErrorsUnknownFieldsAndDuplicateKeysWithLines() {
        String unknownField = "broadcasts:\n  - key: a\n    bulletinTitle: Bản tin sáng\n    colour: red\n";
        String syntax = "broadcasts:\n  - key: [unclosed\n";
        String duplicate =
                "broadcasts:\n  - key: same\n    bulletinTitle: Bản tin sáng\n    targets: {areas: [\"20\"]}\n"
                        + "    start: 2027-01-01T06:00\n  - key: same\n    bulletinTitle: Bản tin sáng\n"
                        + "    targets: {areas: [\"20\"]}\n    start: 2027-01-02T06:00\n";
        String typed = "broadcasts:\n  - !!java.io.File\n    key: x\n";

        post("validate", one("unknown.yaml", unknownField))
                .statusCode(422)
                .body("errors[0].field", containsString("unknown.yaml:"))
                .body("detail", containsString("colour"));
        post("validate", one("syntax.yaml", syntax))
                .statusCode(422)
                .body("errors[0].field", containsString("syntax.yaml:"));
        post("validate", one("dup.yaml", duplicate)).statusCode(422).body("errors.field", hasItem("dup.yaml:6"));
        post("validate", one("typed.yaml", typed)).statusCode(422);
        post("validate", one("../escape.yaml", "broadcasts: []")).statusCode(422);
        post("validate", one("big.yaml", "broadcasts: []\n#" + "x".repeat(300_000)))
                .statusCode(422)
                .body("detail", containsString("larger than"));
    }

    private static Map<String, Object> one(String name, String content) {
        return Map.of("files", List.of(Map.of("name", name, "content", content)));
    }

    private static Map<String, Object> shippedFiles() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of("schedules"))) {
            List<Map<String, String>> files = paths.filter(p -> p.toString().endsWith(".yaml"))
                    .sorted()
                    .map(p -> Map.of("name", p.getFileName().toString(), "content", read(p)))
                    .toList();
            return Map.of("files", files);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long broadcastCount() {
        return QuarkusTransaction.requiringNew().call(broadcasts::count);
    }

    private static io.restassured.response.ValidatableResponse post(String mode, Map<String, Object> body) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/schedules/" + mode)
                .then();
    }
}
