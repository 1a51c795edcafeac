package nl.klantspiegel.adapter.web.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The headless Chromium browsers of the organisation pages' tests: Debian's Chromium and ChromeDriver, started the
 * way this machine's closed network needs, each with a profile of its own; what their consoles said; closed at the
 * end.
 */
final class Chromium implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Path profiles;
    private final Map<String, ChromeDriver> browsers = new LinkedHashMap<>();

    Chromium(Path profiles) {
        this.profiles = profiles;
    }

    static void requireInstalled() {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("The browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Install the Debian packages: apt-get install -y chromium chromium-driver");
        }
    }

    /**
     * @param phone emulate a phone screen of exactly that size: desktop Chromium does not make its window
     *              narrower than 500 pixels, even headless
     */
    ChromeDriver open(String name, int width, int height, boolean phone) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profiles.resolve(name).toAbsolutePath());
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        }
        ChromeDriver driver = new ChromeDriver(service, options);
        browsers.put(name, driver);
        return driver;
    }

    /** axe-core's script, as Deque ships it for Selenium. */
    private static final String AXE = axeScript();

    /** The WCAG 2.0–2.2 A and AA rules of axe-core: what "accessible" means for these pages. */
    private static final String AXE_RUN = "const done = arguments[arguments.length - 1];"
            + "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
            + " 'wcag22aa'] }, resultTypes: ['violations'] })"
            + ".then(result => done(result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length"
            + " + ' element(s), first ' + v.nodes[0].target.join(' ') + ' – ' + v.help)),"
            + " failure => done(['axe did not run: ' + failure]));";

    /**
     * What axe-core finds against WCAG 2.2 A and AA in the page as it is now (each rule with the number of elements
     * that break it and the first of them); an empty list when nothing.
     */
    @SuppressWarnings("unchecked")
    static List<String> accessibilityViolations(WebDriver browser) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(script.executeScript("return typeof window.axe === 'object'"))) {
            script.executeScript(AXE);
        }
        return (List<String>) script.executeAsyncScript(AXE_RUN);
    }

    private static String axeScript() {
        try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Errors and Content-Security-Policy violations in every browser's console so far; refusals a test provokes on
     * purpose ("Failed to load resource") aside.
     */
    List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ChromeDriver> browser : browsers.entrySet()) {
            browser.getValue().manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                            || entry.getMessage().contains("Content Security Policy"))
                    .map(LogEntry::getMessage)
                    .filter(message -> !message.contains("Failed to load resource"))
                    .map(message -> browser.getKey() + ": " + message)
                    .forEach(problems::add);
        }
        return problems;
    }

    @Override
    public void close() {
        browsers.values().forEach(WebDriver::quit);
        browsers.clear();
    }

    static WebDriverWait waitFor(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
        // a list the page re-renders while we read it is read again, not a failure
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static By testId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    static WebElement byTestId(WebDriver browser, String testId) {
        return browser.findElement(testId(testId));
    }

    /**
     * Opens one section of an organisation's page and waits until its panel is shown. The page may still be
     * re-rendering after the last action (a notice is shown before the re-render ends), so a tab that is replaced
     * while it is clicked is found and clicked again.
     */
    static void openTab(WebDriver browser, String tab) {
        waitFor(browser).until(driver -> {
            if (driver.findElements(testId("panel-" + tab)).isEmpty()) {
                driver.findElement(testId("tab-" + tab)).click();
            }
            return !driver.findElements(testId("panel-" + tab)).isEmpty()
                    && "page".equals(driver.findElement(testId("tab-" + tab)).getDomAttribute("aria-current"));
        });
    }

    /** An audit entry's details, label to value, as its details list shows them. */
    static Map<String, String> details(WebElement entry) {
        Map<String, String> details = new LinkedHashMap<>();
        for (WebElement item : entry.findElements(By.cssSelector(".details-list > div"))) {
            details.put(item.findElement(By.tagName("dt")).getText(), item.findElement(By.tagName("dd")).getText());
        }
        return details;
    }
}
