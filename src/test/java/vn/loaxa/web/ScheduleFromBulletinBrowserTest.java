package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
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
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;

/**
 * In real Chromium, an operator schedules an approved bulletin from its "Lên lịch" link in the library: two
 * communes ticked by name in the area tree (a ticked district locks its communes as included), the builder set to
 * daily at 06:00; the stored broadcast has those two areas and the daily rule at 06:00 Vietnam time. Then "Phát
 * ngay" plays it on the same communes at once, and the broadcast page shows both receivers reach PLAYED.
 */
@QuarkusTest
class ScheduleFromBulletinBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "schedule-browser-password";
    private static final String OPERATOR = "sfb-operator";
    private static final String PROVINCE = "SFB";
    private static final String DISTRICT = "SFB-D";
    private static final String COMMUNE_A = "SFB-D-A";
    private static final String COMMUNE_B = "SFB-D-B";
    private static final String COMMUNE_C = "SFB-D-C";
    private static final String TITLE = "Thông báo lịch tiêm phòng";

    @TestHTTPResource("/")
    URL base;

    @Inject
    EndToEndFixture e2e;

    private WebDriver driver;

    @Test
    void shouldScheduleAnApprovedBulletinFromItsLinkByAreaNamesAndPlayItNow() throws Exception {
        Fixtures.area(PROVINCE, "Tỉnh Sơn Phong", "PROVINCE", null);
        Fixtures.area(DISTRICT, "Huyện Đồng Lâm", "DISTRICT", PROVINCE);
        Fixtures.area(COMMUNE_A, "Xã An Lạc", "COMMUNE", DISTRICT);
        Fixtures.area(COMMUNE_B, "Xã Bình Minh", "COMMUNE", DISTRICT);
        Fixtures.area(COMMUNE_C, "Xã Cao Sơn", "COMMUNE", DISTRICT);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("sfb-rx-a", Fixtures.receiver("sfb-rx-a", COMMUNE_A, List.of("vie")));
        secrets.put("sfb-rx-b", Fixtures.receiver("sfb-rx-b", COMMUNE_B, List.of("vie")));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("username", OPERATOR, "password", PASSWORD, "role", "operator", "areaCode", PROVINCE))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
        String bulletin =
                Fixtures.approvedBulletin(TITLE, List.of(List.of(e2e.tone("Tiêm phòng", "vie", 2, 440, 0.3), "vie")));

        try (HeadlessChromium chromium = new HeadlessChromium(WAIT);
                AgentProcess agent = e2e.onlineAgent("schedule-from-bulletin", secrets)) {
            driver = chromium.driver();
            logIn();

            // from the bulletin: its link opens the form with it chosen
            open("/library");
            driver.findElement(By.cssSelector("#bulletins li[data-bulletin='" + bulletin + "'] a.schedule-link"))
                    .click();
            wait(WAIT).until(ExpectedConditions.urlContains("/schedule?bulletin=" + bulletin));
            assertThat(new Select(driver.findElement(By.id("broadcast-bulletin")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo(bulletin);

            // a ticked district stands for its communes: they show ticked and locked, and free again when unticked
            areaLabel("Huyện Đồng Lâm").click();
            assertThat(areaBox(COMMUNE_C).isSelected()).isTrue();
            assertThat(areaBox(COMMUNE_C).isEnabled()).isFalse();
            areaLabel("Huyện Đồng Lâm").click();
            assertThat(areaBox(COMMUNE_C).isSelected()).isFalse();
            assertThat(areaBox(COMMUNE_C).isEnabled()).isTrue();

            areaLabel("Xã An Lạc").click();
            areaLabel("Xã Bình Minh").click();
            LocalDate tomorrow = LocalDate.now(Ui.ZONE).plusDays(1);
            ((JavascriptExecutor) driver)
                    .executeScript(
                            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                            driver.findElement(By.id("broadcast-start")),
                            tomorrow + "T06:00");
            new Select(driver.findElement(By.id("repeat-freq"))).selectByVisibleText("Hằng ngày");
            wait(WAIT).until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#preview li"), 1));
            screenshot("schedule-from-bulletin.png");
            driver.findElement(By.id("schedule-button")).click();
            wait(WAIT).until(ExpectedConditions.urlMatches("/broadcasts/[0-9a-f-]{36}$"));

            assertThat(PageWait.textOf(driver, By.id("broadcast-targets")))
                    .as("the broadcast's page names its targets as they were picked")
                    .contains("Xã An Lạc", "Xã Bình Minh")
                    .doesNotContain(COMMUNE_A);
            JsonPath series = broadcast(idInUrl());
            assertThat(series.getString("bulletinId")).isEqualTo(bulletin);
            assertThat(series.getList("targetAreas", String.class)).containsExactlyInAnyOrder(COMMUNE_A, COMMUNE_B);
            assertThat(series.getList("targetReceivers", String.class)).isEmpty();
            assertThat(series.getString("rrule")).isEqualTo("FREQ=DAILY");
            assertThat(series.getString("timeZone")).isEqualTo("Asia/Ho_Chi_Minh");
            ZonedDateTime first =
                    OffsetDateTime.parse(series.getString("startAt")).atZoneSameInstant(Ui.ZONE);
            assertThat(first.toLocalDate()).isEqualTo(tomorrow);
            assertThat(first.toLocalTime()).hasToString("06:00");

            // play now: the same targets, starting at once, no recurrence; its page shows the delivery live
            open("/schedule?bulletin=" + bulletin);
            areaLabel("Xã An Lạc").click();
            areaLabel("Xã Bình Minh").click();
            driver.findElement(By.id("play-now")).click();
            Alert confirm = wait(WAIT).until(ExpectedConditions.alertIsPresent());
            assertThat(confirm.getText())
                    .as("what goes on air, and where, is said before it does")
                    .startsWith("Phát ngay bản tin này?")
                    .contains(TITLE, "Xã An Lạc", "Xã Bình Minh");
            confirm.dismiss();
            assertThat(driver.getCurrentUrl())
                    .as("nothing is sent when the operator says no")
                    .contains("/schedule");
            driver.findElement(By.id("play-now")).click();
            wait(WAIT).until(ExpectedConditions.alertIsPresent()).accept();
            wait(WAIT).until(ExpectedConditions.urlMatches("/broadcasts/[0-9a-f-]{36}$"));
            String now = idInUrl();
            JsonPath once = broadcast(now);
            assertThat(once.getString("rrule")).isNull();
            assertThat(once.getList("targetAreas", String.class)).containsExactlyInAnyOrder(COMMUNE_A, COMMUNE_B);
            assertThat(Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(once.getString("startAt")))
                            .abs())
                    .isLessThan(Duration.ofSeconds(30));
            wait(Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("count-PLAYED"), "2"));
            screenshot("play-now.png");
            assertThat(e2e.deliveries(now).getList("deliveries.findAll { it.state == 'PLAYED' }.receiverId"))
                    .as(agent.log())
                    .containsExactlyInAnyOrder("sfb-rx-a", "sfb-rx-b");
        }
    }

    private WebElement areaLabel(String name) {
        return driver.findElement(By.xpath("//ul[@class='area-tree']//label[normalize-space()='" + name + "']"));
    }

    private WebElement areaBox(String code) {
        return driver.findElement(By.cssSelector(".area-tree input[value='" + code + "']"));
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

    private void logIn() {
        open("/login.html");
        driver.findElement(By.id("j_username")).sendKeys(OPERATOR);
        driver.findElement(By.id("j_password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
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
}
