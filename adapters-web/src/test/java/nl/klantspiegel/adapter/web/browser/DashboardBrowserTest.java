package nl.klantspiegel.adapter.web.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.klantspiegel.boot.KlantspiegelApplication;
import nl.klantspiegel.boot.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static nl.klantspiegel.adapter.web.browser.Chromium.byTestId;
import static nl.klantspiegel.adapter.web.browser.Chromium.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard in a real (headless) Chromium, on the demo organisation as a newcomer gets it with
 * {@code --klantspiegel.demo=true}: the demo admin signs in, sees every chart drawn and each data table with the
 * numbers the report API gives, switches team and granularity, and downloads a CSV; the demo team lead is offered
 * only their own team. No errors and no Content-Security-Policy violations in the console.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.demo=true", "klantspiegel.demo.password=" + DashboardBrowserTest.PASSWORD,
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=ERROR",
                "logging.level.org.openqa.selenium.chromium.ChromiumDriver=ERROR"})
class DashboardBrowserTest {

    static final String PASSWORD = "het demowachtwoord voor de test";
    private static final String ADMIN = "admin@demo.klantspiegel.nl";
    private static final String TEAM_LEAD = "teamleider@demo.klantspiegel.nl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHARTS = List.of("chart-trend", "chart-bands", "chart-questions",
            "chart-comparison");

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "dashboard-browser-test-data");
    }

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.requireInstalled();
    }

    @LocalServerPort
    int port;

    @TempDir
    Path profiles;

    private Chromium chromium;

    @BeforeEach
    void demoReadyAndChromium() throws Exception {
        awaitDemo();
        chromium = new Chromium(profiles);
    }

    @AfterEach
    void noPolicyViolationsAndCloseBrowsers() {
        try (Chromium used = chromium) {
            assertThat(used.consoleProblems()).as("errors and policy violations in the browser consoles").isEmpty();
        }
    }

    @Test
    void the_demo_admin_sees_every_chart_and_table_switches_team_and_granularity_and_downloads_a_csv()
            throws Exception {
        ChromeDriver browser = chromium.open("admin", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, ADMIN);
        for (String chart : CHARTS) {
            wait.until(ExpectedConditions.attributeToBe(testId(chart), "data-drawn", "true"));
        }
        assertThat(byTestId(browser, "heatmap").findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThan(3);
        assertThat(byTestId(browser, "heatmap").findElements(By.cssSelector("[data-suppressed='true']")))
                .as("the small team's row is hidden").isNotEmpty();
        assertThat(byTestId(browser, "provenance").getText()).contains("5");

        // the trend's table: the organisation per quarter, as the API has it
        String organisation = organisationId(browser);
        JsonNode quarters = api("/api/organisations/" + organisation + "/reports/trend?granularity=quarter");
        assertTableMatches(browser, wait, quarters.get("series").get(0).get("points"), quarters.get("periods"));

        // one team, per month
        String team = quarters.get("series").get(1).get("teamId").asText();
        new Select(byTestId(browser, "filter-team")).selectByValue(team);
        new Select(byTestId(browser, "filter-granularity")).selectByValue("month");
        JsonNode months = api("/api/organisations/" + organisation + "/reports/trend?granularity=month&team=" + team);
        wait.until(driver -> byTestId(driver, "table-trend").findElements(By.cssSelector("tbody tr")).size()
                == months.get("periods").size());
        assertTableMatches(browser, wait, months.get("series").get(1).get("points"), months.get("periods"));
        for (String chart : CHARTS) {
            wait.until(ExpectedConditions.attributeToBe(testId(chart), "data-drawn", "true"));
        }

        // the CSV link gives the same trend as a file, with the browser's own session
        String href = byTestId(browser, "csv-trend").getDomProperty("href");
        assertThat(href).contains("format=csv").contains("granularity=month");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(csv).startsWith("period,start,end,group,team_id,suppressed,reason,n,mean");
        assertThat(csv.lines().count()).isEqualTo(1 + 2L * months.get("periods").size());
    }

    @Test
    void the_demo_team_lead_is_offered_only_their_own_team() {
        ChromeDriver browser = chromium.open("lead", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, TEAM_LEAD);
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));
        List<String> offered = new Select(byTestId(browser, "filter-team")).getOptions().stream()
                .map(WebElement::getText).toList();
        assertThat(offered).hasSize(2);
        assertThat(offered.get(1)).isEqualTo("Klantenservice");
    }

    private WebDriverWait signIn(ChromeDriver browser, String email) {
        WebDriverWait wait = Chromium.waitFor(browser);
        browser.get("http://localhost:" + port + "/beheer/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("signin-email")));
        byTestId(browser, "signin-email").sendKeys(email);
        byTestId(browser, "signin-password").sendKeys(PASSWORD);
        byTestId(browser, "signin-submit").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("dashboard")));
        return wait;
    }

    private static String organisationId(WebDriver browser) {
        return browser.getCurrentUrl().replaceAll(".*#/organisatie/([^/]+).*", "$1");
    }

    /** Every row of the trend's table: the count and the mean as the API gives them (Dutch decimals, one digit). */
    private static void assertTableMatches(WebDriver browser, WebDriverWait wait, JsonNode points, JsonNode periods) {
        WebElement toggle = byTestId(browser, "toggle-trend");
        if ("false".equals(toggle.getDomAttribute("aria-expanded"))) {
            toggle.click();
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("table-trend")));
        List<WebElement> rows = byTestId(browser, "table-trend").findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(periods.size());
        int compared = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode point = points.get(i);
            assertThat(rows.get(i).getDomAttribute("data-period")).isEqualTo(periods.get(i).get("period").asText());
            List<WebElement> cells = rows.get(i).findElements(By.cssSelector("td"));
            if (point.get("suppressed").asBoolean()) {
                assertThat(cells.get(0).getDomAttribute("data-suppressed")).isEqualTo("true");
                assertThat(cells.get(0).getText()).contains("verborgen").doesNotContainPattern("\\d+,\\d");
            } else if (point.get("n").asInt() > 0) {
                assertThat(cells.get(0).getText()).isEqualTo(point.get("n").asText());
                assertThat(Double.parseDouble(cells.get(1).getText().replace(',', '.')))
                        .isCloseTo(point.get("mean").asDouble(), within(0.051));
                compared++;
            }
        }
        assertThat(compared).as("rows with figures").isPositive();
    }

    /** Waits until the demo's eight rounds are in and its figures have stopped changing. */
    private void awaitDemo() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        String previous = null;
        while (System.nanoTime() < deadline) {
            JsonNode organisations = api("/api/organisations");
            if (organisations != null && organisations.size() == 1) {
                String id = organisations.get(0).get("id").asText();
                JsonNode rounds = api("/api/organisations/" + id + "/rounds");
                if (rounds != null && rounds.size() == 8) {
                    String trend = api("/api/organisations/" + id + "/reports/trend?granularity=year").toString()
                            .replaceAll("\"computedAt\":\"[^\"]*\"", "").replaceAll("\"position\":\\d+", "");
                    if (trend.equals(previous)) {
                        return;
                    }
                    previous = trend;
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("the demo organisation was not ready within 4 minutes");
    }

    private String token;

    private JsonNode api(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        if (token == null) {
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tokens"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (issued.statusCode() != 201) {
                return null; // the demo's admin is not there yet
            }
            token = JSON.readTree(issued.body()).get("token").asText();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
