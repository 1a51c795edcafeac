package nl.klantspiegel.adapter.web.browser;

import nl.klantspiegel.boot.KlantspiegelApplication;
import nl.klantspiegel.boot.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web client in a real (headless) Chromium against the real application: a respondent takes the whole
 * test, partly by keyboard, resumes after a reload, gets the result, switches language and starts over.
 * Needs Debian's chromium and chromium-driver; without them this test fails rather than skips, so a broken
 * client cannot hide behind a missing browser.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                // Selenium has no DevTools binding for every Chromium version and says so at each start;
                // this test uses none (only WebDriver and ChromeDriver's own commands)
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=ERROR",
                "logging.level.org.openqa.selenium.chromium.ChromiumDriver=ERROR"})
class BrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int PHONE_WIDTH = 360;

    /** c,b,a,b,c,c: five points each, 30 in total, band HIGH. */
    private static final Map<Integer, String> TOP_ANSWERS = Map.of(1, "c", 2, "b", 3, "a", 4, "b", 5, "c", 6, "c");

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "browser-test-data");
    }

    @BeforeAll
    static void chromiumIsInstalled() {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("The browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Install the Debian packages: apt-get install -y chromium chromium-driver");
        }
    }

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    private ChromeDriver driver;
    private WebDriverWait wait;

    /**
     * The page works under the product's Content-Security-Policy (only its own scripts, styles and images): the
     * browser reported no violation of it, nor any other error, while the test used the page.
     */
    @AfterEach
    void noPolicyViolationsAndCloseBrowser() {
        if (driver == null) {
            return;
        }
        try {
            List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                            || entry.getMessage().contains("Content Security Policy"))
                    .map(LogEntry::getMessage)
                    // refusals the tests provoke on purpose (unknown id, completing too early, being offline)
                    .filter(message -> !message.contains("Failed to load resource"))
                    .toList();
            assertThat(problems).as("errors and policy violations in the browser console").isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void a_respondent_takes_the_test_by_keyboard_and_mouse_resumes_and_reads_the_result() {
        openBrowser(1280, 1000);
        open("/");

        // a page view alone starts nothing
        assertThat(attribute("html", "lang")).isEqualTo("nl");
        assertThat(text("test-title")).isNotBlank();
        assertThat(storedId()).isNull();
        assertThat(byTestId("resume").isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("[data-testid='total-score']"))).isEmpty();

        // keyboard: tab from the top of the page to the first question, choose with SPACE and the arrow keys
        tabUntil("q1-a", 6);
        keys(Keys.SPACE, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        keys(Keys.TAB);
        assertThat(focusedTestId()).isEqualTo("q2-a");
        keys(Keys.SPACE, Keys.ARROW_DOWN);
        assertThat(focusedTestId()).isEqualTo("q2-b");
        awaitSaved(1);
        awaitSaved(2);

        // the first answer started the assessment: its id is in the URL, in localStorage and in the resume link
        String id = idInUrl();
        assertThat(id).isNotNull();
        assertThat(storedId()).isEqualTo(id);
        assertThat(byTestId("resume-link").getDomProperty("value")).endsWith("?id=" + id);

        // mouse, and one answer changed
        choose(3, "a");
        choose(4, "c");
        awaitSaved(4);
        choose(4, "b");
        awaitSaved(3);
        awaitSaved(4);

        // resume: a reload brings the answers back from the server, and so does the bare address (localStorage)
        driver.navigate().refresh();
        awaitTestShown();
        assertAnswers(Map.of(1, "c", 2, "b", 3, "a", 4, "b"));
        open("/");
        assertAnswers(Map.of(1, "c", 2, "b", 3, "a", 4, "b"));
        assertThat(idInUrl()).isEqualTo(id);

        // completing with a question open names it and puts the focus there
        choose(5, "c");
        awaitSaved(5);
        byTestId("complete-button").click();
        wait.until(ExpectedConditions.textToBePresentInElement(byTestId("complete-alert"), "vraag 6"));
        assertThat(byTestId("status-6").getDomAttribute("data-state")).isEqualTo("missing");
        assertThat(focusedTestId()).isEqualTo("q6-a");

        // answer it by keyboard, then complete by keyboard
        keys(Keys.SPACE, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        awaitSaved(6);
        assertAnswers(TOP_ANSWERS);
        Map<Integer, String> chosenTexts = chosenOptionTexts();
        keys(Keys.TAB);
        assertThat(focusedTestId()).isEqualTo("complete-button");
        keys(Keys.ENTER);

        awaitResultShown();
        assertThat(focusedTestId()).isEqualTo("result-heading");
        assertThat(text("total-score")).isEqualTo("30");
        assertThat(text("band-title")).isEqualTo("Hoog");
        assertThat(text("diagnosis")).startsWith("U scoort hoog.");
        assertThat(text("column-a")).isEqualTo("5");
        assertThat(text("column-b")).isEqualTo("10");
        assertThat(text("column-c")).isEqualTo("15");
        Map<Integer, String> dutchAdvice = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            assertThat(text("advice-" + question + "-answer"))
                    .startsWith(TOP_ANSWERS.get(question))
                    .contains(chosenTexts.get(question));
            assertThat(text("advice-" + question + "-points")).isEqualTo("5 punten");
            assertThat(text("advice-" + question + "-text")).hasSizeGreaterThan(40);
            dutchAdvice.put(question, text("advice-" + question + "-text"));
        }
        assertThat(text("result-view")).contains("Wat nu?", "Verder lezen");
        assertThat(driver.findElements(By.cssSelector("input[type='radio']")))
                .noneMatch(WebElement::isDisplayed);

        // a completed assessment opened again shows its result straight away
        driver.navigate().refresh();
        awaitResultShown();
        assertThat(text("band-title")).isEqualTo("Hoog");

        // English: the band title, the advice and the page chrome change; the choice is remembered
        byTestId("lang-en").click();
        wait.until(ExpectedConditions.textToBe(testId("band-title"), "High"));
        assertThat(attribute("html", "lang")).isEqualTo("en");
        assertThat(byTestId("lang-en").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(byTestId("lang-nl").getDomAttribute("aria-pressed")).isEqualTo("false");
        assertThat(text("result-heading")).isEqualTo("Your result");
        assertThat(text("advice-1-points")).isEqualTo("5 points");
        assertThat(text("advice-1-text")).isNotEqualTo(dutchAdvice.get(1));
        assertThat(text("result-view")).contains("What next?", "Further reading");
        driver.navigate().refresh();
        awaitResultShown();
        assertThat(text("band-title")).isEqualTo("High");

        // start over, after confirming: a blank test, no id until the next first answer
        byTestId("start-over").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        awaitTestShown();
        assertThat(driver.findElements(By.cssSelector("input[type='radio']:checked"))).isEmpty();
        assertThat(idInUrl()).isNull();
        assertThat(storedId()).isNull();
        assertThat(text("page-notice")).contains("started over");
    }

    @Test
    void an_unknown_id_is_reported_a_failed_save_can_be_retried_and_the_language_switched_halfway() {
        openBrowser(1024, 900);
        String unknown = UUID.randomUUID().toString();
        open("/?id=" + unknown);
        wait.until(ExpectedConditions.textToBePresentInElement(byTestId("page-alert"), "niet gevonden"));
        assertThat(text("page-alert")).as("the alert names the id looked for, in Dutch").contains(unknown)
                .contains("Gezochte code").doesNotContain("There is no");
        assertThat(idInUrl()).isNull();

        choose(1, "a");
        awaitSaved(1);
        driver.setNetworkConditions(offline());
        choose(2, "c");
        wait.until(ExpectedConditions.attributeToBe(testId("status-2"), "data-state", "error"));
        assertThat(text("status-2")).contains("verbinding");
        assertThat(byTestId("q2-c").isSelected()).isTrue();

        driver.deleteNetworkConditions();
        byTestId("retry-2").click();
        awaitSaved(2);
        driver.navigate().refresh();
        awaitTestShown();
        assertAnswers(Map.of(1, "a", 2, "c"));

        // switching language halfway changes the texts and keeps the answers
        String dutchTitle = text("test-title");
        byTestId("lang-en").click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(testId("test-title"), dutchTitle)));
        assertThat(attribute("html", "lang")).isEqualTo("en");
        assertThat(text("complete-button")).isEqualTo("Show my result");
        assertAnswers(Map.of(1, "a", 2, "c"));
    }

    @Test
    void on_a_phone_sized_screen_there_is_one_column_without_horizontal_scrolling() {
        openBrowser(PHONE_WIDTH, 780, true);
        open("/");
        assertNoHorizontalScroll();
        for (WebElement target : driver.findElements(By.cssSelector(".option, button:not([hidden]), .resume__link"))) {
            if (target.isDisplayed()) {
                assertThat(target.getRect().getHeight()).as("tap target height of %s", target.getText())
                        .isGreaterThanOrEqualTo(44);
            }
        }

        // c everywhere: 20 points, the middle band
        for (int question = 1; question <= 6; question++) {
            choose(question, "c");
        }
        for (int question = 1; question <= 6; question++) {
            awaitSaved(question);
        }
        byTestId("complete-button").click();
        awaitResultShown();
        assertThat(text("total-score")).isEqualTo("20");
        assertThat(text("band-title")).isEqualTo("Gemiddeld");
        assertNoHorizontalScroll();
    }

    @Test
    void the_api_documentation_works_under_the_same_policy() {
        openBrowser(1280, 900);
        driver.get("http://localhost:" + port + "/api-docs.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .opblock-tag")));
        assertThat(driver.findElements(By.cssSelector(".swagger-ui .opblock"))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(driver.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).isNotBlank();
    }

    // ------------------------------------------------------------------ browser

    private void openBrowser(int width, int height) {
        openBrowser(width, height, false);
    }

    /**
     * @param phone emulate a phone screen of exactly that size: desktop Chromium does not make its window
     *              narrower than 500 pixels, even headless
     */
    private void openBrowser(int width, int height, boolean phone) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath());
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        }
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    private static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }

    private void open(String path) {
        driver.get("http://localhost:" + port + path);
        wait.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(testId("test-view")),
                ExpectedConditions.visibilityOfElementLocated(testId("result-view"))));
    }

    private void awaitTestShown() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("q1-a")));
    }

    private void awaitResultShown() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("band-title")));
    }

    // ------------------------------------------------------------------ answering

    private void choose(int question, String option) {
        byTestId("q" + question + "-" + option).click();
    }

    private void awaitSaved(int question) {
        wait.until(ExpectedConditions.attributeToBe(testId("status-" + question), "data-state", "saved"));
    }

    private void assertAnswers(Map<Integer, String> expected) {
        for (int question = 1; question <= 6; question++) {
            List<String> checked = driver.findElements(By.cssSelector("input[name='q" + question + "']:checked"))
                    .stream().map(radio -> radio.getDomProperty("value")).toList();
            String answer = expected.get(question);
            assertThat(checked).as("answer to question %d", question)
                    .isEqualTo(answer == null ? List.of() : List.of(answer));
        }
    }

    /** The texts of the options chosen now, per question, as the form shows them. */
    private Map<Integer, String> chosenOptionTexts() {
        Map<Integer, String> texts = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            WebElement radio = driver.findElement(By.cssSelector("input[name='q" + question + "']:checked"));
            WebElement label = driver.findElement(By.cssSelector("label[for='" + radio.getDomAttribute("id") + "']"));
            texts.put(question, label.findElement(By.className("option__text")).getText());
        }
        return texts;
    }

    // ------------------------------------------------------------------ keyboard

    private void keys(CharSequence... keys) {
        Actions actions = new Actions(driver);
        for (CharSequence key : keys) {
            actions.sendKeys(key);
        }
        actions.perform();
    }

    /** Presses TAB until the element with that test id has the focus, at most `limit` times. */
    private void tabUntil(String testId, int limit) {
        for (int presses = 0; presses < limit; presses++) {
            keys(Keys.TAB);
            if (testId.equals(focusedTestId())) {
                return;
            }
        }
        fail(testId + " not reached with " + limit + " presses of TAB; focus is on " + focusedTestId());
    }

    private String focusedTestId() {
        return driver.switchTo().activeElement().getDomAttribute("data-testid");
    }

    // ------------------------------------------------------------------ page

    private static By testId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    private WebElement byTestId(String testId) {
        return driver.findElement(testId(testId));
    }

    private String text(String testId) {
        return byTestId(testId).getText();
    }

    private String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getDomAttribute(name);
    }

    private String idInUrl() {
        String query = URI.create(driver.getCurrentUrl()).getQuery();
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("id=")) {
                return parameter.substring(3);
            }
        }
        return null;
    }

    private String storedId() {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return window.localStorage.getItem('klantspiegel.assessmentId')");
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) driver).executeScript(script)).longValue();
    }

    private void assertNoHorizontalScroll() {
        // a phone browser zooms out to fit a page that is too wide; the window would then seem wider
        assertThat(number("return window.innerWidth")).as("window width").isEqualTo(PHONE_WIDTH);
        long scrollWidth = number("return document.documentElement.scrollWidth");
        long innerWidth = number("return window.innerWidth");
        assertThat(scrollWidth).as("page width (scrollWidth) within the window (innerWidth)")
                .isLessThanOrEqualTo(innerWidth);
    }
}
