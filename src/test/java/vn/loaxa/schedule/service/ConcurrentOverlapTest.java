package vn.loaxa.schedule.service;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** The overlap check and the insert after it are one guarded step: concurrent clashing requests cannot all pass. */
@QuarkusTest
class ConcurrentOverlapTest {
    private static final int REQUESTS = 6;

    @Test
    void shouldAcceptOnlyOneOfManyConcurrentRequestsThatOverlapOnSharedReceivers() throws Exception {
        Fixtures.area("CO-A", "COMMUNE", null);
        Fixtures.area("CO-B", "COMMUNE", null);
        Fixtures.receiver("co-a-1", "CO-A", List.of("vie"));
        Fixtures.receiver("co-shared", "CO-A", List.of("vie"));
        Fixtures.receiver("co-b-1", "CO-B", List.of("vie"));
        String bulletin = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("overlap", ".wav"), 2, 440, 0.2), "Trùng", "vie"),
                "PRIORITY");
        // rendered beforehand, so that the requests race in the check rather than in FFmpeg
        asAdmin().get("/api/v1/bulletins/" + bulletin + "/variants").then().statusCode(200);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.SECONDS);

        // half target the area, half the shared receiver and another area: every pair shares co-shared
        List<Response> responses = concurrently(i -> Map.of(
                "bulletinId",
                bulletin,
                "startAt",
                at.toString(),
                "targets",
                i % 2 == 0
                        ? Map.of("areas", List.of("CO-A"))
                        : Map.of("receivers", List.of("co-shared"), "areas", List.of("CO-B"))));

        assertThat(responses.stream().filter(r -> r.statusCode() == 201).count())
                .isEqualTo(1);
        assertThat(responses.stream().filter(r -> r.statusCode() != 201))
                .hasSize(REQUESTS - 1)
                .allSatisfy(r -> {
                    assertThat(r.statusCode()).isEqualTo(409);
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.jsonPath().getList("conflicts")).hasSize(1);
                });
    }

    private interface Body {
        Map<String, Object> of(int request);
    }

    private static List<Response> concurrently(Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            CyclicBarrier start = new CyclicBarrier(REQUESTS);
            List<Future<Response>> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int request = i;
                requests.add(pool.submit(() -> {
                    start.await();
                    return asAdmin()
                            .contentType(ContentType.JSON)
                            .body(body.of(request))
                            .post("/api/v1/broadcasts");
                }));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> request : requests) {
                responses.add(request.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
