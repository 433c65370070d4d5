package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Api;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.PageWait;

/**
 * Every page an administrator reaches, in Vietnamese and in English, on a desk (1366 px) and on a phone (390 px), in
 * real headless Chromium: axe-core finds no WCAG 2.0/2.1 A or AA violation, the page does not scroll sideways on the
 * phone, and no word in a table cell is broken across lines. Each page is kept as a screenshot in target/screenshots,
 * named {@code <page>-<lang>-<width>.png}. All failures of a run are reported together.
 */
@QuarkusTest
@TestProfile(PageSweepBrowserTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageSweepBrowserTest {
    /**
     * A profile of its own, so that the server starts on a fresh database: the sweep checks pages as a province sees
     * them, not pages swollen by every other test's receivers and broadcasts (on which each axe run took minutes).
     */
    public static class OwnDatabase implements QuarkusTestProfile {}

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long a page may take to show what marks it complete (its rows, markers, charts). */
    private static final Duration READY = Duration.ofSeconds(10);

    private static final int AXE_ATTEMPTS = 3;
    private static final int AXE_TIMEOUT_SECONDS = 60;
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final List<Dimension> WIDTHS = List.of(new Dimension(1366, 900), new Dimension(390, 844));
    private static final int PHONE = 390;
    /** The nav links every administrator sees; the sweep fails if the header stops offering one. */
    private static final List<String> NAV = List.of(
            "/",
            "/map",
            "/library",
            "/glossary",
            "/translations",
            "/schedule",
            "/reports",
            "/live",
            "/inbox",
            "/receivers",
            "/groups",
            "/areas",
            "/accounts",
            "/audit");

    private static final String PROVINCE = "SWEEP";
    private static final String COMMUNE = "SWEEP-A";
    private static final String RECEIVER = "sweep-rx-1";
    private static final String GROUP = "sweep-group";

    /**
     * The words inside table cells that the browser draws on more than one line: for each word of each text node in
     * a {@code td} or {@code th}, a Range whose client rectangles span more than one line.
     */
    static final String BROKEN_WORDS = """
            const broken = [];
            for (const cell of document.querySelectorAll('td, th')) {
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const re = /\\S+/g;
                let m;
                while ((m = re.exec(node.data)) !== null) {
                  const range = document.createRange();
                  range.setStart(node, m.index);
                  range.setEnd(node, m.index + m[0].length);
                  const tops = new Set(Array.from(range.getClientRects())
                      .filter(r => r.width > 0).map(r => Math.round(r.top)));
                  if (tops.size > 1) {
                    broken.push((cell.closest('table').id || 'table') + ': ' + m[0]);
                  }
                }
              }
            }
            return broken;
            """;

    /**
     * Stops a live page from changing while it is checked: the map's own event stream closes as on leaving the page,
     * htmx swaps no server-sent message and polls no more. With a busy database the overview re-renders every second,
     * and axe-core, whose nodes were swapped out under it, never finished.
     */
    static final String HOLD_STILL = """
            window.dispatchEvent(new Event('pagehide'));
            document.body.addEventListener('htmx:sseBeforeMessage', e => e.preventDefault());
            document.body.addEventListener('htmx:beforeRequest', e => e.preventDefault());
            """;

    private static WebDriver driver;
    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL base;

    @Inject
    EndToEndFixture e2e;

    /** A page of the sweep: its name in the screenshot's file, its address, and what shows that it is complete. */
    record Page(String name, String path, Consumer<WebDriver> ready) {}

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
    void shouldFindAWordBrokenAcrossLinesInATableCell() {
        driver.manage().window().setSize(WIDTHS.get(0));
        driver.get("data:text/html;charset=utf-8,<table style='width:6rem'><tr><td id=c"
                + " style='overflow-wrap:anywhere'>Tổng quan loaxa-receiver-identifier-long</td></tr></table>");
        assertThat(brokenWords()).containsExactly("table: loaxa-receiver-identifier-long");

        driver.get(
                "data:text/html;charset=utf-8,<table style='width:6rem'><tr><td>Tổng quan hôm nay</td></tr></table>");
        assertThat(brokenWords()).isEmpty();
    }

    @Test
    @Order(1)
    void shouldReportAnAxeViolationWithItsRuleAndElement() {
        driver.get("data:text/html;charset=utf-8,<html lang=vi><title>t</title><main><h1>loaxa</h1>"
                + "<input id=nameless></main></html>");
        assertThat(axe("sample", new Page("sample", "", d -> {})))
                .anySatisfy(line -> assertThat(line).contains("sample: label (critical) at [#nameless]"));
    }

    @Test
    @Order(2)
    void shouldPassAxeFitAPhoneAndKeepWordsWholeOnEveryPageInBothLanguages() throws IOException {
        Fixtures.area(PROVINCE, "PROVINCE", null);
        Fixtures.area(COMMUNE, "COMMUNE", PROVINCE);
        asAdmin()
                .contentType(ContentType.JSON)
                .body("""
                {"type": "Polygon", "coordinates": [[[106.70, 21.80], [106.82, 21.80], [106.82, 21.90],
                 [106.70, 21.90], [106.70, 21.80]]]}""")
                .put("/api/v1/areas/" + COMMUNE + "/outline")
                .then()
                .statusCode(200);
        String secret = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        RECEIVER,
                        "displayName",
                        "Cụm loa Nà Pàn",
                        "areaCode",
                        COMMUNE,
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
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("code", GROUP, "name", "Cụm loa trung tâm xã", "members", List.of(RECEIVER)))
                .post("/api/v1/receiver-groups")
                .then()
                .statusCode(201);
        String term = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "vie",
                        "lũ quét",
                        "terms",
                        Map.of("tyz", "nặm thuổm", "nut", "nặm thuổm"),
                        "domain",
                        "thien-tai-khan-cap",
                        "note",
                        "Nước lũ xuống nhanh từ núi (phja)."))
                .post("/api/v1/glossary")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String media = e2e.tone("Thông báo lịch tiêm phòng", "vie", 2, 660, 0.3);
        String bulletin = Fixtures.bulletin(media, "NORMAL");
        // a bulletin waiting in the approval queue that the administrator may decide on
        String waiting = Fixtures.asApprover()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Thông báo chờ duyệt",
                        "topic",
                        "thời sự",
                        "priority",
                        "NORMAL",
                        "segments",
                        List.of(Map.of("mediaId", media, "language", "vie"))))
                .post("/api/v1/bulletins")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Fixtures.asApprover()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/bulletins/" + waiting + "/submit")
                .then()
                .statusCode(200);
        // an item in the commune's inbox, from a broadcast to the province
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("policy", "MANUAL"))
                .put("/api/v1/areas/" + COMMUNE + "/inbox-policy")
                .then()
                .statusCode(200);
        Fixtures.broadcast(
                bulletin, List.of(PROVINCE), List.of(), OffsetDateTime.now().plusHours(2));

        String broadcast;
        try (AgentProcess agent = e2e.onlineAgent("sweep-agent", Map.of(RECEIVER, secret))) {
            broadcast = Fixtures.broadcast(
                    bulletin, List.of(), List.of(RECEIVER), OffsetDateTime.now().plusSeconds(15));
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> e2e.deliveries(broadcast).getInt("counts.PLAYED") == 1);
        }

        driver.manage().window().setSize(WIDTHS.get(0));
        logIn();
        List<Page> pages = pages(broadcast, bulletin, term);

        List<String> failures = new ArrayList<>();
        for (String lang : List.of("vi", "en")) {
            driver.manage().addCookie(new Cookie(Ui.LANG_COOKIE, lang, "/"));
            for (Dimension size : WIDTHS) {
                driver.manage().window().setSize(size);
                for (Page page : pages) {
                    String where = page.name() + " (" + lang + ", " + size.getWidth() + " px)";
                    open(page.path());
                    try {
                        page.ready().accept(driver);
                    } catch (TimeoutException e) {
                        failures.add(where + ": incomplete, "
                                + e.getMessage().lines().findFirst().orElse(""));
                    }
                    assertThat(PageWait.attributeOf(driver, By.tagName("html"), "lang"))
                            .as(where)
                            .isEqualTo(page.name().equals("login") ? "vi" : lang);
                    long inner = ((Number) js("return window.innerWidth;")).longValue();
                    assertThat(inner).as("the window's width at " + where).isEqualTo(size.getWidth());
                    js(HOLD_STILL);
                    failures.addAll(axe(where, page));
                    if (size.getWidth() == PHONE) {
                        failures.addAll(sideways(where));
                    }
                    for (String word : brokenWords()) {
                        failures.add(where + ": a word broken across lines in " + word);
                    }
                    screenshot(page.name() + "-" + lang + "-" + size.getWidth() + ".png");
                }
            }
        }
        assertThat(failures)
                .as(() -> failures.size() + " failures:\n" + String.join("\n", failures))
                .isEmpty();
        for (Page page : pages) {
            assertThat(SCREENSHOTS.resolve(page.name() + "-en-390.png")).isNotEmptyFile();
        }
    }

    /** The header's links as the administrator sees them, then the pages reached from them. */
    private List<Page> pages(String broadcast, String bulletin, String term) {
        String task = translationTask(bulletin);
        open("/");
        List<String> nav = driver.findElements(By.cssSelector("header nav a")).stream()
                .map(a -> java.net.URI.create(a.getAttribute("href")).getPath())
                .toList();
        assertThat(nav).as("the administrator's nav").containsExactlyInAnyOrderElementsOf(NAV);

        Map<String, Page> pages = new LinkedHashMap<>();
        pages.put("login", new Page("login", "/login.html", present("#j_username")));
        for (String path : nav) {
            Page page = switch (path) {
                case "/" -> new Page("overview", "/", present("#receivers tr[data-receiver]"));
                case "/map" ->
                    new Page("map", "/map", present("#map path.area-outline-shape", "#map path[data-receiver]"));
                case "/library" ->
                    new Page(
                            "library",
                            "/library",
                            present("#media-rows tr[data-media]", "#approval-queue li.may-decide"));
                case "/glossary" -> new Page("glossary", "/glossary", present("#glossary tr[data-entry]"));
                case "/translations" ->
                    new Page("translations", "/translations", present("#translations tr[data-task='" + task + "']"));
                case "/schedule" -> new Page("schedule", "/schedule", present("#week li.slot"));
                case "/reports" -> new Page("reports", "/reports", PageSweepBrowserTest::chartsDrawn);
                case "/live" -> new Page("live", "/live", present("#live-start"));
                case "/inbox" ->
                    new Page("inbox", "/inbox?commune=" + COMMUNE, present("#inbox-pending li[data-inbox-item]"));
                case "/receivers" ->
                    new Page("receivers", "/receivers", present("tr[data-receiver='" + RECEIVER + "']"));
                case "/groups" -> new Page("groups", "/groups", present("tr[data-group='" + GROUP + "']"));
                case "/areas" -> new Page("areas", "/areas", present("li[data-area='" + COMMUNE + "']"));
                case "/accounts" -> new Page("accounts", "/accounts", present("tr[data-account='" + Api.ADMIN + "']"));
                case "/audit" -> new Page("audit", "/audit", present("#audit tr[data-status]"));
                default -> throw new AssertionError("a nav link the sweep does not know: " + path);
            };
            pages.put(page.name(), page);
        }
        pages.put("variants", new Page("variants", "/library", d -> {
            present("#bulletins li[data-bulletin='" + bulletin + "'] summary").accept(d);
            d.findElement(By.cssSelector("#bulletins li[data-bulletin='" + bulletin + "'] summary"))
                    .click();
            present("#bulletins li[data-bulletin='" + bulletin + "'] .variants audio")
                    .accept(d);
        }));
        pages.put(
                "broadcast",
                new Page("broadcast", "/broadcasts/" + broadcast, present("#delivery-table tr[data-state='PLAYED']")));
        pages.put("receiver", new Page("receiver", "/receivers/" + RECEIVER, present("#deliveries td.state-PLAYED")));
        pages.put(
                "receivers-chosen",
                new Page("receivers-chosen", "/receivers?receiver=" + RECEIVER, present("#chosen", "#move-area")));
        pages.put(
                "glossary-chosen",
                new Page("glossary-chosen", "/glossary?entry=" + term, present("#glossary-change-form")));
        pages.put("groups-chosen", new Page("groups-chosen", "/groups?group=" + GROUP, present("#group-change-form")));
        pages.put(
                "areas-chosen",
                new Page(
                        "areas-chosen",
                        "/areas?area=" + COMMUNE,
                        present("#area-rename-form", "#area-languages-form")));
        pages.put(
                "accounts-chosen",
                new Page("accounts-chosen", "/accounts?account=" + Api.ADMIN, present("#account-change-form")));
        pages.put("translation", new Page("translation", "/translations/" + task, present("#source audio")));
        pages.put(
                "translation-request",
                new Page(
                        "translation-request",
                        "/translations/request?bulletin=" + bulletin,
                        present("#translation-request-form", "#bulletin-tasks li[data-task]")));
        pages.put("not-found", new Page("not-found", "/no-such-page", present("main h1")));
        return List.copyOf(pages.values());
    }

    /** A Tày translation task of the bulletin, for the translation pages. */
    private static String translationTask(String bulletin) {
        return vn.loaxa.support.Api.asAdmin()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of(
                        "languages",
                        List.of("tyz"),
                        "dueAt",
                        java.time.OffsetDateTime.now().plusDays(2).withNano(0).toString()))
                .post("/api/v1/bulletins/" + bulletin + "/translations")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].id");
    }

    private void logIn() {
        driver.manage().deleteAllCookies();
        open("/login.html");
        driver.findElement(By.id("j_username")).sendKeys(Api.ADMIN);
        driver.findElement(By.id("j_password")).sendKeys(Api.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("online-count")));
    }

    /**
     * axe-core's WCAG 2 A/AA violations of the page, one line per rule and element. A run is tried up to three times:
     * AxeBuilder's script has no catch, so a run that axe-core rejects (a live page changing under it) never calls
     * back and surfaces only as a script timeout.
     */
    private static List<String> axe(String where, Page page) {
        for (int attempt = 1; ; attempt++) {
            try {
                return violations(where);
            } catch (ScriptTimeoutException e) {
                if (attempt == AXE_ATTEMPTS) {
                    return List.of(where + ": axe-core did not finish in " + AXE_ATTEMPTS + " runs of at most "
                            + AXE_TIMEOUT_SECONDS + " s");
                }
                driver.navigate().refresh();
                page.ready().accept(driver);
                js(HOLD_STILL);
            }
        }
    }

    private static List<String> violations(String where) {
        // legacy mode runs axe.run in the page itself; the default runPartial opens a second window to finish the run,
        // and headless Chromium 156 times out in the renderer on that window
        Results results = new AxeBuilder()
                .withTags(WCAG)
                .setLegacyMode(true)
                .setTimeout(AXE_TIMEOUT_SECONDS)
                .analyze(driver);
        List<String> found = new ArrayList<>();
        if (results.getErrorMessage() != null || results.getPasses().isEmpty()) {
            found.add(where + ": axe-core checked nothing: " + results.getErrorMessage());
        }
        for (Rule rule : results.getViolations()) {
            for (CheckedNode node : rule.getNodes()) {
                found.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ") at " + node.getTarget() + " – "
                        + rule.getHelp() + " – " + node.getHtml());
            }
        }
        return found;
    }

    /** What makes the page wider than the phone's window, if anything does. */
    private static List<String> sideways(String where) {
        long scroll = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        long inner = ((Number) js("return window.innerWidth;")).longValue();
        if (scroll <= inner) {
            return List.of();
        }
        Object wide = js("const w = window.innerWidth; return Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.scroll'))"
                + ".slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')).join(' ');");
        return List.of(where + ": scrolls sideways, " + scroll + " px wide in " + inner + " px: " + wide);
    }

    @SuppressWarnings("unchecked")
    private static List<String> brokenWords() {
        return (List<String>) js(BROKEN_WORDS);
    }

    private static Consumer<WebDriver> present(String... selectors) {
        return d -> {
            for (String selector : selectors) {
                wait(READY).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
            }
        };
    }

    /** The reports page is complete when Chart.js has drawn each of its four charts. */
    private static void chartsDrawn(WebDriver d) {
        wait(READY)
                .until(x -> Boolean.TRUE.equals(js("const c = document.querySelectorAll('#report-charts canvas');"
                        + " return !!window.Chart && c.length === 4"
                        + " && Array.from(c).every(e => window.Chart.getChart(e));")));
    }

    private void open(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
        wait(WAIT).until(d -> "complete".equals(js("return document.readyState;")));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static WebDriverWait wait(Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }

    /** The whole page, not only the window, so that a phone's screenshot shows every table. */
    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        long height = ((Number) js("return document.documentElement.scrollHeight;")).longValue();
        long width = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        Map<String, Object> shot = ((ChromeDriver) driver)
                .executeCdpCommand(
                        "Page.captureScreenshot",
                        Map.of(
                                "format",
                                "png",
                                "captureBeyondViewport",
                                true,
                                "clip",
                                Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height, 8000), "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
