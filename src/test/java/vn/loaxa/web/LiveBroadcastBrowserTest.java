package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * An operator goes live from the browser to two communes, in real headless Chromium whose microphone plays a tone:
 * real agents play it, the deliveries show that each receiver joined and played and how many frames it played, and
 * the session is recorded to the library and written to the as-run log.
 */
@QuarkusTest
class LiveBroadcastBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OPERATOR = "live-operator";
    private static final String TITLE = "Chủ tịch xã thông báo lịch tiêm phòng";

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
    void shouldGoLiveToTwoCommunesAndBeHeardOnTheirReceivers() throws IOException {
        Fixtures.area("LVP", "PROVINCE", null);
        Fixtures.area("LVP-1", "Xã Tân Văn", "COMMUNE", "LVP");
        Fixtures.area("LVP-2", "Xã Nà Ản", "COMMUNE", "LVP");
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("lvp-1-rx", Fixtures.receiver("lvp-1-rx", "LVP-1", List.of("vie")));
        secrets.put("lvp-2-rx", Fixtures.receiver("lvp-2-rx", "LVP-2", List.of("vie")));
        InboxPageTest.account(OPERATOR, "operator", "LVP");

        try (AgentProcess agent = e2e.onlineAgent("live-browser-agent", secrets)) {
            login();
            open("/live");
            wait(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("live-start")));
            driver.findElement(By.id("live-title")).sendKeys(TITLE);
            tick("input[name='areas'][value='LVP-1']");
            tick("input[name='areas'][value='LVP-2']");
            driver.findElement(By.id("live-start")).click();
            wait(WAIT).until(ExpectedConditions.alertIsPresent()).accept();

            wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Đang phát"));
            wait(WAIT).until(d -> level() > 0.05);
            String session = (String) js("return document.getElementById('live-form').dataset.session");
            JsonPath started = asAdmin()
                    .get("/api/v1/live/" + session)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String broadcast = started.getString("broadcastId");
            await("both receivers play the session")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(e2e.deliveries(broadcast).getList("deliveries.state"))
                            .as(agent.log())
                            .containsExactly("PLAYING", "PLAYING"));
            wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-listeners"), "2 / 2"));
            wait(WAIT).until(ExpectedConditions.textToBe(By.id("live-time"), "0:04"));
            screenshot("live-on-air.png");
            driver.findElement(By.id("live-end")).click();
            wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Đã kết thúc"));

            await("each receiver reports what it played")
                    .atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> {
                        JsonPath report = e2e.deliveries(broadcast);
                        assertThat(report.getList("deliveries.state"))
                                .as(agent.log())
                                .containsOnly("PLAYED");
                        assertThat(report.getList("deliveries.live.framesPlayed", Integer.class))
                                .as("about 4 s of 60 ms frames each")
                                .allSatisfy(frames -> assertThat(frames).isGreaterThan(33));
                        assertThat(report.getList("deliveries.live.joins", Integer.class))
                                .containsOnly(1);
                    });
            JsonPath ended = asAdmin()
                    .get("/api/v1/live/" + session)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(ended.getString("endReason")).isEqualTo("ENDED");
            long relayed = ended.getLong("framesReceived");
            JsonPath heard = e2e.deliveries(broadcast);
            for (int i = 0; i < 2; i++) {
                long seen = heard.getLong("deliveries[" + i + "].live.framesPlayed")
                        + heard.getLong("deliveries[" + i + "].live.framesLate")
                        + heard.getLong("deliveries[" + i + "].live.framesLost");
                assertThat(seen)
                        .as(
                                "the page sent nothing before the receivers listened: from the first frame on,"
                                        + " every frame relayed had its turn on receiver %d",
                                i)
                        .isGreaterThanOrEqualTo(relayed);
            }
            String recording = ended.getString("recordingId");
            Fixtures.awaitStatus(recording, "READY");
            JsonPath media =
                    asAdmin().get("/api/v1/media/" + recording).then().extract().jsonPath();
            assertThat(media.getString("title")).isEqualTo(TITLE);
            assertThat(media.getLong("durationMs")).isGreaterThan(3000);
            java.time.LocalDate today = java.time.LocalDate.now(Ui.ZONE);
            JsonPath asRun = asAdmin()
                    .get("/api/v1/reports/as-run?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&area=LVP")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(asRun.getList("rows.bulletin", String.class))
                    .as("the session in the as-run log, once per receiver")
                    .containsExactly(TITLE, TITLE);
            assertThat(asRun.getList("rows.state", String.class)).containsOnly("PLAYED");
            screenshot("live-ended.png");
        }
    }

    private void login() {
        open("/live");
        wait(WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(OPERATOR);
        driver.findElement(By.id("j_password")).sendKeys("operator-password");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav a[href='/live']")));
    }

    private static void tick(String css) {
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.cssSelector(css)));
        driver.findElement(By.cssSelector(css)).click();
    }

    private static double level() {
        return ((Number) js("return document.getElementById('live-level').value")).doubleValue();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
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
