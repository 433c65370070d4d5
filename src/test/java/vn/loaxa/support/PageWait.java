package vn.loaxa.support;

import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Waits on a page that htmx and the live updates keep swapping. Chromium reports an element replaced between finding
 * it and reading it either as a stale element or as an "unknown error" whose node "does not belong to the document";
 * both mean "look again", so the wait looks again until its timeout, which then carries the last error as its cause.
 */
public final class PageWait {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration READ = Duration.ofSeconds(5);

    private PageWait() {}

    public static WebDriverWait upTo(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    /** The text of the element found now, found again if a swap replaced it while it was read. */
    public static String textOf(WebDriver driver, By locator) {
        return upTo(driver, READ).until(d -> d.findElement(locator).getText());
    }

    /** An attribute of the element found now (null when it has none), found again if a swap replaced it while it was read. */
    public static String attributeOf(WebDriver driver, By locator, String name) {
        return upTo(driver, READ)
                .until(d -> Optional.ofNullable(d.findElement(locator).getAttribute(name)))
                .orElse(null);
    }
}
