package vn.loaxa.support;

import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Waits on a page that htmx keeps swapping. Chromium reports an element replaced between finding it and reading it
 * either as a stale element or as an "unknown error" whose node "does not belong to the document"; both mean "look
 * again", so the wait looks again until its timeout, which then carries the last error as its cause.
 */
public final class PageWait {
    private static final Duration POLL = Duration.ofMillis(100);

    private PageWait() {}

    public static WebDriverWait upTo(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.ignoring(WebDriverException.class);
        return wait;
    }
}
