package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Api;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * The web UI in real headless Chromium (Debian's chromium and chromedriver): log in, upload and watch the
 * processing reach READY, build, approve and schedule a bulletin, watch the broadcast reach PLAYED live on a real
 * agent, switch to English, and keep screenshots of the overview and the map in target/screenshots.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AREA = "WEBUI";
    private static final String RECEIVER = "webui-rx-1";
    private static final String MEDIA_TITLE = "Bản tin thử trình duyệt";
    private static final String BULLETIN_TITLE = "Thông báo qua giao diện web";

    private static WebDriver driver;
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL base;

    @Inject
    EndToEndFixture e2e;

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

    /** Ends the session and logs in again as someone else, through the login page. */
    private void logIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login.html");
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("online-count")));
    }

    @Test
    @Order(1)
    void shouldLogInThroughTheLoginPage() {
        open("/");
        wait(WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(Api.ADMIN);
        driver.findElement(By.id("j_password")).sendKeys(Api.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();

        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("online-count")));
        assertThat(PageWait.textOf(driver, By.tagName("h1"))).isEqualTo("Tổng quan");
        assertThat(PageWait.attributeOf(driver, By.tagName("html"), "lang")).isEqualTo("vi");
    }

    @Test
    @Order(2)
    void shouldUploadAFileAndSeeTheProgressReachReady() {
        Path wav = TestAudio.sineWav(tempFile("browser", ".wav"), 3, 440, 0.3);
        open("/library");
        By submit = By.cssSelector("#upload-form button[type=submit]");
        driver.findElement(submit).click();
        assertThat(PageWait.textOf(driver, By.cssSelector("#upload-form [data-error-for=file]")))
                .isEqualTo("Bắt buộc nhập");
        assertThat(PageWait.attributeOf(driver, By.id("upload-title"), "aria-invalid"))
                .isEqualTo("true");

        driver.findElement(By.id("upload-file")).sendKeys(wav.toAbsolutePath().toString());
        driver.findElement(By.id("upload-title")).sendKeys(MEDIA_TITLE);
        // the language is picked by its name from the catalogue, not typed as a code
        new Select(driver.findElement(By.id("upload-language"))).selectByVisibleText("Tiếng Việt");
        driver.findElement(submit).click();

        wait(Duration.ofSeconds(60))
                .until(ExpectedConditions.attributeToBe(By.id("upload-status"), "data-status", "READY"));
        assertThat(PageWait.attributeOf(driver, By.id("upload-progress"), "value"))
                .isEqualTo("100");
        assertThat(PageWait.textOf(driver, By.id("upload-status"))).startsWith("sẵn sàng");
    }

    @Test
    @Order(3)
    void shouldCreateAndScheduleABulletinAndWatchItReachPlayedLive() {
        Fixtures.area(AREA, "COMMUNE", null);
        String secret = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        RECEIVER,
                        "displayName",
                        "Cụm thôn Nà Sla",
                        "areaCode",
                        AREA,
                        "languages",
                        List.of("vie"),
                        "latitude",
                        21.85,
                        "longitude",
                        106.76))
                .post("/api/v1/receivers")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("secret");

        try (AgentProcess agent = e2e.agent("browser-agent", Map.of(RECEIVER, secret))) {
            // the bulletin: built from the upload and submitted; its author cannot approve it, a second person does
            open("/library");
            driver.findElement(By.id("bulletin-title")).sendKeys(BULLETIN_TITLE);
            new Select(driver.findElement(By.id("bulletin-priority"))).selectByValue("PRIORITY");
            new Select(driver.findElement(By.id("segment-media-1"))).selectByVisibleText(MEDIA_TITLE + " (Tiếng Việt)");
            driver.findElement(By.cssSelector("#bulletin-form button[type=submit]"))
                    .click();
            String entry = "//ul[@id='approval-queue']/li[contains(., '" + BULLETIN_TITLE + "')]";
            wait(WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.xpath(entry), "chờ người khác duyệt"));
            assertThat(driver.findElements(By.xpath(entry + "//button"))).isEmpty();

            Fixtures.approverAccount();
            logIn(Fixtures.APPROVER, Fixtures.APPROVER_PASSWORD);
            open("/library");
            By approve = By.xpath(entry + "//button[contains(@class, 'approve')]");
            assertThat(driver.findElements(By.xpath(entry + "//audio"))).hasSize(1);
            wait(WAIT).until(ExpectedConditions.elementToBeClickable(approve)).click();
            wait(WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.xpath("//ul[@id='bulletins']/li[contains(., '"
                            + BULLETIN_TITLE + "')]" + "//span[contains(@class, 'bulletin-status-APPROVED')]")));
            logIn(Api.ADMIN, Api.ADMIN_PASSWORD);

            agent.awaitOnline(List.of(RECEIVER), Duration.ofSeconds(60));

            // the broadcast: the schedule form, with the occurrences preview, then the live broadcast page
            open("/schedule");
            new Select(driver.findElement(By.id("broadcast-bulletin")))
                    .selectByVisibleText(BULLETIN_TITLE + " (Ưu tiên)");
            driver.findElement(By.xpath("//ul[@class='area-tree']//label[normalize-space()='Địa bàn " + AREA + "']"))
                    .click();
            WebElement start = driver.findElement(By.id("broadcast-start"));
            LocalDateTime playAt = LocalDateTime.now(Ui.ZONE).plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            ((JavascriptExecutor) driver)
                    .executeScript(
                            "arguments[0].value = arguments[1]",
                            start,
                            playAt.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            driver.findElement(By.cssSelector("#recurrence-advanced summary")).click();
            driver.findElement(By.id("broadcast-rrule")).sendKeys("FREQ=NEVER");
            driver.findElement(By.id("preview-button")).click();
            wait(WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("#broadcast-form [data-error-for='recurrence.rrule']"), "Quy tắc lặp lại"));
            assertThat(PageWait.attributeOf(driver, By.id("broadcast-rrule"), "aria-invalid"))
                    .isEqualTo("true");
            driver.findElement(By.id("broadcast-rrule")).clear();
            driver.findElement(By.id("preview-button")).click();
            wait(WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.id("preview"), playAt.format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"))));
            driver.findElement(By.cssSelector("#broadcast-form button[type=submit]"))
                    .click();

            wait(WAIT).until(ExpectedConditions.urlContains("/broadcasts/"));
            wait(WAIT).until(ExpectedConditions.textToBe(By.id("count-total"), "1"));
            wait(Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("count-PLAYED"), "1"));
            assertThat(PageWait.attributeOf(
                            driver,
                            By.cssSelector("#delivery-table tr[data-receiver='" + RECEIVER + "']"),
                            "data-state"))
                    .isEqualTo("PLAYED");

            // the receiver's page: its recent delivery, and a remote command sent to the live agent
            open("/receivers/" + RECEIVER);
            assertThat(PageWait.textOf(driver, By.id("deliveries"))).contains("đã phát");
            driver.findElement(By.id("test-tone")).click();
            wait(WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("section[aria-labelledby='commands-heading'] .form-result"), "Đã gửi lệnh"));
        }
    }

    @Test
    @Order(4)
    void shouldSwitchTheLanguageToEnglish() {
        open("/map");
        driver.findElement(By.id("lang-switch")).click();
        wait(WAIT).until(ExpectedConditions.textToBe(By.tagName("h1"), "Receiver map"));
        assertThat(PageWait.attributeOf(driver, By.tagName("html"), "lang")).isEqualTo("en");
        assertThat(PageWait.textOf(driver, By.id("lang-switch"))).isEqualTo("Tiếng Việt");

        driver.findElement(By.id("lang-switch")).click();
        wait(WAIT).until(ExpectedConditions.textToBe(By.tagName("h1"), "Bản đồ cụm thu"));
    }

    @Test
    @Order(5)
    void shouldSaveScreenshotsOfTheOverviewAndTheMap() throws IOException {
        open("/");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#receivers tr[data-receiver]")));
        Path overview = screenshot("overview.png");

        asAdmin()
                .contentType(ContentType.JSON)
                .body("""
                {"type": "Polygon", "coordinates": [[[106.70, 21.80], [106.82, 21.80], [106.82, 21.90],
                 [106.70, 21.90], [106.70, 21.80]]]}""")
                .put("/api/v1/areas/" + AREA + "/outline")
                .then()
                .statusCode(200);
        open("/map");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map path.area-outline-shape")));
        wait(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#map path.marker-online, #map path.marker-offline")));
        Path map = screenshot("map.png");

        // a phone's width: no page scrolls sideways (wide tables scroll inside their own box)
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : List.of("/", "/library", "/schedule", "/reports", "/receivers/" + RECEIVER)) {
                open(page);
                wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
                Object overflow = ((JavascriptExecutor) driver)
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                Object wide = ((JavascriptExecutor) driver)
                        .executeScript("const w = document.documentElement"
                                + ".clientWidth; return Array.from(document.querySelectorAll('main *')).filter(e =>"
                                + " e.getBoundingClientRect().right > w + 1).slice(0, 5).map(e => e.tagName + '#' + e.id"
                                + " + '.' + e.className).join(' ');");
                assertThat(((Number) overflow).intValue())
                        .as(page + " scrolls sideways: " + wide)
                        .isLessThanOrEqualTo(0);
            }
            open("/library");
            screenshot("library-phone.png");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }

        assertThat(overview).isNotEmptyFile();
        assertThat(map).isNotEmptyFile();
        assertThat(Files.readAllBytes(map)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    @Order(6)
    void shouldBuildAWeeklyRuleOnMondayAndWednesdayAndPreviewIt() throws IOException {
        open("/schedule");
        LocalDate monday = LocalDate.now(Ui.ZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                        driver.findElement(By.id("broadcast-start")),
                        monday.atTime(6, 0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        assertThat(driver.findElement(By.id("repeat-weekdays")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("broadcast-rrule")).isDisplayed())
                .as("the raw rule waits under Nâng cao")
                .isFalse();

        new Select(driver.findElement(By.id("repeat-freq"))).selectByVisibleText("Hằng tuần, vào các thứ");
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("repeat-weekdays")));
        driver.findElement(By.xpath("//fieldset[@id='repeat-weekdays']//label[normalize-space()='Thứ Hai']"))
                .click();
        driver.findElement(By.xpath("//fieldset[@id='repeat-weekdays']//label[normalize-space()='Thứ Tư']"))
                .click();
        driver.findElement(By.id("repeat-end-count")).click();
        driver.findElement(By.id("repeat-count")).sendKeys("4");

        assertThat(PageWait.attributeOf(driver, By.id("broadcast-rrule"), "value"))
                .isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        wait(WAIT).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#preview li"), 4));
        List<String> shown = driver.findElements(By.cssSelector("#preview li")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(shown)
                .containsExactly(
                        "Thứ Hai " + monday.format(day) + " 06:00",
                        "Thứ Tư " + monday.plusDays(2).format(day) + " 06:00",
                        "Thứ Hai " + monday.plusWeeks(1).format(day) + " 06:00",
                        "Thứ Tư " + monday.plusWeeks(1).plusDays(2).format(day) + " 06:00");

        // the expert's view: the rule the builder wrote, under Nâng cao
        driver.findElement(By.cssSelector("#recurrence-advanced summary")).click();
        assertThat(driver.findElement(By.id("broadcast-rrule")).isDisplayed()).isTrue();
        assertThat(screenshot("schedule-builder.png")).isNotEmptyFile();
        open("/schedule?week=" + LocalDate.now(Ui.ZONE));
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("week")));
        assertThat(screenshot("schedule-week.png")).isNotEmptyFile();
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

    private static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
