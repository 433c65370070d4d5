package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.EventIngestService;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * The reports page in real headless Chromium: its three charts (plays per day, availability per commune, airtime per
 * language) are drawn by Chart.js from the report JSON, under the page's content security policy.
 */
@QuarkusTest
class ReportsChartsBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AREA = "RCHART";
    private static final String AREA_NAME = "Xã Hoàng Đồng";

    private static WebDriver driver;
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventIngestService ingest;

    @Inject
    OccurrenceRepository occurrences;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new HeadlessChromium(WAIT);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void shouldDrawTheChartsFromTheReportData() throws Exception {
        seedTwoPlays();
        open("/");
        wait(WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(Api.ADMIN);
        driver.findElement(By.id("j_password")).sendKeys(Api.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));

        LocalDate today = LocalDate.now(Ui.ZONE);
        open("/reports?from=" + today.minusDays(2) + "&to=" + today.plusDays(1) + "&area=" + AREA);
        for (String id : List.of(
                "chart-plays-per-day",
                "chart-availability-per-area",
                "chart-airtime-per-language",
                "chart-airtime-per-commune")) {
            wait(WAIT).until(d -> (Boolean) ((JavascriptExecutor) d)
                    .executeScript(
                            "const c = document.getElementById(arguments[0]);"
                                    + " const chart = c && window.Chart && window.Chart.getChart(c);"
                                    + " return !!chart && chart.data.datasets[0].data.length > 0"
                                    + " && c.width > 0 && c.height > 0;",
                            id));
        }

        assertThat(chart("chart-plays-per-day", "labels")).hasSize(4);
        assertThat(chart("chart-plays-per-day", "values").stream()
                        .mapToDouble(v -> ((Number) v).doubleValue())
                        .sum())
                .isEqualTo(2.0);
        assertThat(chart("chart-availability-per-area", "labels")).containsExactly(AREA_NAME);
        assertThat(chart("chart-airtime-per-language", "labels")).containsExactlyInAnyOrder("Tiếng Việt", "Tiếng Tày");
        assertThat(chart("chart-airtime-per-language", "values").stream()
                        .mapToDouble(v -> ((Number) v).doubleValue())
                        .sum())
                .isGreaterThan(0.0);
        assertThat(chart("chart-airtime-per-commune", "labels")).containsExactly(AREA_NAME);
        assertThat((List<Object>) ((JavascriptExecutor) driver)
                        .executeScript(
                                "return window.Chart.getChart(document.getElementById('chart-airtime-per-commune'))"
                                        + ".data.datasets.map(d => d.label);"))
                .containsExactlyInAnyOrder("Tiếng Việt", "Tiếng Tày");
        assertThat(PageWait.attributeOf(driver, By.id("report-charts"), "data-failed"))
                .isNull();
        assertThat(screenshot("reports.png")).isNotEmptyFile();
    }

    /** The chart's x labels or its first data set's values. */
    @SuppressWarnings("unchecked")
    private static List<Object> chart(String id, String what) {
        return (List<Object>) ((JavascriptExecutor) driver)
                .executeScript(
                        "const chart = window.Chart.getChart(document.getElementById(arguments[0]));"
                                + " return arguments[1] === 'labels' ? chart.data.labels"
                                + " : chart.data.datasets[0].data;",
                        id,
                        what);
    }

    private void seedTwoPlays() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", AREA, "name", AREA_NAME, "kind", "COMMUNE"))
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
        Fixtures.receiver("rchart-rx-vie", AREA, List.of("vie"));
        Fixtures.receiver("rchart-rx-tyz", AREA, List.of("tyz"));
        Path wav;
        try {
            wav = TestAudio.sineWav(Files.createTempFile("rchart", ".wav"), 1.5, 440, 0.2);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String vietnamese = Fixtures.uploadReadyMedia(wav, "Tin sáng", "vie");
        String tay = Fixtures.uploadReadyMedia(wav, "Tin sáng (Tày)", "tyz");
        String bulletin = Fixtures.approvedBulletin(
                "Tin sáng song ngữ", List.of(List.of(vietnamese, "vie"), List.of(tay, "tyz")));
        String broadcastId = Fixtures.broadcast(
                bulletin,
                List.of(AREA),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> asAdmin()
                                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                                .jsonPath()
                                .getInt("total")
                        == 2);
        UUID occurrence = QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0).id);
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        List<IncomingEvent> events = new ArrayList<>();
        for (String rx : List.of("rchart-rx-vie", "rchart-rx-tyz")) {
            events.add(new IncomingEvent(UUID.randomUUID(), occurrence, rx, DeliveryState.PLAYING, t, null, t));
            events.add(new IncomingEvent(
                    UUID.randomUUID(), occurrence, rx, DeliveryState.PLAYED, t.plusSeconds(30), null, t));
        }
        assertThat(ingest.ingestBatch(events)).containsOnly(EventIngestService.Outcome.APPLIED);
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private static WebDriverWait wait(Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }

    private static Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
