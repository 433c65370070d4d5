package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.account.model.AccountRepository;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.ServerDiagnostics;
import vn.loaxa.support.TestAudio;

/**
 * A whole day on the demo slice of Lạng Sơn, in real Chromium, each step by the person whose job it is: the editor
 * uploads a Vietnamese and a Tày clip and builds the bilingual bulletin "Phòng chống rét đậm" from them, in at most
 * 12 actions and without the page ever reloading; a second editor approves it in the queue; Thất Khê's operator
 * schedules it daily at 06:00 for the commune's two villages, ticked by name, and plays it now; the demo receivers
 * (a real agent process) play it; Thất Khê's supervisor downloads the as-run PDF from the reports page, whose text
 * names the bulletin. Screenshots of the steps are kept in target/screenshots/whole-day-*.png.
 */
@QuarkusTest
@TestProfile(WholeDayBrowserTest.Demo.class)
class WholeDayBrowserTest {
    /** The demo profile, as {@code DemoModeTest} runs it: the Lạng Sơn slice, its accounts and its agent process. */
    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loaxa.demo.enabled", "true");
        }
    }

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The demo prints generated passwords once; the test gives its accounts a known one, as an admin would. */
    private static final String PASSWORD = "whole-day-password";

    private static final String EDITOR = "bientap.langson";
    private static final String APPROVER = "duyet.langson";
    private static final String OPERATOR = "vanhanh.thatkhe";
    private static final String SUPERVISOR = "giamsat.thatkhe";
    private static final String TITLE = "Phòng chống rét đậm";
    private static final String CLIP_VI = "Rét đậm – tiếng Việt";
    private static final String CLIP_TAY = "Rét đậm – tiếng Tày";
    private static final List<String> RECEIVERS = List.of("ls-thatkhe-01", "ls-thatkhe-02");
    private static final int MOST_EDITOR_ACTIONS = 12;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AccountRepository accounts;

    @Inject
    Passwords passwords;

    private WebDriver driver;

    @Test
    void shouldCarryABilingualBulletinFromTheEditorToTheReceiversAndTheSupervisorsReport() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String username : List.of(EDITOR, APPROVER, OPERATOR, SUPERVISOR)) {
                accounts.findById(username).passwordHash = passwords.hash(PASSWORD);
            }
        });
        for (String receiver : RECEIVERS) {
            await(receiver + " online")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(asAdmin()
                                    .get("/api/v1/receivers/" + receiver)
                                    .<Boolean>path("online"))
                            .as(ServerDiagnostics::inbound)
                            .isTrue());
        }
        Path vietnamese = TestAudio.sineWav(Files.createTempFile("ret-dam-vi", ".wav"), 3, 440, 0.3);
        Path tay = TestAudio.sineWav(Files.createTempFile("ret-dam-tay", ".wav"), 3, 660, 0.3);

        try (HeadlessChromium chromium = new HeadlessChromium(WAIT)) {
            driver = chromium.driver();

            // the editor: two clips and the bulletin, counted, on one page that never reloads
            logIn(EDITOR);
            open("/library");
            script("window.wholeDayMarker = 'same page';");
            UserActions editor = new UserActions(driver);
            editor.chooseFile(By.id("upload-file"), vietnamese);
            editor.type(By.id("upload-title"), CLIP_VI);
            editor.click(By.cssSelector("#upload-form button[type=submit]"));
            awaitSegmentChoice(CLIP_VI + " (Tiếng Việt)");
            editor.chooseFile(By.id("upload-file"), tay);
            editor.type(By.id("upload-title"), CLIP_TAY);
            editor.select(By.id("upload-language"), "Tiếng Tày");
            editor.click(By.cssSelector("#upload-form button[type=submit]"));
            awaitSegmentChoice(CLIP_TAY + " (Tiếng Tày)");
            screenshot("whole-day-1-uploads.png");
            editor.type(By.id("bulletin-title"), TITLE);
            editor.select(By.id("segment-media-1"), CLIP_VI + " (Tiếng Việt)");
            editor.select(By.id("segment-media-2"), CLIP_TAY + " (Tiếng Tày)");
            assertThat(new Select(driver.findElement(By.id("segment-language-2")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .as("a segment's language follows its clip")
                    .isEqualTo("tyz");
            editor.click(By.cssSelector("#bulletin-form button[type=submit]"));
            String entry = "//ul[@id='approval-queue']/li[.//strong[normalize-space()='" + TITLE + "']]";
            wait(WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.xpath(entry), "chờ người khác duyệt"));
            screenshot("whole-day-2-submitted.png");
            assertThat(editor.count()).as("the editor's actions").isLessThanOrEqualTo(MOST_EDITOR_ACTIONS);
            assertThat(script("return window.wholeDayMarker;"))
                    .as("the library page was never reloaded")
                    .isEqualTo("same page");
            assertThat(driver.findElements(By.xpath(entry + "//ol[@class='review-segments']/li")))
                    .extracting(WebElement::getText)
                    .containsExactly("Tiếng Việt – " + CLIP_VI, "Tiếng Tày – " + CLIP_TAY);
            String bulletin = PageWait.attributeOf(driver, By.xpath(entry), "data-bulletin");

            // the approver: approves it in the queue
            logIn(APPROVER);
            open("/library");
            wait(WAIT)
                    .until(ExpectedConditions.elementToBeClickable(
                            By.xpath(entry + "//button[contains(@class, 'approve')]")))
                    .click();
            wait(WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                            "#bulletins li[data-bulletin='" + bulletin + "'] .bulletin-status-APPROVED")));
            screenshot("whole-day-3-approved.png");

            // Thất Khê's operator: daily at 06:00 on the commune's two villages, from the bulletin's link
            logIn(OPERATOR);
            open("/library");
            driver.findElement(By.cssSelector("#bulletins li[data-bulletin='" + bulletin + "'] a.schedule-link"))
                    .click();
            wait(WAIT).until(ExpectedConditions.urlContains("/schedule?bulletin=" + bulletin));
            areaLabel("Thôn Nà Ản").click();
            areaLabel("Thôn Pác Lạn").click();
            LocalDate tomorrow = LocalDate.now(Ui.ZONE).plusDays(1);
            script(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                    driver.findElement(By.id("broadcast-start")),
                    tomorrow + "T06:00");
            new Select(driver.findElement(By.id("repeat-freq"))).selectByVisibleText("Hằng ngày");
            wait(WAIT).until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#preview li"), 1));
            screenshot("whole-day-4-schedule.png");
            driver.findElement(By.id("schedule-button")).click();
            wait(WAIT).until(ExpectedConditions.urlMatches("/broadcasts/[0-9a-f-]{36}$"));
            JsonPath series = broadcast(idInUrl());
            assertThat(series.getList("targetAreas", String.class)).containsExactlyInAnyOrder("20-TK-NA", "20-TK-PL");
            assertThat(series.getString("rrule")).isEqualTo("FREQ=DAILY");
            ZonedDateTime first =
                    OffsetDateTime.parse(series.getString("startAt")).atZoneSameInstant(Ui.ZONE);
            assertThat(first.toLocalDate()).isEqualTo(tomorrow);
            assertThat(first.toLocalTime()).hasToString("06:00");

            // and plays it now; the demo receivers play it, as the broadcast's live page shows
            open("/schedule?bulletin=" + bulletin);
            areaLabel("Thôn Nà Ản").click();
            areaLabel("Thôn Pác Lạn").click();
            driver.findElement(By.id("play-now")).click();
            wait(WAIT).until(ExpectedConditions.alertIsPresent()).accept();
            wait(WAIT).until(ExpectedConditions.urlMatches("/broadcasts/[0-9a-f-]{36}$"));
            String now = idInUrl();
            PageWait.upTo(driver, Duration.ofSeconds(120))
                    .until(ExpectedConditions.textToBe(By.id("count-PLAYED"), "2"));
            screenshot("whole-day-5-played.png");
            assertThat(asAdmin()
                            .get("/api/v1/broadcasts/" + now + "/deliveries")
                            .jsonPath()
                            .getList("deliveries.findAll { it.state == 'PLAYED' }.receiverId", String.class))
                    .containsExactlyInAnyOrderElementsOf(RECEIVERS);

            // Thất Khê's supervisor: the as-run PDF from the reports page names the bulletin
            logIn(SUPERVISOR);
            open("/reports");
            String pdfLink = PageWait.attributeOf(
                    driver, By.xpath("//tr[th[normalize-space()='Nhật ký phát']]//a[normalize-space()='PDF']"), "href");
            screenshot("whole-day-6-reports.png");
            Path pdf = Files.write(Files.createTempFile("whole-day-as-run", ".pdf"), download(pdfLink));
            assertThat(pdfText(pdf)).contains(TITLE);
        }
    }

    /** Waits until the new clip is offered in the segment menus (READY, and added without a reload). */
    private void awaitSegmentChoice(String option) {
        PageWait.upTo(driver, Duration.ofSeconds(90))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.xpath("//select[@id='segment-media-1']/option[normalize-space()='" + option + "']")));
    }

    /** The file as the signed-in browser downloads it from the link. */
    private byte[] download(String url) {
        Object base64 = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {credentials: 'same-origin'})"
                                + ".then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))"
                                + ".then(b => { let s = ''; new Uint8Array(b).forEach(c => s += String.fromCharCode(c));"
                                + " done(btoa(s)); }).catch(e => done('failed: ' + e));",
                        url);
        assertThat((String) base64).doesNotStartWith("failed");
        return Base64.getDecoder().decode((String) base64);
    }

    private static String pdfText(Path pdf) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    private WebElement areaLabel(String name) {
        return driver.findElement(By.xpath("//ul[@class='area-tree']//label[normalize-space()='" + name + "']"));
    }

    private String idInUrl() {
        String url = driver.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static JsonPath broadcast(String id) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Ends the session and logs in again through the login page. */
    private void logIn(String username) {
        driver.manage().deleteAllCookies();
        open("/login.html");
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private WebDriverWait wait(Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** What a person does on a page, one action a call (a click, a file chosen, a field typed, a menu choice), counted. */
    static final class UserActions {
        private final WebDriver driver;
        private int count;

        UserActions(WebDriver driver) {
            this.driver = driver;
        }

        void click(By target) {
            count++;
            driver.findElement(target).click();
        }

        void type(By field, String text) {
            count++;
            driver.findElement(field).sendKeys(text);
        }

        void chooseFile(By input, Path file) {
            count++;
            driver.findElement(input).sendKeys(file.toAbsolutePath().toString());
        }

        void select(By menu, String visibleText) {
            count++;
            new Select(driver.findElement(menu)).selectByVisibleText(visibleText);
        }

        int count() {
            return count;
        }
    }
}
