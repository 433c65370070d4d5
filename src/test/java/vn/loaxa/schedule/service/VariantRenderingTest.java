package vn.loaxa.schedule.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.loaxa.media.service.RecordingMediaAssembler;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** FFmpeg renders bulletin variants before, never inside, the transactions that record broadcasts and dispatches. */
@QuarkusTest
class VariantRenderingTest {
    @Inject
    RecordingMediaAssembler assembler;

    @Test
    void shouldRenderVariantsOutsideAnyTransactionAtCreationAndAtDispatch() throws Exception {
        Fixtures.area("VR", "COMMUNE", null);
        Fixtures.receiver("vr-vie", "VR", List.of("vie"));
        Fixtures.receiver("vr-tay", "VR", List.of("tyz"));
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("variant", ".wav"), 2, 440, 0.2), "Đoạn", "vie");
        String bulletin = Fixtures.approvedBulletin(
                "Bản tin ba thứ tiếng",
                List.of(List.of(media, "ALL"), List.of(media, "vie"), List.of(media, "tyz"), List.of(media, "nut")));
        int before = assembler.renders().size();

        // two first broadcasts of the bulletin at once: both find its variants missing and render them
        OffsetDateTime startAt =
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(24).plusSeconds(40);
        List<String> created = createConcurrently(bulletin, startAt, 2);
        assertThat(rendered(before)).contains("[vie]", "[tyz]");

        // a Nùng receiver joins before the dispatch, which renders its variant
        Fixtures.receiver("vr-nung", "VR", List.of("nut"));
        await("dispatched to all three").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String id : created) {
                assertThat(asAdmin()
                                .get("/api/v1/broadcasts/" + id + "/deliveries")
                                .jsonPath()
                                .getInt("total"))
                        .isEqualTo(3);
            }
        });
        assertThat(rendered(before)).contains("[nut]");
        assertThat(assembler.renders().subList(before, assembler.renders().size()))
                .allSatisfy(
                        r -> assertThat(r.transactionStatus()).as(r.title()).isEqualTo(Status.STATUS_NO_TRANSACTION));
    }

    private List<String> rendered(int from) {
        return assembler.renders().subList(from, assembler.renders().size()).stream()
                .map(r -> r.title().substring(r.title().lastIndexOf('[')))
                .toList();
    }

    private static List<String> createConcurrently(String bulletin, OffsetDateTime startAt, int count)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<Future<String>> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                requests.add(pool.submit(() -> {
                    start.await();
                    return asAdmin()
                            .contentType(ContentType.JSON)
                            .body(Map.of(
                                    "bulletinId",
                                    bulletin,
                                    "startAt",
                                    startAt.toString(),
                                    "targets",
                                    Map.of("areas", List.of("VR")),
                                    "allowOverlap",
                                    true))
                            .post("/api/v1/broadcasts")
                            .then()
                            .statusCode(201)
                            .extract()
                            .<String>path("id");
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> request : requests) {
                ids.add(request.get(120, TimeUnit.SECONDS));
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
