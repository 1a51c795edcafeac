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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static nl.klantspiegel.adapter.web.browser.Chromium.byTestId;
import static nl.klantspiegel.adapter.web.browser.Chromium.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard and the audit page in a real (headless) Chromium, on the demo organisation as a newcomer gets it with
 * {@code --klantspiegel.demo=true}, whose history is released day by day: the demo admin signs in, reads once near
 * the top how results are released, with the last release and the next check in Amsterdam time, sees every chart
 * drawn and each data table with the numbers the report API gives, a team of which nothing was released said so in
 * words (never a value), switches team and granularity and language, and downloads a CSV; the audit page shows the
 * released tests per round and each release's batches by round and team name, pooled ones as such; the demo team
 * lead is offered only their own team. No errors and no Content-Security-Policy violations in the console.
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
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Words of figures the dashboard no longer has: hidden groups, medians, ranges, starts, completion rates. */
    private static final List<String> GONE = List.of("verborgen", "Mediaan", "Laagste", "gestart", "Gestart");

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
    void the_demo_admin_reads_how_results_are_released_sees_every_chart_and_table_and_switches_filters_and_language()
            throws Exception {
        ChromeDriver browser = chromium.open("admin", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, ADMIN);
        for (String chart : CHARTS) {
            wait.until(ExpectedConditions.attributeToBe(testId(chart), "data-drawn", "true"));
        }
        String organisation = organisationId(browser);
        JsonNode quarters = api("/api/organisations/" + organisation + "/reports/trend?granularity=quarter");

        // once, near the top: how results are released, the last release and the next check, in Amsterdam time
        assertThat(browser.findElements(testId("release-info"))).hasSize(1);
        assertThat(byTestId(browser, "release-info").isDisplayed()).isTrue();
        assertThat(text(browser, "release-rules")).contains("per team vrijgegeven",
                "bundels van minstens 5 nieuw afgeronde tests", "elk uur", "zodra de ronde gesloten is",
                "alleen mee in de cijfers van de hele organisatie", "de periode", "waarin hij is vrijgegeven");
        JsonNode provenance = quarters.get("provenance");
        assertThat(provenance.get("release").isNull()).as("the demo's history is released").isFalse();
        assertThat(text(browser, "release-last")).startsWith("Laatste vrijgave: nr. "
                + provenance.get("release").get("number").asText() + ", ")
                .contains(amsterdamClock(provenance.get("release").get("at")));
        assertThat(text(browser, "release-status")).contains("Volgende controle: ", "Amsterdamse tijd")
                .containsAnyOf(amsterdamClock(provenance.get("nextCheck")),
                        amsterdamClock(Instant.parse(provenance.get("nextCheck").asText()).minus(Duration.ofHours(1))));
        assertThat(text(browser, "provenance")).contains("instrumentversie 1", "tijdzone Europe/Amsterdam");

        // the heatmap of the open round: as the API has it; a team of which nothing was released says so, and when
        // it will show, across its row and without a figure
        JsonNode heatmap = api("/api/organisations/" + organisation + "/reports/heatmap");
        assertThat(heatmap.get("round").get("status").asText()).isEqualTo("OPEN");
        List<WebElement> heatRows = byTestId(browser, "heatmap").findElements(By.cssSelector("tbody tr"));
        assertThat(heatRows).hasSize(1 + heatmap.get("rows").size());
        int unreleased = 0;
        for (JsonNode row : heatmap.get("rows")) {
            JsonNode group = row.get("group");
            WebElement shown = heatRows.stream()
                    .filter(one -> group.get("key").asText().equals(one.getDomAttribute("data-group")))
                    .findFirst().orElseThrow();
            boolean released = group.get("n").asInt() > 0;
            assertThat(shown.getDomAttribute("data-released")).as(group.get("label").asText())
                    .isEqualTo(String.valueOf(released));
            if (!released) {
                unreleased++;
                WebElement words = shown.findElement(By.cssSelector("[data-released='false']"));
                assertThat(words.getText()).isEqualTo(
                        "nog niets vrijgegeven: getoond zodra minstens 5 tests van dit team zijn afgerond");
                assertThat(shown.getText()).doesNotContainPattern("\\d+,\\d");
            }
        }
        assertThat(unreleased).as("the demo's small team has nothing released in the open round").isPositive();
        assertAccessible(browser, "the dashboard as it opens, in Dutch");

        // the comparison with the closed round before: a team without released figures there counts only in the
        // organisation's figures
        JsonNode comparison = api("/api/organisations/" + organisation + "/reports/rounds/"
                + heatmap.get("round").get("id").asText() + "/comparison?with="
                + heatmap.get("previousRound").get("id").asText());
        for (JsonNode group : comparison.get("groups")) {
            if (!group.get("teamId").isNull() && group.get("with").get("n").asInt() == 0) {
                assertThat(text(browser, "comparison-gaps")).contains(group.get("label").asText() + ", "
                        + heatmap.get("previousRound").get("name").asText()
                        + ": niets vrijgegeven: in deze gesloten ronde telt dit team alleen mee in de cijfers van de "
                        + "organisatie");
            }
        }

        // the trend's table: the organisation per quarter, as the API has it
        assertTableMatches(browser, wait, quarters.get("series").get(0).get("points"), quarters.get("periods"));
        assertThat(byTestId(browser, "dashboard").getText()).doesNotContain(GONE.toArray(String[]::new));

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
        assertThat(tablesOutsideTheirCard(browser)).as("tables wider than their card, with a team, at 1280 px").isEmpty();
        assertAccessible(browser, "one team per month, its table open");

        // the CSV link gives the same trend as a file, with the browser's own session
        String href = byTestId(browser, "csv-trend").getDomProperty("href");
        assertThat(href).contains("format=csv").contains("granularity=month");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(csv).startsWith("period,start,end,group,team_id,n,mean,ci95_low,ci95_high");
        assertThat(csv.lines().count()).isEqualTo(1 + 2L * months.get("periods").size());
        String excelHref = byTestId(browser, "csv-trend-excel").getDomProperty("href");
        assertThat(excelHref).isEqualTo(href + "&dialect=excel&lang=nl");
        // its first bytes (a browser's text() drops a byte order mark), then its text
        String excel = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b)"
                        + ".slice(0, 3)).join(',') + '|' + new TextDecoder().decode(b)), e => done('failed: ' + e));",
                excelHref);
        assertThat(excel).as("for Excel with Dutch settings: a byte order mark, semicolons")
                .startsWith("239,187,191|periode;begin;einde;groep;team_id;n;gemiddelde");

        // with one team chosen the heatmap shows it under the organisation only; all teams again
        assertThat(byTestId(browser, "heatmap").findElements(By.cssSelector("tbody tr"))).hasSize(2);
        new Select(byTestId(browser, "filter-team")).selectByValue("");
        wait.until(driver -> byTestId(driver, "heatmap").findElements(By.cssSelector("tbody tr")).size()
                == 1 + heatmap.get("rows").size());

        // in English: the same explanation, and a team without released figures in English words
        byTestId(browser, "lang-en").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("release-rules"),
                "batches of at least 5 newly completed tests"));
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));
        assertThat(text(browser, "release-rules")).contains("Results are released per team", "every hour",
                "once the round has closed", "counts in the period", "of its release");
        assertThat(text(browser, "release-status")).contains("Last release: no. ", "Next check: ", "Amsterdam time");
        assertAccessible(browser, "the dashboard in English");
        if (unreleased > 0) {
            assertThat(byTestId(browser, "heatmap")
                    .findElement(By.cssSelector("tr[data-released='false'] td[data-released='false']")).getText())
                    .isEqualTo("nothing released yet: shown once at least 5 tests of this team are completed");
        }
    }

    @Test
    void the_demo_admin_reads_the_released_tests_per_round_and_each_release_by_round_and_team_name()
            throws Exception {
        ChromeDriver browser = chromium.open("audit", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, ADMIN);
        String organisation = organisationId(browser);
        Chromium.openTab(browser, "logboek");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("participation-table")));

        // per round the released completed tests, as the API counts them; nothing of starts
        JsonNode audit = api("/api/organisations/" + organisation + "/audit?type=ResultsReleased&size=25");
        List<WebElement> rows = browser.findElements(testId("participation-row"));
        assertThat(rows).hasSize(audit.get("participation").size()).hasSize(8);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode round = audit.get("participation").get(i);
            assertThat(rows.get(i).findElement(testId("participation-round")).getText())
                    .isEqualTo(round.get("roundName").asText());
            assertThat(rows.get(i).findElement(testId("participation-completed")).getText())
                    .startsWith(round.get("completed").asText());
        }
        assertThat(byTestId(browser, "participation").getText()).contains("vrijgegeven")
                .doesNotContain(GONE.toArray(String[]::new));

        // the releases only: each by the product, its batches by round and team name, pooled ones as such
        new Select(byTestId(browser, "audit-type")).selectByValue("ResultsReleased");
        byTestId(browser, "audit-apply").click();
        wait.until(driver -> !driver.findElements(testId("audit-entry")).isEmpty()
                && driver.findElements(testId("audit-entry")).stream()
                .allMatch(row -> "ResultsReleased".equals(row.getDomAttribute("data-type"))));
        List<WebElement> entries = browser.findElements(testId("audit-entry"));
        assertThat(entries).hasSize(audit.get("entries").size());
        JsonNode rounds = api("/api/organisations/" + organisation + "/rounds");
        JsonNode teams = api("/api/organisations/" + organisation + "/teams");
        boolean pooled = false;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode details = audit.get("entries").get(i).get("details");
            WebElement entry = entries.get(i);
            assertThat(entry.getText()).contains("Uitslagen vrijgegeven", "Klantspiegel (automatisch)");
            assertThat(Chromium.details(entry)).containsEntry("Vrijgave", details.get("release").asText())
                    .containsEntry("Minimale groepsgrootte", "5").containsKeys("Afgerond vóór", "Bundels");
            List<String> expected = new ArrayList<>();
            for (String batch : details.get("completed").asText().split(" ")) {
                String[] parts = batch.split("[/:]");
                String team = "pooled".equals(parts[1]) ? "gebundeld" : name(teams, parts[1]);
                pooled |= "pooled".equals(parts[1]);
                expected.add(name(rounds, parts[0]) + " · " + team + ": " + parts[2] + " tests");
            }
            assertThat(entry.findElements(testId("release-batch")).stream().map(WebElement::getText).toList())
                    .containsExactlyElementsOf(expected);
            assertThat(entry.getText()).doesNotContainPattern(UUID);
        }
        assertThat(pooled).as("a closed round's rest pooled, among the newest releases").isTrue();
        assertThat(browser.findElement(By.cssSelector("[data-pooled='true']")).getText()).contains("gebundeld");
        assertThat(byTestId(browser, "audit-table").getText())
                .contains("gebundeld: de rest van alle teams samen, na het sluiten van de ronde");
        assertAccessible(browser, "the audit trail, releases only");
    }

    @Test
    void the_admin_lays_teams_over_the_trend_and_the_comparison_and_heatmap_follow_the_chosen_team() throws Exception {
        ChromeDriver browser = chromium.open("compare", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, ADMIN);
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));
        String organisation = organisationId(browser);
        JsonNode quarters = api("/api/organisations/" + organisation + "/reports/trend?granularity=quarter");
        List<JsonNode> withFigures = new ArrayList<>();
        for (JsonNode series : quarters.get("series")) {
            boolean figures = false;
            for (JsonNode point : series.get("points")) {
                figures |= point.get("n").asInt() > 0;
            }
            if (!series.get("teamId").isNull() && figures) {
                withFigures.add(series);
            }
        }
        assertThat(withFigures).as("teams of the demo with released figures").hasSizeGreaterThanOrEqualTo(2);
        JsonNode team = withFigures.get(0);
        String teamId = team.get("teamId").asText();

        // two teams laid over the organisation's line: two more lines, named for them
        int before = datasets(browser, "chart-trend").size();
        byTestId(browser, "overlay-" + teamId).click();
        byTestId(browser, "overlay-" + withFigures.get(1).get("teamId").asText()).click();
        wait.until(driver -> datasets(driver, "chart-trend").size() == before + 2);
        assertThat(datasets(browser, "chart-trend")).contains(team.get("label").asText(),
                withFigures.get(1).get("label").asText());

        // the heatmap coloured by the difference from the organisation, with its own legend
        byTestId(browser, "heat-mode-difference").click();
        wait.until(driver -> !driver.findElements(By.cssSelector("[data-testid='heatmap'] td[class*='heat-diff--']"))
                .isEmpty());
        assertThat(browser.findElements(By.cssSelector("[data-testid='heatmap'] td.heat--1, "
                + "[data-testid='heatmap'] td.heat--5"))).as("no shade of points left").isEmpty();
        assertThat(text(browser, "heatmap-legend")).contains("verschil met de organisatie");
        assertThat(byTestId(browser, "heat-mode-difference").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertAccessible(browser, "teams laid over the trend, the heatmap by difference");

        // one team chosen: the comparison and the heatmap show it beside the organisation only
        new Select(byTestId(browser, "filter-team")).selectByValue(teamId);
        wait.until(driver -> byTestId(driver, "heatmap").findElements(By.cssSelector("tbody tr")).size() == 2);
        assertThat(byTestId(browser, "table-comparison").findElements(By.cssSelector("tbody tr"))).hasSize(2);
        assertThat(browser.findElements(testId("trend-overlay"))).as("a team chosen: its line and the organisation's")
                .isEmpty();
    }

    @Test
    void what_to_work_on_names_the_least_oriented_questions_with_their_advice_and_prints_as_a_one_page_brief()
            throws Exception {
        ChromeDriver browser = chromium.open("focus", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, ADMIN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("section-focus")));
        String organisation = organisationId(browser);
        String round = new Select(byTestId(browser, "filter-round")).getFirstSelectedOption().getDomAttribute("value");
        JsonNode focus = api("/api/organisations/" + organisation + "/reports/rounds/" + round + "/focus?lang=nl");
        JsonNode whole = focus.get("groups").get(0);
        List<JsonNode> expected = new ArrayList<>();
        whole.get("questions").forEach(question -> {
            if (question.get("focus").asBoolean() && expected.size() < 3) {
                expected.add(question);
            }
        });
        if (expected.isEmpty()) {
            for (int i = 0; i < 3; i++) {
                expected.add(whole.get("questions").get(i));
            }
        }
        List<WebElement> items = browser.findElements(testId("focus-item"));
        assertThat(items).hasSize(expected.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode question = expected.get(i);
            // (getText() gives the no-break space before "%" as a plain one)
            assertThat(items.get(i).getText()).contains(question.get("topic").asText(),
                    question.get("orientedPercent").asText() + " % koos het klantgerichte antwoord");
            if (!question.get("advice").isNull()) {
                assertThat(items.get(i).getText()).contains(question.get("advice").asText().substring(0, 40));
            }
        }
        assertThat(text(browser, "focus-lead")).startsWith("Organisatie, ronde ");
        assertThat(text(browser, "section-focus")).contains("Tips voor het teamoverleg");
        assertAccessible(browser, "what to work on");

        // printed as a brief: the brief alone, on one page
        ((JavascriptExecutor) browser).executeScript("document.body.classList.add('print-focus')");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        assertThat(byTestId(browser, "section-focus").isDisplayed()).isTrue();
        assertThat(byTestId(browser, "section-heatmap").isDisplayed()).isFalse();
        assertThat(byTestId(browser, "release-info").isDisplayed()).isFalse();
        String pdf = browser.print(new org.openqa.selenium.print.PrintOptions()).getContent();
        String text = new String(Base64.getDecoder().decode(pdf), StandardCharsets.ISO_8859_1);
        java.nio.file.Files.write(java.nio.file.Path.of("/tmp/brief.pdf"), Base64.getDecoder().decode(pdf));
        assertThat(Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count()).as("pages of the brief")
                .isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static List<String> datasets(WebDriver browser, String chart) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("const chart = window.Chart.getChart("
                + "document.querySelector(\"[data-testid='\" + arguments[0] + \"']\"));"
                + "return chart ? chart.data.datasets.map(set => set.label) : [];", chart);
    }

    @Test
    void on_a_phone_the_heatmap_says_it_scrolls_and_no_table_leaves_its_card() {
        ChromeDriver browser = chromium.open("phone", 390, 844, true);
        WebDriverWait wait = signIn(browser, ADMIN);
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("heatmap")));

        assertThat(byTestId(browser, "heatmap-hint").isDisplayed()).as("the sign that the heatmap scrolls").isTrue();
        assertThat(text(browser, "heatmap-hint")).isEqualTo("Schuif de tabel opzij voor alle 6 vragen →");
        WebElement why = byTestId(browser, "heatmap").findElement(By.cssSelector("tr[data-released='false']"))
                .findElement(testId("heat-why"));
        assertThat(why.isDisplayed()).as("under the group's name on a phone").isTrue();
        assertThat(why.getText())
                .isEqualTo("nog niets vrijgegeven: getoond zodra minstens 5 tests van dit team zijn afgerond");
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "const text = arguments[0].getBoundingClientRect();"
                        + "const shown = arguments[0].closest('.heatmap-scroll').getBoundingClientRect();"
                        + "return text.right <= shown.right + 1 && text.left >= shown.left - 1;", why))
                .as("the text of a team without released figures within what the phone shows").isTrue();
        assertThat(tablesOutsideTheirCard(browser)).as("tables wider than their card at 390 px").isEmpty();
        assertAccessible(browser, "the dashboard on a phone");
    }

    @Test
    void a_date_typed_key_by_key_reloads_the_dashboard_once_it_is_whole_and_a_range_too_long_is_said_in_its_words()
            throws Exception {
        ChromeDriver browser = chromium.open("dates", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, ADMIN);
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));

        // on the way to 2026 the field holds the years 0002, 0020 and 0202: none of them is asked for
        byTestId(browser, "filter-from").sendKeys("01012026");
        wait.until(driver -> trendRequests(driver).stream().anyMatch(url -> url.contains("from=2026-01-01")));
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));
        assertThat(trendRequests(browser)).filteredOn(url -> url.contains("from=")).as("trend requests with a date")
                .singleElement().asString().contains("from=2026-01-01");
        assertThat(browser.findElements(testId("trend-failed"))).isEmpty();

        // per week: the weeks without released figures named once, consecutive ones as one range
        new Select(byTestId(browser, "filter-granularity")).selectByValue("week");
        String organisation = organisationId(browser);
        JsonNode weeks = api("/api/organisations/" + organisation + "/reports/trend?granularity=week&from=2026-01-01");
        int runs = 0;
        boolean inRun = false;
        for (JsonNode point : weeks.get("series").get(0).get("points")) {
            boolean empty = point.get("n").asInt() == 0;
            runs += empty && !inRun ? 1 : 0;
            inRun = empty;
        }
        int expectedRuns = runs;
        assertThat(weeks.get("periods").size()).as("weeks in the demo's year").isGreaterThan(expectedRuns);
        wait.until(driver -> driver.findElements(By.cssSelector("[data-testid='trend-gaps'] li")).size()
                == expectedRuns);
        assertThat(browser.findElements(testId("bands-gaps"))).as("named once, under the trend").isEmpty();

        // weeks since 2000: more periods than a chart shows, refused by the server, said in the product's words
        WebElement from = byTestId(browser, "filter-from");
        from.clear();
        from.sendKeys("01012000");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("trend-failed")));
        assertThat(text(browser, "trend-failed")).contains("hooguit 600 perioden", "Kies een kortere periode")
                .doesNotContain("range holds");
        assertThat(trendRequests(browser)).filteredOn(url -> url.contains("from=0")).as("half-typed years").isEmpty();
    }

    private static void assertAccessible(WebDriver browser, String state) {
        assertThat(Chromium.accessibilityViolations(browser)).as("axe-core, WCAG 2.2 A and AA: " + state).isEmpty();
    }

    /**
     * The tables that reach beyond their section's card: a table may be wider than its card only inside a box that
     * scrolls sideways within it.
     */
    @SuppressWarnings("unchecked")
    private static List<String> tablesOutsideTheirCard(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('.dash-section table')].filter(table => {"
                        + "  if (table.offsetParent === null) { return false; }"
                        + "  const card = table.closest('.dash-section').getBoundingClientRect();"
                        + "  let box = table.getBoundingClientRect();"
                        + "  for (let node = table.parentElement; !node.classList.contains('dash-section');"
                        + "       node = node.parentElement) {"
                        + "    if (['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) {"
                        + "      box = node.getBoundingClientRect(); break; }"
                        + "  }"
                        + "  return box.right > card.right + 1 || box.left < card.left - 1;"
                        + "}).map(table => table.dataset.testid || table.className);");
    }

    @SuppressWarnings("unchecked")
    private static List<String> trendRequests(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return performance"
                + ".getEntriesByType('resource').map(entry => entry.name).filter(name => name.includes('/reports/trend'))");
    }

    @Test
    void the_demo_team_lead_is_offered_only_their_own_team_with_its_participation_and_invitation() throws Exception {
        ChromeDriver browser = chromium.open("lead", 1280, 1000, false);
        WebDriverWait wait = signIn(browser, TEAM_LEAD);
        wait.until(ExpectedConditions.attributeToBe(testId("chart-trend"), "data-drawn", "true"));
        List<String> offered = new Select(byTestId(browser, "filter-team")).getOptions().stream()
                .map(WebElement::getText).toList();
        assertThat(offered).hasSize(2);
        assertThat(offered.get(1)).isEqualTo("Klantenservice");
        assertThat(new Select(byTestId(browser, "filter-team")).getFirstSelectedOption().getText())
                .as("a team lead opens on their own team").isEqualTo("Klantenservice");
        assertThat(text(browser, "release-rules")).contains("bundels van minstens 5 nieuw afgeronde tests");

        // the participation of the open round: their own team against its headcount, live while the round is open
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("section-participation")));
        String organisation = organisationId(browser);
        JsonNode rounds = api("/api/organisations/" + organisation + "/rounds");
        String open = rounds.get(rounds.size() - 1).get("id").asText();
        JsonNode rates = api("/api/organisations/" + organisation + "/reports/rounds/" + open + "/participation");
        JsonNode service = rates.get("teams").get(0);
        assertThat(service.get("label").asText()).isEqualTo("Klantenservice");
        List<WebElement> rows = byTestId(browser, "participation-rates").findElements(By.cssSelector("tbody tr"));
        assertThat(rows).extracting(row -> row.findElement(By.tagName("th")).getText())
                .contains("Klantenservice").doesNotContain("Verkoop");
        WebElement serviceRow = rows.stream().filter(row -> row.getText().startsWith("Klantenservice")).findFirst()
                .orElseThrow();
        assertThat(service.get("headcount").asInt()).as("the demo's headcount").isPositive();
        String shown = service.get("completed").asInt() > 0 ? service.get("ratePercent").asText() + " %"
                : "nog niets vrijgegeven";
        assertThat(serviceRow.getText()).contains(service.get("headcount").asText(), shown);
        assertThat(text(browser, "participation-live")).contains("elke minuut");
        assertAccessible(browser, "the team lead's dashboard with its participation");

        // the rounds of their team, each with the invitation for their team to remind their people
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(testId("invitation-link")));
        String teamId = api("/api/organisations/" + organisation + "/teams").get(0).get("id").asText();
        assertThat(link.getDomProperty("value")).contains("/?invitation=").endsWith("&team=" + teamId);
        assertThat(byTestId(browser, "invitation-qr").getDomProperty("src")).endsWith("?team=" + teamId);
        assertThat(browser.findElements(testId("close-round"))).as("a team lead closes nothing").isEmpty();
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
            if (point.get("n").asInt() == 0) {
                assertThat(point.get("mean").isNull()).isTrue();
                assertThat(cells.get(0).getText()).isEqualTo("0");
                assertThat(cells.get(1).getDomAttribute("data-released")).isEqualTo("false");
                assertThat(cells.get(1).getText()).isEqualTo("niets vrijgegeven");
                assertThat(cells.get(0).getText() + cells.get(1).getText()).doesNotContainPattern("\\d+,\\d");
            } else {
                assertThat(cells.get(0).getText()).isEqualTo(point.get("n").asText());
                assertThat(Double.parseDouble(cells.get(1).getText().replace(',', '.')))
                        .isCloseTo(point.get("mean").asDouble(), within(0.051));
                compared++;
            }
        }
        assertThat(compared).as("rows with figures").isPositive();
    }

    /**
     * Waits until the demo's eight rounds are in, its history has been released (the demo releases it once its
     * answers are in the report facts; the release timer finishes what that left) and its figures have stopped
     * changing over three looks.
     */
    private void awaitDemo() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        String previous = null;
        int same = 0;
        while (System.nanoTime() < deadline) {
            JsonNode organisations = api("/api/organisations");
            if (organisations != null && organisations.size() == 1) {
                String id = organisations.get(0).get("id").asText();
                JsonNode rounds = api("/api/organisations/" + id + "/rounds");
                JsonNode trend = rounds != null && rounds.size() == 8
                        ? api("/api/organisations/" + id + "/reports/trend?granularity=year") : null;
                if (trend != null && !trend.get("provenance").get("release").isNull()) {
                    String figures = trend.toString().replaceAll("\"nextCheck\":\"[^\"]*\"", "");
                    same = figures.equals(previous) ? same + 1 : 0;
                    if (same == 2) {
                        return;
                    }
                    previous = figures;
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("the demo organisation was not ready and released within 4 minutes");
    }

    /** The time of day of an instant in Amsterdam, as the dashboard writes it ("03:00"). */
    private static String amsterdamClock(JsonNode instant) {
        return amsterdamClock(Instant.parse(instant.asText()));
    }

    private static String amsterdamClock(Instant instant) {
        return CLOCK.format(instant.atZone(AMSTERDAM));
    }

    /** The name of the round or team with that id in a list of them. */
    private static String name(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (id.equals(item.get("id").asText())) {
                return item.get("name").asText();
            }
        }
        throw new AssertionError("no " + id + " in " + items);
    }

    private static String text(WebDriver browser, String testId) {
        return byTestId(browser, testId).getText();
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
