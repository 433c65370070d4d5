package vn.loaxa.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.EventIngestService;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.receiver.service.ReceiverPresence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.web.Ui;

/** The same seeded data gives the same totals in JSON, CSV, XLSX and PDF. */
@QuarkusTest
class ReportResourceTest {
    private static final LocalDate TODAY = LocalDate.now(Ui.ZONE);
    private static final String RANGE = "?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&area=RP";
    private static boolean seeded;

    @Inject
    EventIngestService ingest;

    @Inject
    ReceiverPresence presence;

    @Inject
    OccurrenceRepository occurrences;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        Fixtures.area("RP", "PROVINCE", null);
        Fixtures.area("RP-C1", "COMMUNE", "RP");
        Fixtures.area("RP-C2", "COMMUNE", "RP");
        for (String rx : List.of("rp-rx-1", "rp-rx-2", "rp-rx-3")) {
            Fixtures.receiver(rx, rx.equals("rp-rx-3") ? "RP-C2" : "RP-C1", List.of("vie"));
        }
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("rp", ".wav"), 1.5, 440, 0.2), "Thông báo", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "NORMAL"),
                List.of("RP"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                                .jsonPath()
                                .getInt("total")
                        == 3);
        UUID occurrence = QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0).id);
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        List<IncomingEvent> events = new ArrayList<>();
        for (String rx : List.of("rp-rx-1", "rp-rx-2")) {
            events.add(event(occurrence, rx, DeliveryState.PLAYING, t));
            events.add(event(occurrence, rx, DeliveryState.PLAYED, t.plusSeconds(rx.equals("rp-rx-1") ? 90 : 30)));
        }
        events.add(event(occurrence, "rp-rx-3", DeliveryState.FAILED, t));
        // a 10-minute relay window: rp-rx-1 reports its start and end, rp-rx-2 only PLAYED (counted as the window)
        String relay = asAdmin()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of(
                        "startAt",
                                OffsetDateTime.now(ZoneOffset.UTC)
                                        .plusMinutes(40)
                                        .toString(),
                        "relay",
                                java.util.Map.of(
                                        "url",
                                        "http://vov4.example/live.mp3",
                                        "title",
                                        "VOV4 Tày–Nùng",
                                        "window",
                                        "PT10M"),
                        "targets", java.util.Map.of("receivers", List.of("rp-rx-1", "rp-rx-2"))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + relay + "/deliveries")
                                .jsonPath()
                                .getInt("total")
                        == 2);
        UUID relayOccurrence = QuarkusTransaction.requiringNew()
                .call(() -> occurrences.ofBroadcast(UUID.fromString(relay)).get(0).id);
        events.add(event(relayOccurrence, "rp-rx-1", DeliveryState.PLAYING, t));
        events.add(event(relayOccurrence, "rp-rx-1", DeliveryState.PLAYED, t.plusSeconds(600)));
        events.add(event(relayOccurrence, "rp-rx-2", DeliveryState.PLAYED, t.plusSeconds(600)));
        assertThat(ingest.ingestBatch(events)).containsOnly(EventIngestService.Outcome.APPLIED);

        presence.recordStatus("rp-rx-1", true, t.minusMinutes(20), null, "test");
        presence.recordStatus("rp-rx-1", false, t.minusMinutes(15), null, null);
        presence.recordStatus("rp-rx-1", true, t.minusMinutes(5), null, "test");
        presence.recordStatus("rp-rx-2", true, t.minusMinutes(20), null, "test");
    }

    @Test
    void shouldCarryThePlayTotalsOfTheApiInEveryFormat() throws Exception {
        JsonPath json = asAdmin()
                .get("/api/v1/reports/plays" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("plays")).isEqualTo(4);
        assertThat(json.getLong("seconds")).isEqualTo(120 + 600 + 600);
        assertThat(json.getList("byArea.key")).containsExactly("RP-C1");
        assertThat(json.getList("byLanguage.key")).containsExactlyInAnyOrder("vie", "und");
        assertThat(json.getList("byTopic.key")).containsExactlyInAnyOrder("thời sự", "relay");
        assertThat(json.getList("byContent.label")).contains("VOV4 Tày–Nùng");
        assertThat(json.getLong("byContent.find { it.label == 'VOV4 Tày–Nùng' }.seconds"))
                .isEqualTo(1200);
        assertThat(json.getList("byDay.day")).hasSize(3);
        assertThat(json.getList("byDay.plays", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(4);
        assertThat(json.getList("byDay.seconds", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(1320);
        List<Object> totals = List.of(4L, 1320L);

        assertThat(csvTotals(download("plays", "csv"), 2, 3))
                .hasSize(4)
                .allSatisfy(t -> assertThat(t).isEqualTo(totals));
        assertThat(xlsxTotals(download("plays", "xlsx"), 2, 3))
                .hasSize(4)
                .allSatisfy(t -> assertThat(t).isEqualTo(totals));
        assertThat(pdfText(download("plays", "pdf"))).contains("Total 4 1320");
        assertThat(asAdmin()
                        .get("/api/v1/reports/plays?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1)
                                + "&area=RP-C2")
                        .jsonPath()
                        .getLong("plays"))
                .isZero();
    }

    @Test
    void shouldCarryTheAsRunTotalsOfTheApiInEveryFormat() throws Exception {
        JsonPath json = asAdmin()
                .get("/api/v1/reports/as-run" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getInt("total")).isEqualTo(5);
        assertThat(json.getInt("counts.PLAYED")).isEqualTo(4);
        assertThat(json.getInt("counts.FAILED")).isEqualTo(1);
        assertThat(json.getString("rows[0].plannedAt")).isNotNull();
        assertThat(json.getList("rows.bulletin")).contains("VOV4 Tày–Nùng");

        assertThat(csvTotals(download("as-run", "csv"), 1, 1)).containsExactly(List.of(5L), List.of(5L));
        assertThat(xlsxTotals(download("as-run", "xlsx"), 1, 1)).containsExactly(List.of(5L), List.of(5L));
        assertThat(pdfText(download("as-run", "pdf"))).contains("played 4", "failed 1", "Total 5");
    }

    @Test
    void shouldCarryTheAvailabilityTotalsOfTheApiInEveryFormat() throws Exception {
        JsonPath json = asAdmin()
                .get("/api/v1/reports/availability" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getInt("outageCount")).isEqualTo(1);
        long down = json.getLong("downtimeSeconds");
        assertThat(down).isEqualTo(600);
        assertThat(json.getList("receivers.receiverId")).containsExactly("rp-rx-1", "rp-rx-2", "rp-rx-3");
        assertThat(json.getDouble("receivers[0].uptimePercent")).isLessThan(100.0);
        assertThat(json.getList("byArea.areaCode")).containsExactly("RP-C1", "RP-C2");
        assertThat(json.getList("byArea.receivers", Integer.class)).containsExactly(2, 1);
        assertThat(json.getLong("byArea[0].downtimeSeconds")).isEqualTo(down);
        assertThat(json.getDouble("byArea[0].uptimePercent")).isLessThan(100.0);

        List<Long> outagesTotal = java.util.Arrays.asList(null, down);
        assertThat(csvTotals(download("availability", "csv"), 2, 3)).containsExactly(List.of(1L, down), outagesTotal);
        assertThat(xlsxTotals(download("availability", "xlsx"), 2, 3)).containsExactly(List.of(1L, down), outagesTotal);
        assertThat(pdfText(download("availability", "pdf"))).contains("Total 1 " + down);
    }

    @Test
    void shouldCountEachPlayUnderTheLanguageVariantTheReceiverWasSent() throws Exception {
        Fixtures.area("RV", "COMMUNE", null);
        Fixtures.receiver("rv-rx-vie", "RV", List.of("vie"));
        Fixtures.receiver("rv-rx-tyz", "RV", List.of("tyz"));
        java.nio.file.Path wav = TestAudio.sineWav(Files.createTempFile("rv", ".wav"), 1.5, 440, 0.2);
        String vietnamese = Fixtures.uploadReadyMedia(wav, "Tin tiếng Việt", "vie");
        String tay = Fixtures.uploadReadyMedia(wav, "Tin tiếng Tày", "tyz");
        String bulletin =
                Fixtures.approvedBulletin("Bản tin song ngữ", List.of(List.of(vietnamese, "vie"), List.of(tay, "tyz")));
        UUID occurrence = scheduledOccurrence(bulletin, "RV", 50, 2);
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        List<IncomingEvent> events = new ArrayList<>();
        for (String rx : List.of("rv-rx-vie", "rv-rx-tyz")) {
            events.add(event(occurrence, rx, DeliveryState.PLAYING, t));
            events.add(event(occurrence, rx, DeliveryState.PLAYED, t.plusSeconds(20)));
        }
        assertThat(ingest.ingestBatch(events)).containsOnly(EventIngestService.Outcome.APPLIED);

        JsonPath json = asAdmin()
                .get("/api/v1/reports/plays?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&area=RV")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("plays")).isEqualTo(2);
        assertThat(json.getList("byLanguage.key")).containsExactlyInAnyOrder("vie", "tyz");
        assertThat(json.getList("byContent.key")).hasSize(2);
    }

    @Test
    void shouldCountTheAirtimeOfABilingualVariantUnderEachLanguageItCarried() throws Exception {
        Fixtures.area("RB", "COMMUNE", null);
        Fixtures.receiver("rb-rx-both", "RB", List.of("vie", "tyz"));
        Fixtures.receiver("rb-rx-vie", "RB", List.of("vie"));
        String vietnamese = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("rb-vie", ".wav"), 5, 440, 0.2), "Tin 5 giây", "vie");
        String tay = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("rb-tyz", ".wav"), 3, 660, 0.2), "Tin 3 giây", "tyz");
        String bulletin = Fixtures.approvedBulletin(
                "Bản tin Việt – Tày", List.of(List.of(vietnamese, "vie"), List.of(tay, "tyz")));
        UUID occurrence = scheduledOccurrence(bulletin, "RB", 55, 2);
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        List<IncomingEvent> events = List.of(
                event(occurrence, "rb-rx-both", DeliveryState.PLAYING, t),
                event(occurrence, "rb-rx-both", DeliveryState.PLAYED, t.plusSeconds(8)),
                event(occurrence, "rb-rx-vie", DeliveryState.PLAYING, t),
                event(occurrence, "rb-rx-vie", DeliveryState.PLAYED, t.plusSeconds(5)));
        assertThat(ingest.ingestBatch(events)).containsOnly(EventIngestService.Outcome.APPLIED);

        JsonPath json = asAdmin()
                .get("/api/v1/reports/plays?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&area=RB")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("plays")).isEqualTo(2);
        assertThat(json.getLong("seconds")).isEqualTo(13);
        assertThat(json.getList("byLanguage.key")).containsExactly("vie", "tyz");
        assertThat(json.getList("byLanguage.plays", Long.class))
                .as("each play counts under every language it carried")
                .containsExactly(2L, 1L);
        assertThat(json.getList("byLanguage.seconds", Long.class))
                .as("5 s of Vietnamese twice and 3 s of Tày, not 8 s of Vietnamese")
                .containsExactly(10L, 3L);
    }

    @Test
    void shouldRejectAnUnknownFormatNextToTheField() {
        asAdmin().get("/api/v1/reports/plays" + RANGE + "&format=docx").then().statusCode(422);
        asAdmin()
                .get("/api/v1/reports/plays?from=" + TODAY + "&to=" + TODAY.minusDays(1))
                .then()
                .statusCode(422);
    }

    /** Schedules the bulletin to the area {@code minutes} from now and waits for its deliveries. */
    private UUID scheduledOccurrence(String bulletin, String area, int minutes, int receivers) {
        String broadcastId = Fixtures.broadcast(
                bulletin,
                List.of(area),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(minutes));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                                .jsonPath()
                                .getInt("total")
                        == receivers);
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0).id);
    }

    private static byte[] download(String report, String format) {
        return asAdmin()
                .get("/api/v1/reports/" + report + RANGE + "&format=" + format + "&lang=en")
                .then()
                .statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("." + format))
                .extract()
                .asByteArray();
    }

    /** The numbers in the given columns of every "Total" row, one list per table. */
    private static List<List<Long>> csvTotals(byte[] csv, int fromColumn, int toColumn) throws Exception {
        List<List<Long>> totals = new ArrayList<>();
        String text = new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "");
        for (CSVRecord record : CSVFormat.RFC4180.parse(new java.io.StringReader(text))) {
            if (record.get(0).equals("Total")) {
                List<Long> values = new ArrayList<>();
                for (int c = fromColumn; c <= toColumn; c++) {
                    values.add(record.get(c).isEmpty() ? null : Long.parseLong(record.get(c)));
                }
                totals.add(values);
            }
        }
        return totals;
    }

    private static List<List<Long>> xlsxTotals(byte[] xlsx, int fromColumn, int toColumn) throws Exception {
        List<List<Long>> totals = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                Row last = sheet.getRow(sheet.getLastRowNum());
                assertThat(last.getCell(0).getStringCellValue()).isEqualTo("Total");
                List<Long> values = new ArrayList<>();
                for (int c = fromColumn; c <= toColumn; c++) {
                    Cell cell = last.getCell(c);
                    values.add(
                            cell == null || cell.getCellType() == CellType.BLANK
                                    ? null
                                    : (long) cell.getNumericCellValue());
                }
                totals.add(values);
            }
        }
        return totals;
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

    private static IncomingEvent event(UUID occurrence, String rx, DeliveryState state, OffsetDateTime at) {
        return new IncomingEvent(
                UUID.randomUUID(),
                occurrence,
                rx,
                state,
                at,
                state == DeliveryState.FAILED ? "sha256 mismatch" : null,
                at);
    }
}
