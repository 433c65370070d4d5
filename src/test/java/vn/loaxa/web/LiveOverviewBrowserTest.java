package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Api;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;

/**
 * The overview and the map follow the fleet by themselves: with both pages open in real Chromium, a receiver whose
 * agent stops shows as offline on each within 5 s, with no reload.
 */
@QuarkusTest
class LiveOverviewBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long LIVE_WITHIN_MS = 5_000;
    private static final String AREA = "LIVEUI";
    private static final String RECEIVER = "liveui-rx-1";
    /** Records in the page when the receiver's element first shows as offline, measured on the browser's clock. */
    private static final String WATCH = "const selector = arguments[0]; window.loaxaOfflineAt = null;"
            + " new MutationObserver(() => { if (!window.loaxaOfflineAt && document.querySelector(selector))"
            + " window.loaxaOfflineAt = Date.now(); }).observe(document.body,"
            + " {subtree: true, childList: true, attributes: true});";

    @TestHTTPResource("/")
    URL base;

    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldShowAReceiverGoingOfflineOnTheOverviewAndTheMapWithin5Seconds() throws Exception {
        Fixtures.area(AREA, "COMMUNE", null);
        String secret = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        RECEIVER,
                        "displayName",
                        "Cụm loa Bản Trại",
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
                .path("secret");
        try (HeadlessChromium chromium = new HeadlessChromium(WAIT)) {
            WebDriver driver = chromium.driver();
            logIn(driver);
            AgentProcess agent = e2e.onlineAgent("live-overview-agent", Map.of(RECEIVER, secret));
            try {
                open(driver, "/");
                String overview = driver.getWindowHandle();
                wait(driver)
                        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                                "#receivers tr[data-receiver='" + RECEIVER + "'][data-status='online']")));
                String offlineCount = text(driver, "offline-count");
                watch(driver, "#receivers tr[data-receiver='" + RECEIVER + "'][data-status='offline']");

                driver.switchTo().newWindow(WindowType.TAB);
                open(driver, "/map");
                String map = driver.getWindowHandle();
                wait(driver)
                        .until(ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("#map path.marker-online[data-receiver='" + RECEIVER + "']")));
                watch(driver, "#map path.marker-offline[data-receiver='" + RECEIVER + "']");

                long stopped = System.currentTimeMillis();
                agent.close();

                assertThat(offlineAt(driver, map) - stopped).isLessThanOrEqualTo(LIVE_WITHIN_MS);
                assertThat(PageWait.attributeOf(
                                driver, By.cssSelector(".receiver-marker[data-id='" + RECEIVER + "']"), "class"))
                        .contains("offline");
                assertThat(offlineAt(driver, overview) - stopped).isLessThanOrEqualTo(LIVE_WITHIN_MS);
                String oneMoreOffline = String.valueOf(Integer.parseInt(offlineCount) + 1);
                wait(driver).until(d -> text(d, "offline-count").equals(oneMoreOffline));
                wait(driver).until(d -> text(d, "alerts").contains("Cụm loa Bản Trại"));
            } finally {
                agent.close();
            }
        }
    }

    private void logIn(WebDriver driver) {
        open(driver, "/");
        wait(driver).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(Api.ADMIN);
        driver.findElement(By.id("j_password")).sendKeys(Api.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    /** The text of an element read in one step: the live updates replace the elements under a held reference. */
    private static String text(WebDriver driver, String id) {
        return (String) ((JavascriptExecutor) driver)
                .executeScript("return document.getElementById(arguments[0]).textContent.trim();", id);
    }

    private static void watch(WebDriver driver, String selector) {
        ((JavascriptExecutor) driver).executeScript(WATCH, selector);
    }

    /** Waits until the page in {@code window} saw the change, and returns when it did (epoch milliseconds). */
    private static long offlineAt(WebDriver driver, String window) {
        driver.switchTo().window(window);
        Object at = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> ((JavascriptExecutor) driver).executeScript("return window.loaxaOfflineAt;"),
                        java.util.Objects::nonNull);
        return ((Number) at).longValue();
    }

    private void open(WebDriver driver, String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private static WebDriverWait wait(WebDriver driver) {
        return PageWait.upTo(driver, WAIT);
    }
}
