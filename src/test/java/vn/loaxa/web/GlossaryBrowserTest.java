package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.Api;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;

/**
 * The glossary page in real headless Chromium: an author adds a term with its Tày word through the form, finds it
 * by typing without diacritics, imports a CSV file saved by a spreadsheet (with a byte order mark), and is told the
 * line of a faulty file, of which nothing is stored.
 */
@QuarkusTest
class GlossaryBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void shouldAddFindAndImportTermsThroughThePage() throws IOException {
        open("/");
        wait(WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(Api.ADMIN);
        driver.findElement(By.id("j_password")).sendKeys(Api.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav a[href='/glossary']")));

        open("/glossary");
        driver.findElement(By.id("new-vie")).sendKeys("mặt trời");
        driver.findElement(By.id("new-term-tyz")).sendKeys("tha vằn");
        new Select(driver.findElement(By.id("new-domain"))).selectByVisibleText("chung");
        driver.findElement(By.cssSelector("#glossary-form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("glossary"), "Tiếng Tày: tha vằn"));

        driver.findElement(By.id("glossary-q")).sendKeys("tha van");
        driver.findElement(By.cssSelector("#glossary-search button[type=submit]"))
                .click();
        wait(WAIT).until(ExpectedConditions.urlContains("q=tha+van"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("glossary"), "mặt trời"));

        Path csv = Files.createTempFile("thuat-ngu", ".csv");
        Files.writeString(
                csv, "\uFEFFvie,tyz,domain,note\r\nruộng,nà,nong-nghiep,Ruộng nước\r\n", StandardCharsets.UTF_8);
        open("/glossary");
        driver.findElement(By.id("glossary-import-file"))
                .sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#glossary-import-form button[type=submit]"))
                .click();
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("glossary"), "Tiếng Tày: nà"));

        Files.writeString(csv, "vie,tyz,domain\r\ncon suối,khuổi,chung,thừa\r\n", StandardCharsets.UTF_8);
        driver.findElement(By.id("glossary-import-file"))
                .sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#glossary-import-form button[type=submit]"))
                .click();
        wait(WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#glossary-import-form .form-result"), "Dòng 2"));
        assertThat(PageWait.textOf(driver, By.id("glossary"))).doesNotContain("khuổi");
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private static WebDriverWait wait(Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }
}
