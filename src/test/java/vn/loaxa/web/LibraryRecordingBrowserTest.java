package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * An editor records a notice with the microphone on the library page, in real headless Chromium whose microphone
 * plays a tone: the level meter moves and the timer runs while recording, the clip can be heard back before it is
 * sent, and after the usual upload it is a READY media item as long as the recording.
 */
@QuarkusTest
class LibraryRecordingBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EDITOR = "rec-editor";
    private static final String TITLE = "Thông báo họp thôn Nà Ản (ghi âm)";
    private static final long RECORDED_SECONDS = 3;

    private static WebDriver driver;
    private static HeadlessChromium chromium;

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
    void shouldRecordAClipWithTheMicrophoneIntoTheLibrary() throws IOException {
        Fixtures.area("REC", "PROVINCE", null);
        InboxPageTest.account(EDITOR, "editor", "REC");
        open("/library");
        wait(WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(EDITOR);
        driver.findElement(By.id("j_password")).sendKeys("editor-password");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav a[href='/library']")));
        open("/library");
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("record-start")));

        driver.findElement(By.id("record-start")).click();
        wait(WAIT).until(d -> level() > 0.05);
        wait(WAIT).until(ExpectedConditions.textToBe(By.id("record-time"), "0:0" + RECORDED_SECONDS));
        screenshot("library-recording.png");
        driver.findElement(By.id("record-stop")).click();

        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("record-status"), "Đã ghi xong"));
        assertThat(driver.findElement(By.id("record-preview")).isDisplayed())
                .as("the recording can be heard back")
                .isTrue();
        assertThat(js("return document.getElementById('record-preview').src"))
                .asString()
                .startsWith("blob:");
        assertThat(js("return document.getElementById('upload-file').files[0].name"))
                .isEqualTo("ghi-am.webm");
        assertThat(level()).as("the meter rests once stopped").isZero();

        driver.findElement(By.id("upload-title")).sendKeys(TITLE);
        new Select(driver.findElement(By.id("upload-language"))).selectByVisibleText("Tiếng Việt");
        driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        By status = By.cssSelector("#upload-status[data-status='READY']");
        wait(Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(status));
        assertThat(driver.findElement(By.id("record-preview")).isDisplayed())
                .as("the form is ready for the next clip")
                .isFalse();
        screenshot("library-recorded.png");

        String id = PageWait.attributeOf(driver, status, "data-media");
        JsonPath media = asAdmin()
                .get("/api/v1/media/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(media.getString("title")).isEqualTo(TITLE);
        assertThat(media.getString("status")).isEqualTo("READY");
        assertThat(media.getLong("durationMs"))
                .as("as long as the recording")
                .isBetween((RECORDED_SECONDS - 1) * 1000, (RECORDED_SECONDS + 3) * 1000);
        assertThat(media.getDouble("loudnessLufs"))
                .as("normalised like an upload")
                .isNotNull();
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
