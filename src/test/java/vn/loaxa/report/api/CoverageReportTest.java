package vn.loaxa.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.EventIngestService;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.web.Ui;

/**
 * A commune of a province that requires Tày hears a bilingual [vie, tyz] bulletin (5 s + 3 s) and a Vietnamese-only
 * one (2 s), each on a [vie, tyz] receiver and a [vie] receiver.
 */
@QuarkusTest
class CoverageReportTest {
    private static final LocalDate TODAY = LocalDate.now(Ui.ZONE);
    private static final String RANGE = "?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1);
    private static final String VIETNAMESE_ONLY = "Slấc khẩu nặm";
    private static boolean seeded;

    @Inject
    EventIngestService ingest;

    @Inject
    OccurrenceRepository occurrences;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        Fixtures.area("CV-P", "Tỉnh Phủ Sóng", "PROVINCE", null);
        Fixtures.area("CV-C", "Xã Nà Ản", "COMMUNE", "CV-P");
        Fixtures.area("CV-V", "Thôn Pác Bó", "VILLAGE", "CV-C");
        Fixtures.receiver("cv-rx-both", "CV-V", List.of("vie", "tyz"));
        Fixtures.receiver("cv-rx-vie", "CV-C", List.of("vie"));
        String vie5 = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("cv-vie", ".wav"), 5, 440, 0.2), "Tin 5 giây", "vie");
        String tay3 = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("cv-tyz", ".wav"), 3, 660, 0.2), "Tin 3 giây", "tyz");
        String vie2 = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("cv-vie2", ".wav"), 2, 550, 0.2), "Tin 2 giây", "vie");
        String bilingual =
                Fixtures.approvedBulletin("Bản tin Việt – Tày", List.of(List.of(vie5, "vie"), List.of(tay3, "tyz")));
        String vietnameseOnly = Fixtures.approvedBulletin(VIETNAMESE_ONLY, List.of(List.of(vie2, "vie")));
        UUID first = scheduledOccurrence(bilingual, 55);
        UUID second = scheduledOccurrence(vietnameseOnly, 75);
        // required once both are scheduled: the second would now need an override
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", List.of("tyz")))
                .put("/api/v1/areas/CV-P/languages/required")
                .then()
                .statusCode(200);
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        List<IncomingEvent> events = new ArrayList<>();
        events.addAll(played(first, "cv-rx-both", t, 8));
        events.addAll(played(first, "cv-rx-vie", t, 5));
        events.addAll(played(second, "cv-rx-both", t, 2));
        events.addAll(played(second, "cv-rx-vie", t, 2));
        assertThat(ingest.ingestBatch(events)).containsOnly(EventIngestService.Outcome.APPLIED);
    }

    @Test
    void shouldCountAirtimeBySegmentAndTheShareOfBulletinsThatReachedTay() {
        JsonPath json = asAdmin()
                .get("/api/v1/reports/coverage" + RANGE + "&area=CV-P")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(json.getList("communes.areaName")).containsExactly("Xã Nà Ản");
        String commune = "communes[0].";
        assertThat(json.getList(commune + "airtime.language")).containsExactly("vie", "tyz");
        assertThat(json.getList(commune + "airtime.seconds", Long.class))
                .as("5 + 5 + 2 + 2 s of Vietnamese, 3 s of Tày: not 8 s of Vietnamese")
                .containsExactly(14L, 3L);
        assertThat(json.getString(commune + "required[0].language")).isEqualTo("tyz");
        assertThat(json.getLong(commune + "required[0].aired")).isEqualTo(2);
        assertThat(json.getLong(commune + "required[0].reached")).isEqualTo(1);
        assertThat(json.getDouble(commune + "required[0].sharePercent")).isEqualTo(50.0);
        assertThat(json.getList(commune + "lacking.title")).containsExactly(VIETNAMESE_ONLY);
        assertThat(json.getList(commune + "lacking.language")).containsExactly("tyz");

        assertThat(json.getString("total.areaName")).isEqualTo("Tỉnh Phủ Sóng");
        assertThat(json.getList("total.airtime.seconds", Long.class)).containsExactly(14L, 3L);
        assertThat(json.getDouble("total.required[0].sharePercent")).isEqualTo(50.0);
        assertThat(json.getList("total.lacking.areaName")).containsExactly("Xã Nà Ản");
    }

    @Test
    void shouldReportTheSameCommuneWhenAskedForTheCommuneAlone() {
        asAdmin()
                .get("/api/v1/reports/coverage" + RANGE + "&area=CV-C")
                .then()
                .statusCode(200)
                .body("communes.size()", org.hamcrest.Matchers.equalTo(1))
                .body("total.required[0].reached", org.hamcrest.Matchers.equalTo(1));
        asAdmin()
                .get("/api/v1/reports/coverage" + RANGE + "&area=NO-SUCH")
                .then()
                .statusCode(404);
        asAdmin()
                .get("/api/v1/reports/coverage?from=" + TODAY + "&to=" + TODAY.minusDays(1))
                .then()
                .statusCode(422);
    }

    @Test
    void shouldExportTheCoverageSectionWithTayTextIntact() throws Exception {
        String pdf = pdfText(download("pdf", "vi"));
        assertThat(pdf).contains("Báo cáo phủ sóng ngôn ngữ");
        assertThat(pdf).contains("Bản tin đã phát thiếu ngôn ngữ bắt buộc");
        assertThat(pdf).contains(VIETNAMESE_ONLY).contains("Tiếng Tày").contains("Xã Nà Ản");

        String csv = new String(download("csv", "en"), StandardCharsets.UTF_8);
        assertThat(csv).contains("Aired bulletins lacking a required language").contains(VIETNAMESE_ONLY);
        assertThat(csv).contains("Xã Nà Ản,Vietnamese,14").contains("Xã Nà Ản,Tày,2,1,50");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download("xlsx", "en")))) {
            List<String> cells = new ArrayList<>();
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    row.forEach(cell -> cells.add(cell.toString()));
                }
            }
            assertThat(cells).contains(VIETNAMESE_ONLY, "Share (%)", "50.0");
        }
    }

    private static byte[] download(String format, String lang) {
        return asAdmin()
                .get("/api/v1/reports/coverage" + RANGE + "&area=CV-P&format=" + format + "&lang=" + lang)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private UUID scheduledOccurrence(String bulletin, int minutes) {
        String broadcastId = Fixtures.broadcast(
                bulletin,
                List.of("CV-C"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(minutes));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                                .jsonPath()
                                .getInt("total")
                        == 2);
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0).id);
    }

    private static List<IncomingEvent> played(UUID occurrence, String rx, OffsetDateTime t, int seconds) {
        return List.of(
                new IncomingEvent(UUID.randomUUID(), occurrence, rx, DeliveryState.PLAYING, t, null, t),
                new IncomingEvent(
                        UUID.randomUUID(),
                        occurrence,
                        rx,
                        DeliveryState.PLAYED,
                        t.plusSeconds(seconds),
                        null,
                        t.plusSeconds(seconds)));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append('\n');
        }
        return text.toString().replaceAll("\\s+", " ");
    }
}
