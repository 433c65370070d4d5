package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * A commune operator in real headless Chromium: the library refuses a file that is not audio before anything is
 * sent, offers a new upload in the segment menus without a reload and deletes it, and the commune inbox accepts a
 * bulletin from above at the commune's own time.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OPERATOR = "ibr-operator";
    private static final String PASSWORD = "operator-password";
    private static final String TITLE = "Lịch tiêm phòng cho trâu bò";
    private static final String UPLOAD_TITLE = "Thông báo thử tiếng Tày";

    private static WebDriver driver;
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL base;

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
    @Order(1)
    void shouldLogInAsACommuneOperator() {
        Fixtures.area("IBR", "PROVINCE", null);
        Fixtures.area("IBR-A", "COMMUNE", "IBR");
        Fixtures.receiver("ibr-rx-a", "IBR-A", List.of("vie"));
        InboxPageTest.account(OPERATOR, "operator", "IBR-A");

        open("/");
        wait(WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(OPERATOR);
        driver.findElement(By.id("j_password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav a[href='/inbox']")));
    }

    @Test
    @Order(2)
    void shouldRefuseAFileThatIsNotAudioBeforeTheUploadStarts() throws IOException {
        Path text = Files.createTempFile("minutes", ".txt");
        Files.writeString(text, "Biên bản họp thôn\n");
        open("/library");
        driver.findElement(By.id("upload-file")).sendKeys(text.toAbsolutePath().toString());
        By error = By.cssSelector("#upload-form [data-error-for=file]");
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(error, "không phải tệp âm thanh"));

        driver.findElement(By.id("upload-title")).sendKeys("Biên bản");
        driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(error, "không phải tệp âm thanh"));
        assertThat(PageWait.attributeOf(driver, By.id("upload-status"), "data-status"))
                .as("no upload was started")
                .isNull();
        assertThat(PageWait.attributeOf(driver, By.id("upload-file"), "aria-invalid"))
                .isEqualTo("true");
    }

    @Test
    @Order(3)
    void shouldOfferANewUploadInTheSegmentMenusWithoutAReloadAndDeleteIt() throws IOException {
        Path wav = TestAudio.sineWav(Files.createTempFile("segment-menu", ".wav"), 2, 932, 0.25);
        open("/library");
        ((JavascriptExecutor) driver).executeScript("window.loaxaSamePage = true;");
        driver.findElement(By.id("upload-file")).sendKeys(wav.toAbsolutePath().toString());
        driver.findElement(By.id("upload-title")).sendKeys(UPLOAD_TITLE);
        new Select(driver.findElement(By.id("upload-language"))).selectByVisibleText("Tiếng Tày");
        driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();

        By option = By.xpath("//select[@id='segment-media-1']/option[.='" + UPLOAD_TITLE + " (Tiếng Tày)']");
        wait(Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(option));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.loaxaSamePage === true;"))
                .as("no reload")
                .isEqualTo(true);
        new Select(driver.findElement(By.id("segment-media-1"))).selectByVisibleText(UPLOAD_TITLE + " (Tiếng Tày)");
        assertThat(new Select(driver.findElement(By.id("segment-language-1")))
                        .getFirstSelectedOption()
                        .getText())
                .as("the segment's language follows the file")
                .isEqualTo("Tiếng Tày");
        String id = PageWait.attributeOf(driver, option, "value");
        By row = By.cssSelector("#media-rows tr[data-media='" + id + "']");
        assertThat(driver.findElement(row).findElements(By.tagName("audio"))).hasSize(1);

        driver.findElement(row)
                .findElement(By.cssSelector("button[data-media-delete]"))
                .click();
        wait(WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        wait(WAIT).until(ExpectedConditions.numberOfElementsToBe(row, 0));
        assertThat(driver.findElements(option)).isEmpty();
        asAdmin().get("/api/v1/media/" + id).then().statusCode(404);
    }

    @Test
    @Order(4)
    void shouldAcceptAnItemAtTheCommunesOwnTime() throws IOException {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("policy", "MANUAL"))
                .put("/api/v1/areas/IBR-A/inbox-policy")
                .then()
                .statusCode(200);
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("inbox-browser", ".wav"), 2, 880, 0.25), "Tiêm phòng", "vie");
        String bulletin = Fixtures.approvedBulletin(TITLE, List.of(List.of(media, "vie")));
        String broadcast = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "startAt",
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).toString(),
                        "allowOverlap",
                        true,
                        "targets",
                        Map.of("areas", List.of("IBR"))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String item = asAdmin()
                .get("/api/v1/areas/IBR-A/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("find { it.broadcastId == '" + broadcast + "' }.id");

        open("/inbox");
        By pending = By.cssSelector("#inbox-pending li[data-inbox-item='" + item + "']");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(pending));
        assertThat(PageWait.textOf(driver, pending)).contains(TITLE);
        screenshot("inbox.png");

        LocalDateTime own = LocalDateTime.now(Ui.ZONE).plusHours(6).truncatedTo(ChronoUnit.MINUTES);
        WebElement time = driver.findElement(By.id("own-time-" + item));
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        time,
                        own.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        driver.findElement(pending)
                .findElement(By.cssSelector("button.accept-own"))
                .click();

        By accepted = By.cssSelector("#inbox-decided li[data-inbox-item='" + item + "'][data-status='ACCEPTED']");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(accepted));
        assertThat(PageWait.textOf(driver, accepted)).contains(TITLE, "đã nhận", "lịch phát của xã");
        assertThat(driver.findElements(pending)).isEmpty();
        String placed = asAdmin()
                .get("/api/v1/areas/IBR-A/inbox")
                .then()
                .extract()
                .jsonPath()
                .getString("find { it.id == '" + item + "' }.placedBroadcastId");
        String playAt = asAdmin()
                .get("/api/v1/broadcasts/" + placed)
                .then()
                .statusCode(200)
                .extract()
                .path("occurrences[0].playAt");
        assertThat(OffsetDateTime.parse(playAt).toInstant())
                .isEqualTo(own.atZone(Ui.ZONE).toInstant());
    }

    @Test
    @Order(5)
    void shouldFitTheInboxOnAPhone() throws IOException {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open("/inbox");
            wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("policy-form")));
            Object overflow = ((JavascriptExecutor) driver)
                    .executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("the inbox scrolls sideways")
                    .isLessThanOrEqualTo(0);
            screenshot("inbox-phone.png");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
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
