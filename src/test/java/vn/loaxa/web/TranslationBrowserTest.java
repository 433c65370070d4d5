package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * Issue 16's acceptance, in real headless Chromium: an editor requests Tày and Nùng for a Vietnamese bulletin; the
 * Tày translator records its reading with the (fake) microphone and the Nùng translator uploads a file; a reviewer
 * accepts both; the bulletin gains both segments; and two receivers on real agent processes, one [vie, tyz] and one
 * [vie, nut], each play their own variant.
 */
@QuarkusTest
class TranslationBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "translation-password";
    private static final String EDITOR = "tb-editor";
    private static final String REVIEWER = "tb-reviewer";
    private static final String TAY = "tb-dichgia-tay";
    private static final String NUNG = "tb-dichgia-nung";
    private static final String TAY_RECEIVER = "tb-rx-tay";
    private static final String NUNG_RECEIVER = "tb-rx-nung";

    private static WebDriver driver;
    private static HeadlessChromium chromium;

    @Inject
    EndToEndFixture e2e;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        Path voice = TestAudio.sineWav(Files.createTempFile("microphone", ".wav"), 2, 440, 0.5);
        chromium = HeadlessChromium.withMicrophone(WAIT, voice);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void shouldGetTayAndNungReadingsMadeReviewedAndPlayedEachOnItsReceivers() throws IOException {
        Fixtures.area("TBP", "Lạng Sơn (thử)", "PROVINCE", null);
        Fixtures.area("TBC", "Nà Ản (thử)", "COMMUNE", "TBP");
        Map<String, String> taySecret =
                Map.of(TAY_RECEIVER, Fixtures.receiver(TAY_RECEIVER, "TBC", List.of("vie", "tyz")));
        Map<String, String> nungSecret =
                Map.of(NUNG_RECEIVER, Fixtures.receiver(NUNG_RECEIVER, "TBC", List.of("vie", "nut")));
        account(EDITOR, "editor", null, List.of());
        account(REVIEWER, "editor", null, List.of("tyz", "nut"));
        account(TAY, "translator", "TBP", List.of("tyz"));
        account(NUNG, "translator", "TBP", List.of("nut"));
        String vie = e2e.tone("Thông báo phòng dịch", "vie", 2, 440, 0.3);
        String bulletin = Fixtures.approvedBulletin("Thông báo phòng dịch cúm", List.of(List.of(vie, "vie")));

        // the editor asks for the languages the commune's receivers play
        logIn(EDITOR);
        open("/library");
        driver.findElement(By.cssSelector("li[data-bulletin='" + bulletin + "'] a.translate-link"))
                .click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("suggest-area")));
        new Select(driver.findElement(By.id("suggest-area"))).selectByValue("TBC");
        driver.findElement(By.cssSelector("#suggest-form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.urlContains("area=TBC"));
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("translation-request-form")));
        screenshot("translation-suggested.png");
        assertThat(driver.findElement(By.id("language-tyz")).isSelected())
                .as(driver::getPageSource)
                .isTrue();
        assertThat(driver.findElement(By.id("language-nut")).isSelected()).isTrue();
        assertThat(PageWait.textOf(driver, By.cssSelector("label[for='language-tyz']")))
                .contains("Tiếng Tày");
        new Select(driver.findElement(By.id("assignee-nut"))).selectByValue(NUNG);
        js("document.getElementById('translation-due').value = '"
                + OffsetDateTime.now(ZoneOffset.ofHours(7))
                        .plusDays(2)
                        .toLocalDateTime()
                        .truncatedTo(ChronoUnit.MINUTES)
                + "'");
        screenshot("translation-request.png");
        driver.findElement(By.cssSelector("#translation-request-form button[type=submit]"))
                .click();
        wait(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#bulletin-tasks li[data-language='tyz'][data-state='REQUESTED']")));
        assertThat(PageWait.textOf(driver, By.cssSelector("#bulletin-tasks li[data-language='nut']")))
                .contains("Chờ người dịch", NUNG);
        String tayTask =
                PageWait.attributeOf(driver, By.cssSelector("#bulletin-tasks li[data-language='tyz']"), "data-task");
        String nungTask =
                PageWait.attributeOf(driver, By.cssSelector("#bulletin-tasks li[data-language='nut']"), "data-task");

        // the glossary's term for the source's "phòng dịch" is shown beside the source
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("vie", "phòng dịch", "terms", Map.of("tyz", "phòng tịch"), "domain", "y-te"))
                .post("/api/v1/glossary")
                .then()
                .statusCode(201);

        // the Tày translator records the reading in the browser
        logIn(TAY);
        open("/translations");
        assertThat(driver.findElements(By.cssSelector("nav a[href='/library']")))
                .isEmpty();
        driver.findElement(By.cssSelector("tr[data-task='" + tayTask + "'] a")).click();
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("record-start")));
        assertThat(PageWait.textOf(driver, By.id("source"))).contains("Thông báo phòng dịch");
        wait(WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("glossary-terms"), "phòng dịch → phòng tịch"));
        driver.findElement(By.id("record-start")).click();
        wait(WAIT).until(d -> level() > 0.05);
        wait(WAIT).until(ExpectedConditions.textToBe(By.id("record-time"), "0:02"));
        driver.findElement(By.id("record-stop")).click();
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("record-status"), "Đã ghi xong"));
        driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait(Duration.ofSeconds(90))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#upload-status[data-status='READY']")));
        driver.findElement(By.id("reading-transcript")).sendKeys("Thông báo: pỉ noọng bản Nà Ản pây slắc vắc-xin.");
        screenshot("translation-recorded.png");
        driver.findElement(By.cssSelector("#reading-form button[type=submit]")).click();
        wait(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#task-facts[data-state='SUBMITTED']")));

        // the Nùng translator uploads a file
        logIn(NUNG);
        open("/translations/" + nungTask);
        Path reading = TestAudio.spokenWav(
                Files.createTempFile("nung", ".wav"), "Thông báo phòng dịch cúm cho bà con bản Nà Ản", "vi");
        driver.findElement(By.id("upload-file"))
                .sendKeys(reading.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait(Duration.ofSeconds(90))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#upload-status[data-status='READY']")));
        driver.findElement(By.id("reading-transcript")).sendKeys("Thông báo: lục lan bản Nà Ản pay chăm vắc-xin.");
        driver.findElement(By.cssSelector("#reading-form button[type=submit]")).click();
        wait(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#task-facts[data-state='SUBMITTED']")));

        // the reviewer listens, reads and accepts both
        logIn(REVIEWER);
        for (String task : List.of(tayTask, nungTask)) {
            open("/translations/" + task);
            wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#accept-form button")));
            assertThat(PageWait.textOf(driver, By.id("reading-text"))).startsWith("Thông báo:");
            screenshot("translation-review.png");
            driver.findElement(By.cssSelector("#accept-form button")).click();
            wait(Duration.ofSeconds(60))
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#task-facts[data-state='ACCEPTED']")));
        }

        JsonPath after = asAdmin()
                .get("/api/v1/bulletins/" + bulletin)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(after.getList("segments.language")).containsExactly("vie", "tyz", "nut");
        assertThat(after.getString("status")).isEqualTo("APPROVED");

        // scheduled to the commune: each receiver plays its own variant
        try (AgentProcess tayAgent = e2e.onlineAgent("tb-agent-tay", taySecret);
                AgentProcess nungAgent = e2e.onlineAgent("tb-agent-nung", nungSecret)) {
            OffsetDateTime startAt =
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(15).truncatedTo(ChronoUnit.MILLIS);
            String broadcast = Fixtures.broadcast(bulletin, List.of("TBC"), List.of(), startAt);
            await("PLAYED on both receivers")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(e2e.deliveries(broadcast).getInt("counts.PLAYED"))
                            .as(e2e.deliveries(broadcast).prettify() + tayAgent.log() + nungAgent.log())
                            .isEqualTo(2));
            JsonPath variants = asAdmin()
                    .get("/api/v1/bulletins/" + bulletin + "/variants")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            JsonPath report = e2e.deliveries(broadcast);
            assertThat(report.getString("deliveries.find { it.receiverId == '" + TAY_RECEIVER + "' }.mediaId"))
                    .isEqualTo(variants.getString("find { it.languages == ['vie', 'tyz'] }.mediaId"));
            assertThat(report.getString("deliveries.find { it.receiverId == '" + NUNG_RECEIVER + "' }.mediaId"))
                    .isEqualTo(variants.getString("find { it.languages == ['vie', 'nut'] }.mediaId"));
        }
    }

    private static void account(String username, String role, String area, List<String> languages) {
        Map<String, Object> body =
                new HashMap<>(Map.of("username", username, "password", PASSWORD, "role", role, "languages", languages));
        if (area != null) {
            body.put("areaCode", area);
        }
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    private void logIn(String username) {
        driver.manage().deleteAllCookies();
        open("/login.html");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav a[href='/translations']")));
    }

    private static double level() {
        return ((Number) js("return document.getElementById('record-level').value")).doubleValue();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private static WebDriverWait wait(Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
