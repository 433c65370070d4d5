package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.TestAudio;

/**
 * In real Chromium, scheduling a Vietnamese-only bulletin to a commune of a province that requires Tày shows the
 * warning in Vietnamese with the language and the commune by name; ticking "Vẫn phát" with a reason sends it again,
 * and the broadcast is made and its override audited.
 */
@QuarkusTest
class MissingLanguageOverrideBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REASON = "Bão số 3 đổ bộ, chưa kịp dịch sang tiếng Tày";

    @TestHTTPResource("/")
    URL base;

    private WebDriver driver;

    @Test
    void shouldWarnInVietnameseAndScheduleOnlyAfterVanPhatWithAReason() throws Exception {
        Fixtures.area("MLO-P", "Tỉnh Lạng Thử", "PROVINCE", null);
        Fixtures.area("MLO-C", "Xã Nà Ản Thử", "COMMUNE", "MLO-P");
        Fixtures.receiver("mlo-rx", "MLO-C", List.of("vie", "tyz"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("languages", List.of("tyz")))
                .put("/api/v1/areas/MLO-P/languages/required")
                .then()
                .statusCode(200);
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("mlo", ".wav"), 1.5, 440, 0.2), "Tin bão", "vie");
        String bulletin = Fixtures.approvedBulletin("Tin bão khẩn", List.of(List.of(media, "vie")));

        try (HeadlessChromium chromium = new HeadlessChromium(WAIT)) {
            driver = chromium.driver();
            open("/login.html");
            driver.findElement(By.id("j_username")).sendKeys(Api.ADMIN);
            driver.findElement(By.id("j_password")).sendKeys(Api.ADMIN_PASSWORD);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));

            open("/schedule?bulletin=" + bulletin);
            assertThat(driver.findElement(By.id("language-override")).isDisplayed())
                    .isFalse();
            driver.findElement(By.xpath("//ul[@class='area-tree']//label[normalize-space()='Xã Nà Ản Thử']"))
                    .click();
            ((JavascriptExecutor) driver)
                    .executeScript(
                            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                            driver.findElement(By.id("broadcast-start")),
                            LocalDate.now(Ui.ZONE).plusDays(1) + "T06:00");
            driver.findElement(By.id("schedule-button")).click();

            wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("language-override")));
            assertThat(PageWait.textOf(driver, By.id("language-override-warning")))
                    .contains("Tin bão khẩn", "Tiếng Tày", "Xã Nà Ản Thử", "Vẫn phát")
                    .doesNotContain("tyz", "MLO-C");
            assertThat(PageWait.textOf(driver, By.id("language-override-list"))).contains("Tiếng Tày: Xã Nà Ản Thử");
            assertThat(PageWait.textOf(driver, By.cssSelector("#language-override label.check")))
                    .contains("Vẫn phát");
            assertThat(driver.getCurrentUrl()).contains("/schedule");

            driver.findElement(By.id("override-anyway")).click();
            driver.findElement(By.id("schedule-button")).click();
            wait(WAIT)
                    .until(d -> !d.findElement(By.cssSelector("[data-error-for='missingLanguageOverride.reason']"))
                            .getText()
                            .isBlank());
            assertThat(driver.getCurrentUrl())
                    .as("no broadcast without a reason")
                    .contains("/schedule");

            driver.findElement(By.id("override-reason")).sendKeys(REASON);
            driver.findElement(By.id("schedule-button")).click();
            wait(WAIT).until(ExpectedConditions.urlMatches("/broadcasts/[0-9a-f-]{36}$"));
            String url = driver.getCurrentUrl();
            String id = url.substring(url.lastIndexOf('/') + 1);

            JsonPath audit = asAdmin()
                    .get("/api/v1/audit?targetType=missing-language-override&targetId=" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(audit.getString("[0].actor")).isEqualTo(Api.ADMIN);
            assertThat(audit.getString("[0].request")).contains(REASON, "Tiếng Tày", "Xã Nà Ản Thử");
        }
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private WebDriverWait wait(Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }
}
