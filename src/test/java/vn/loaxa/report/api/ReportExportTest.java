package vn.loaxa.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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

/**
 * Exports that can be handed upward: Vietnamese text survives in the PDF (read back with poppler's pdftotext), the
 * headers and titles follow the chosen language, and times are printed in Vietnam's zone as dd/MM/yyyy HH:mm:ss.
 */
@QuarkusTest
class ReportExportTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final String AREA = "NAAN";
    private static final String AREA_NAME = "Thôn Nà Ản";
    private static final String TITLE = "Phòng chống rét đậm";
    private static final LocalDate TODAY = LocalDate.now(ZONE);
    private static final String RANGE = "?from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&area=" + AREA;
    private static boolean seeded;
    private static OffsetDateTime playAt;
    private static OffsetDateTime startedAt;

    @Inject
    EventIngestService ingest;

    @Inject
    OccurrenceRepository occurrences;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", AREA, "name", AREA_NAME, "kind", "COMMUNE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
        Fixtures.receiver("naan-rx-vie", AREA, List.of("vie"));
        Fixtures.receiver("naan-rx-tyz", AREA, List.of("tyz"));
        Path wav = TestAudio.sineWav(tempFile(), 1.5, 440, 0.2);
        String vietnamese = Fixtures.uploadReadyMedia(wav, TITLE, "vie");
        String tay = Fixtures.uploadReadyMedia(wav, TITLE + " (Tày)", "tyz");
        String bulletin = Fixtures.approvedBulletin(TITLE, List.of(List.of(vietnamese, "vie"), List.of(tay, "tyz")));
        playAt = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        String broadcastId = Fixtures.broadcast(bulletin, List.of(AREA), List.of(), playAt);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                                .jsonPath()
                                .getInt("total")
                        == 2);
        UUID occurrence = QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0).id);
        startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<IncomingEvent> events = new ArrayList<>();
        for (String rx : List.of("naan-rx-vie", "naan-rx-tyz")) {
            events.add(event(occurrence, rx, DeliveryState.PLAYING, startedAt));
            events.add(event(occurrence, rx, DeliveryState.PLAYED, startedAt.plusSeconds(20)));
        }
        assertThat(ingest.ingestBatch(events)).containsOnly(EventIngestService.Outcome.APPLIED);
    }

    @Test
    void shouldKeepEveryVietnameseLetterInThePdf() throws Exception {
        byte[] asRun = download("as-run", "pdf", r -> r);
        assertThat(new String(asRun, StandardCharsets.ISO_8859_1)).contains("LiberationSans");
        String asRunText = pdfToText(asRun);
        assertThat(asRunText).contains(TITLE, AREA_NAME, "Nhật ký phát", "Số lượt theo trạng thái cuối", "đã phát 2");
        assertThat(asRunText)
                .contains("Từ ngày " + TODAY.minusDays(1).format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));

        String playsText = pdfToText(download("plays", "pdf", r -> r));
        assertThat(playsText)
                .contains(
                        "Báo cáo lượt phát",
                        "Địa bàn: " + AREA_NAME,
                        "Lượt phát theo địa bàn",
                        AREA_NAME,
                        "Tiếng Tày",
                        "Tiếng Việt",
                        TITLE,
                        "Tổng 2 40");
    }

    @Test
    void shouldWriteCsvHeadersInTheChosenLanguage() throws Exception {
        List<CSVRecord> vi = csv(download("plays", "csv", r -> r));
        assertThat(vi.get(0).values()).containsExactly("Báo cáo lượt phát");
        assertThat(vi)
                .anySatisfy(
                        r -> assertThat(r.values()).containsExactly("Mã", "Tên", "Lượt phát", "Số giây", "Báo muộn"));
        assertThat(vi).anySatisfy(r -> assertThat(r.values()).containsExactly("Lượt phát theo ngôn ngữ"));
        assertThat(vi)
                .filteredOn(r -> r.get(0).equals("Tổng"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(List.of(r.get(2), r.get(3))).containsExactly("2", "40"));

        List<CSVRecord> en = csv(download("plays", "csv", r -> r.queryParam("lang", "en")));
        assertThat(en.get(0).values()).containsExactly("Plays report");
        assertThat(en)
                .anySatisfy(r ->
                        assertThat(r.values()).containsExactly("Key", "Name", "Plays", "Seconds", "Reported late"));
        assertThat(en).anySatisfy(r -> assertThat(r.values()).containsExactly("Area: " + AREA_NAME));
        assertThat(en)
                .filteredOn(r -> r.get(0).equals("Total"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(List.of(r.get(2), r.get(3))).containsExactly("2", "40"));
        assertThat(en).anySatisfy(r -> assertThat(r.values()).contains("Tày"));
    }

    @Test
    void shouldTakeTheLanguageFromTheParameterThenTheCookieThenAcceptLanguage() throws Exception {
        assertThat(csv(download("availability", "csv", r -> r.header("Accept-Language", "en-GB,en;q=0.8")))
                        .get(0)
                        .get(0))
                .isEqualTo("Receiver availability report");
        assertThat(csv(download("availability", "csv", r -> r.cookie("loaxa-lang", "en")))
                        .get(0)
                        .get(0))
                .isEqualTo("Receiver availability report");
        assertThat(csv(download(
                                "availability",
                                "csv",
                                r -> r.cookie("loaxa-lang", "en")
                                        .header("Accept-Language", "en")
                                        .queryParam("lang", "vi")))
                        .get(0)
                        .get(0))
                .isEqualTo("Báo cáo tình trạng hoạt động của cụm thu");
        assertThat(csv(download("availability", "csv", r -> r.header("Accept-Language", "fr-FR,de;q=0.5")))
                        .get(0)
                        .get(0))
                .isEqualTo("Báo cáo tình trạng hoạt động của cụm thu");
    }

    @Test
    void shouldRefuseAnUnknownLanguageNamingTheParameter() {
        JsonPath problem = asAdmin()
                .get("/api/v1/reports/plays" + RANGE + "&format=pdf&lang=fr")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();
        assertThat(problem.getString("errors[0].field")).isEqualTo("lang");
        assertThat(problem.getString("errors[0].message")).contains("vi", "en", "fr");
    }

    @Test
    void shouldWriteXlsxSheetsAndHeadersInTheChosenLanguage() throws Exception {
        try (XSSFWorkbook vi = xlsx(download("as-run", "xlsx", r -> r))) {
            assertThat(vi.getSheetName(0)).isEqualTo("Nhật ký phát");
            assertThat(vi.getSheetName(1)).isEqualTo("Số lượt theo trạng thái cuối");
            Sheet log = vi.getSheetAt(0);
            assertThat(log.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Nhật ký phát");
            assertThat(log.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Địa bàn: " + AREA_NAME);
            assertThat(header(log)).startsWith("Lần phát", "Bản tin", "Cụm thu", "Địa bàn", "Giờ dự kiến");
            assertThat(log.getRow(log.getLastRowNum()).getCell(0).getStringCellValue())
                    .isEqualTo("Tổng");
            assertThat(log.getRow(log.getLastRowNum()).getCell(1).getNumericCellValue())
                    .isEqualTo(2);
        }
        try (XSSFWorkbook en = xlsx(download("as-run", "xlsx", r -> r.queryParam("lang", "en")))) {
            assertThat(en.getSheetName(0)).isEqualTo("As-run log");
            assertThat(header(en.getSheetAt(0))).startsWith("Occurrence", "Bulletin", "Receiver", "Area", "Planned");
            assertThat(header(en.getSheetAt(1))).containsExactly("State", "Count");
        }
    }

    @Test
    void shouldPrintTimesInVietnamsZone() throws Exception {
        List<CSVRecord> rows = csv(download("as-run", "csv", r -> r.queryParam("lang", "en")));
        CSVRecord header = rows.stream()
                .filter(r -> r.get(0).equals("Occurrence"))
                .findFirst()
                .orElseThrow();
        int planned = List.of(header.values()).indexOf("Planned");
        int started = List.of(header.values()).indexOf("Started");
        CSVRecord row = rows.stream()
                .filter(r -> r.size() > 2 && r.get(2).equals("naan-rx-vie"))
                .findFirst()
                .orElseThrow();
        assertThat(row.get(1)).isEqualTo(TITLE);
        assertThat(row.get(planned)).isEqualTo(playAt.atZoneSameInstant(ZONE).format(LOCAL));
        assertThat(row.get(started)).isEqualTo(startedAt.atZoneSameInstant(ZONE).format(LOCAL));
        assertThat(row.get(started)).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        assertThat(rows).anySatisfy(r -> assertThat(r.get(0)).matches("Generated at .* \\(Asia/Ho_Chi_Minh time\\)"));
    }

    private static List<String> header(Sheet sheet) {
        for (Row row : sheet) {
            if (row.getRowNum() > 3 && row.getLastCellNum() > 1) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(c.getStringCellValue()));
                return cells;
            }
        }
        throw new AssertionError("no header row in " + sheet.getSheetName());
    }

    private static byte[] download(String report, String format, UnaryOperator<RequestSpecification> request) {
        return request.apply(asAdmin())
                .get("/api/v1/reports/" + report + RANGE + "&format=" + format)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private static List<CSVRecord> csv(byte[] csv) throws Exception {
        String text = new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "");
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    private static XSSFWorkbook xlsx(byte[] xlsx) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    /** The PDF's text as poppler's pdftotext reads it (in layout, a table row on one line), white space collapsed. */
    private static String pdfToText(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("report", ".pdf");
        Path text = Files.createTempFile("report", ".txt");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder(
                            "pdftotext", "-layout", "-enc", "UTF-8", file.toString(), text.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            return Files.readString(text, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(text);
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("naan", ".wav");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static IncomingEvent event(UUID occurrence, String rx, DeliveryState state, OffsetDateTime at) {
        return new IncomingEvent(UUID.randomUUID(), occurrence, rx, state, at, null, at);
    }
}
