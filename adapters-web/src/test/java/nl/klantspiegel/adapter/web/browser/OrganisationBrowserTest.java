package nl.klantspiegel.adapter.web.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.klantspiegel.boot.KlantspiegelApplication;
import nl.klantspiegel.boot.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The organisation pages in a real (headless) Chromium against the real application: the operator registers an
 * organisation and its first administrator and hands over the activation link; the administrator activates the
 * account, signs in, adds teams and opens a round; a respondent, in a browser of their own, opens the invitation
 * link, reads that the organisation sees results only per group of at least 5 newly completed tests released
 * together, chooses a team by keyboard and takes the whole test; one completed test is below that minimum, so the
 * administrator's dashboard shows nothing of it and says when the team will show, and the audit trail counts no
 * released test in the round; once four more of the same team have completed the test, the next release (looked
 * for every two seconds here) shows them as one batch of that team by name in the audit trail and on the dashboard,
 * and the other team still shows nothing. The administrator closes the round, and the invitation says so.
 * A second test checks the pages on a phone-sized screen. Like {@link BrowserTest}: no errors and no
 * Content-Security-Policy violations in any browser's console.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "klantspiegel.operator.email=" + OrganisationBrowserTest.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + OrganisationBrowserTest.OPERATOR_PASSWORD,
                // releases looked for every half second and made every two: the test sees one within seconds
                "klantspiegel.reports.release-every=PT2S",
                // Selenium has no DevTools binding for every Chromium version and says so at each start;
                // this test uses none (only WebDriver and ChromeDriver's own commands)
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=ERROR",
                "logging.level.org.openqa.selenium.chromium.ChromiumDriver=ERROR"})
class OrganisationBrowserTest {

    static final String OPERATOR_EMAIL = "operator@klantspiegel.test";
    static final String OPERATOR_PASSWORD = "de operator heeft een lange zin";

    private static final int PHONE_WIDTH = 360;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM_NOT_SHOWN =
            "nog niets vrijgegeven: getoond zodra minstens 5 tests van dit team zijn afgerond";
    private static final AtomicInteger ORGANISATIONS = new AtomicInteger();

    /** c,b,a,b,c,c: five points each, 30 in total. */
    private static final Map<Integer, String> TOP_ANSWERS = Map.of(1, "c", 2, "b", 3, "a", 4, "b", 5, "c", 6, "c");

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "organisation-browser-test-data");
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
    void chromium() {
        chromium = new Chromium(profiles);
    }

    /**
     * Every page worked under the product's Content-Security-Policy: no browser reported a violation of it, nor any
     * other error, while the test used it.
     */
    @AfterEach
    void noPolicyViolationsAndCloseBrowsers() {
        try (Chromium used = chromium) {
            assertThat(used.consoleProblems()).as("errors and policy violations in the browser consoles").isEmpty();
        }
    }

    @Test
    void an_operator_sets_up_an_organisation_whose_admin_invites_a_respondent_and_reads_the_audit_trail() {
        ChromeDriver admin = openBrowser("admin", 1280, 1000, false);
        Organisation organisation = setUpOrganisationWithRound(admin);

        // the respondent, in a browser of their own, opens the invitation
        ChromeDriver respondent = openBrowser("respondent", 1024, 900, false);
        respondent.get(organisation.invitationLink());
        WebDriverWait respondentWait = waitFor(respondent);
        respondentWait.until(ExpectedConditions.visibilityOfElementLocated(testId("team-choice")));
        respondentWait.until(ExpectedConditions.visibilityOfElementLocated(testId("q1-a")));
        assertThat(text(respondent, "invitation-organisation")).isEqualTo(organisation.name());
        assertThat(text(respondent, "invitation-round")).contains(organisation.roundName());
        assertThat(text(respondent, "anonymity-notice")).contains(organisation.name(),
                "ziet uitslagen alleen per groep van minstens 5 nieuw afgeronde tests",
                "die samen worden vrijgegeven", "nooit de antwoorden van één persoon");

        // the team by keyboard: TAB into the radio group, the arrow key to the second team
        tabUntil(respondent, "team-option-0", 8);
        keys(respondent, Keys.SPACE, Keys.ARROW_DOWN);
        assertThat(focusedTestId(respondent)).isEqualTo("team-option-1");
        assertThat(byTestId(respondent, "team-option-1").isSelected()).isTrue();
        assertThat(byTestId(respondent, "team-option-1").getDomAttribute("data-team-name")).isEqualTo("Balie");

        // the whole test; the first answer starts the assessment in the round
        for (Map.Entry<Integer, String> answer : TOP_ANSWERS.entrySet()) {
            byTestId(respondent, "q" + answer.getKey() + "-" + answer.getValue()).click();
        }
        for (int question = 1; question <= 6; question++) {
            respondentWait.until(ExpectedConditions.attributeToBe(testId("status-" + question), "data-state", "saved"));
        }
        assertThat(respondent.getCurrentUrl()).contains("invitation=").contains("id=");
        assertThat(text(respondent, "invitation-team")).contains("Balie");
        byTestId(respondent, "complete-button").click();
        respondentWait.until(ExpectedConditions.visibilityOfElementLocated(testId("band-title")));
        assertThat(text(respondent, "total-score")).isEqualTo("30");
        assertThat(text(respondent, "band-title")).isEqualTo("Hoog");
        assertThat(byTestId(respondent, "resume").isDisplayed()).isTrue();

        // back with the administrator: one completed test is below the minimum group size, so nothing is released:
        // the dashboard shows no figure and says when each team will show, and the audit trail counts none
        WebDriverWait adminWait = waitFor(admin);
        Chromium.openTab(admin, "dashboard");
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("release-info")));
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("heatmap")));
        assertThat(text(admin, "release-rules")).contains("bundels van minstens 5 nieuw afgeronde tests");
        assertThat(text(admin, "release-last")).isEqualTo("Er is nog niets vrijgegeven.");
        assertThat(text(admin, "release-status")).contains("Volgende controle: ");
        assertThat(teamRows(admin)).containsOnly(Map.entry("Klantenservice", TEAM_NOT_SHOWN),
                Map.entry("Balie", TEAM_NOT_SHOWN));
        assertThat(text(admin, "chart-questions-unreleased"))
                .isEqualTo("nog niets vrijgegeven: getoond zodra er een bundel van minstens 5 afgeronde tests is");
        assertThat(byTestId(admin, "dashboard").getText()).doesNotContainPattern("\\d+,\\d");

        Chromium.openTab(admin, "logboek");
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("participation-row")));
        WebElement participation = byTestId(admin, "participation-row");
        assertThat(participation.findElement(testId("participation-round")).getText())
                .isEqualTo(organisation.roundName());
        assertThat(participation.findElement(testId("participation-completed")).getText())
                .isEqualTo("0 (nog niets vrijgegeven)");
        assertThat(admin.findElements(By.cssSelector("[data-testid='audit-entry'][data-type='ResultsReleased']")))
                .isEmpty();

        // four more of Balie complete the test: five of one team, released at the next look as one batch, named
        WebDriverWait releaseWait = new WebDriverWait(admin, Duration.ofSeconds(30));
        for (int more = 0; more < 4; more++) {
            completeThroughTheApi(organisation.invitationLink(), "Balie");
        }
        releaseWait.until(driver -> {
            if (driver.findElements(By.cssSelector("[data-testid='audit-entry'][data-type='ResultsReleased']"))
                    .isEmpty()) {
                byTestId(driver, "audit-apply").click(); // shows the trail again, fresh from the server
                return false;
            }
            return true;
        });
        WebElement release = admin.findElement(By.cssSelector(
                "[data-testid='audit-entry'][data-type='ResultsReleased']"));
        assertThat(release.getText()).contains("Uitslagen vrijgegeven", "Klantspiegel (automatisch)");
        assertThat(Chromium.details(release)).containsEntry("Vrijgave", "1")
                .containsEntry("Minimale groepsgrootte", "5");
        assertThat(release.findElements(testId("release-batch")).stream().map(WebElement::getText).toList())
                .containsExactly(organisation.roundName() + " · Balie: 5 tests");
        assertThat(byTestId(admin, "participation-row").findElement(testId("participation-completed")).getText())
                .isEqualTo("5");
        List<String> types = admin.findElements(testId("audit-entry")).stream()
                .map(row -> row.getDomAttribute("data-type")).toList();
        assertThat(types).contains("OrganisationRegistered", "MemberAdded", "AccountActivated", "SignedIn",
                "TeamAdded", "RoundOpened", "ResultsReleased");
        WebElement opened = admin.findElements(testId("audit-entry")).stream()
                .filter(row -> "RoundOpened".equals(row.getDomAttribute("data-type"))).findFirst().orElseThrow();
        assertThat(opened.getText()).contains(organisation.roundName(), organisation.adminEmail(), "Ronde geopend");

        // the filter by type shows only that type
        new Select(byTestId(admin, "audit-type")).selectByValue("TeamAdded");
        byTestId(admin, "audit-apply").click();
        adminWait.until(driver -> driver.findElements(testId("audit-entry")).stream()
                .allMatch(row -> "TeamAdded".equals(row.getDomAttribute("data-type"))));
        assertThat(admin.findElements(testId("audit-entry"))).hasSize(2);

        // the dashboard: the release and Balie's five, Klantenservice still nothing
        Chromium.openTab(admin, "dashboard");
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("heatmap")));
        assertThat(text(admin, "release-last")).startsWith("Laatste vrijgave: nr. 1, ");
        assertThat(teamRows(admin)).containsOnly(Map.entry("Klantenservice", TEAM_NOT_SHOWN), Map.entry("Balie", "5"));
        assertThat(text(admin, "section-participation")).contains("aantal medewerkers onbekend",
                "Vul bij Teams per team het aantal medewerkers in");

        // Balie's headcount, entered on its team, gives the response rate on the dashboard
        Chromium.openTab(admin, "teams");
        WebElement balie = adminWait.until(driver -> driver.findElements(testId("team-item")).stream()
                .filter(item -> item.getText().startsWith("Balie")).findFirst().orElse(null));
        WebElement headcount = balie.findElement(By.cssSelector("[data-testid='headcount-input']"));
        headcount.sendKeys("0");
        balie.findElement(By.cssSelector("[data-testid='headcount-save']")).click();
        assertThat(adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("headcount-input-error")))
                .getText()).isEqualTo("Vul een aantal van 1 tot en met 100.000 in, of laat het veld leeg.");
        headcount.clear();
        headcount.sendKeys("10");
        balie.findElement(By.cssSelector("[data-testid='headcount-save']")).click();
        adminWait.until(ExpectedConditions.textToBePresentInElementLocated(testId("page-notice"),
                "Het aantal medewerkers van Balie is opgeslagen."));
        Chromium.openTab(admin, "dashboard");
        WebElement rate = adminWait.until(driver -> driver.findElements(testId("rate-row")).stream()
                .filter(row -> row.getText().startsWith("Balie")).findFirst().orElse(null));
        assertThat(rate.getText()).contains("10", "5", "50 %");

        // closing the round, after confirming; the invitation then says the round is closed, and starts no test
        Chromium.openTab(admin, "rondes");
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("close-round")));
        byTestId(admin, "close-round").click();
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("confirm-dialog")));
        assertThat(focusedTestId(admin)).as("the safe choice has the focus").isEqualTo("confirm-dialog-cancel");
        byTestId(admin, "confirm-dialog-confirm").click();
        adminWait.until(ExpectedConditions.attributeToBe(testId("round-item"), "data-status", "CLOSED"));
        assertThat(text(admin, "round-status")).isEqualTo("Gesloten");
        assertThat(admin.findElements(testId("invitation-link"))).isEmpty();

        // a new respondent (nothing remembered on this device) finds the round closed, and no test
        ((JavascriptExecutor) respondent).executeScript("window.localStorage.clear()");
        respondent.get(organisation.invitationLink());
        respondentWait.until(ExpectedConditions.visibilityOfElementLocated(testId("invitation-closed")));
        assertThat(text(respondent, "invitation-closed")).contains("gesloten");
        assertThat(byTestId(respondent, "test-view").isDisplayed()).isFalse();

        // an unknown invitation says so
        respondent.get(base() + "/?invitation=no-such-invitation");
        respondentWait.until(ExpectedConditions.textToBePresentInElementLocated(testId("page-alert"), "niet gevonden"));
        assertThat(byTestId(respondent, "test-view").isDisplayed()).isFalse();
        assertThat(byTestId(respondent, "invitation").isDisplayed()).isFalse();

        // signing out
        byTestId(admin, "sign-out").click();
        adminWait.until(ExpectedConditions.visibilityOfElementLocated(testId("signin-email")));
        assertThat(text(admin, "page-notice")).contains("afgemeld");
    }

    @Test
    void on_a_phone_sized_screen_the_administration_and_the_invitation_fit_without_horizontal_scrolling() {
        ChromeDriver desktop = openBrowser("setup", 1280, 1000, false);
        Organisation organisation = setUpOrganisationWithRound(desktop);

        ChromeDriver phone = openBrowser("phone", PHONE_WIDTH, 780, true);
        WebDriverWait wait = waitFor(phone);
        phone.get(base() + "/beheer/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("signin-email")));
        assertFitsThePhone(phone);

        // the administrator's session, carried over to the phone
        phone.manage().addCookie(new Cookie("KLANTSPIEGEL_SESSION",
                desktop.manage().getCookieNamed("KLANTSPIEGEL_SESSION").getValue(), "/"));
        phone.get(base() + "/beheer/#/organisatie/" + organisation.id() + "/rondes");
        phone.navigate().refresh();
        // signed in now, the administrator lands on the organisation's dashboard; the rounds are a tab away
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("dashboard")));
        assertFitsThePhone(phone);
        Chromium.openTab(phone, "rondes");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("invitation-link")));
        assertFitsThePhone(phone);
        assertThat(Chromium.accessibilityViolations(phone)).as("axe-core, WCAG 2.2 A and AA: rounds on a phone")
                .isEmpty();
        for (String tab : List.of("teams", "leden", "logboek", "instellingen")) {
            Chromium.openTab(phone, tab);
            wait.until(ExpectedConditions.visibilityOfElementLocated(testId("panel-" + tab)));
            assertFitsThePhone(phone);
            assertThat(Chromium.accessibilityViolations(phone)).as("axe-core, WCAG 2.2 A and AA: " + tab + " on a phone")
                    .isEmpty();
            if (tab.equals("instellingen")) {
                // the bounds of the minimum group size are the domain's, as the API gives them
                WebElement size = byTestId(phone, "minimum-group-size");
                assertThat(List.of(size.getDomAttribute("min"), size.getDomAttribute("max"))).containsExactly("3", "50");
                assertThat(byTestId(phone, "settings").getText()).contains("Van 3 tot en met 50.");
                size.clear();
                size.sendKeys("2");
                byTestId(phone, "save-minimum-group-size").click();
                assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(testId("minimum-group-size-error")))
                        .getText()).isEqualTo("Kies een getal van 3 tot en met 50.");
                size.clear();
                size.sendKeys("7");
                byTestId(phone, "save-minimum-group-size").click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("page-notice"),
                        "De minimale groepsgrootte is nu 7."));
            }
            if (tab.equals("leden")) {
                // the edit button's label is a word, not the source of a function (a text key defined twice)
                assertThat(phone.findElements(testId("change-member"))).allSatisfy(button ->
                        assertThat(button.getText()).isEqualTo("Wijzigen"));
            }
        }

        // the respondent's invitation on a phone
        ChromeDriver respondent = openBrowser("phone-respondent", PHONE_WIDTH, 780, true);
        respondent.get(organisation.invitationLink());
        waitFor(respondent).until(ExpectedConditions.visibilityOfElementLocated(testId("team-option-0")));
        assertFitsThePhone(respondent);
    }

    // ------------------------------------------------------------------ the flow up to an open round

    record Organisation(String id, String name, String adminEmail, String roundName, String invitationLink) {
    }

    /**
     * The operator signs in, registers an organisation and its first administrator and copies the activation link;
     * the administrator activates the account with it, signs in, adds two teams and opens a round for the whole
     * organisation, and copies its invitation link.
     */
    private static WebElement organisationItem(WebDriver browser, String name) {
        return browser.findElements(testId("organisation-item")).stream()
                .filter(item -> item.getText().contains(name)).findFirst().orElseThrow();
    }

    private Organisation setUpOrganisationWithRound(ChromeDriver browser) {
        WebDriverWait wait = waitFor(browser);
        int number = ORGANISATIONS.incrementAndGet();
        String name = "Gemeente Teststad " + number;
        String adminEmail = "beheerder" + number + "@teststad.test";
        String adminPassword = "een wachtwoord als een zin " + number;
        String roundName = "Najaar 2026";

        // the links the server hands out (activation, setup) point at /beheer/: it serves the administration
        assertThat(pageAt("/beheer/")).as("GET /beheer/ (where the server's activation links point)")
                .contains("<title>Klantspiegel beheer</title>");

        // the operator signs in
        browser.get(base() + "/beheer/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("signin-email")));
        signIn(browser, OPERATOR_EMAIL, OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("new-organisation")));
        assertThat(text(browser, "account-email")).isEqualTo(OPERATOR_EMAIL);

        // the projections, refreshing by themselves: every one caught up, its position at the head
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("projection-reports")));
        assertThat(text(browser, "projection-reports")).startsWith("reports").contains("bij");
        String firstUpdate = text(browser, "projections-updated");
        assertThat(firstUpdate).startsWith("Bijgewerkt om ");
        wait.until(driver -> !text(driver, "projections-updated").equals(firstUpdate));

        // a rebuild started from the page, beside the version that answers; the page follows it to the end, and
        // what comes next (a new organisation) is in the rebuilt organisation views
        byTestId(browser, "rebuild-organisation-views").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("rebuild-status"),
                "Herbouw van organisation-views gestart"));
        wait.until(driver -> text(driver, "projection-organisation-views").contains("bij")
                && byTestId(driver, "rebuild-organisation-views").isEnabled());

        // a blank form names what is missing, at the fields
        byTestId(browser, "create-organisation").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("organisation-name-error")));
        assertThat(focusedTestId(browser)).isEqualTo("organisation-name");

        // the organisation and its first administrator; the activation link to hand over
        type(browser, "organisation-name", name);
        type(browser, "admin-email", adminEmail);
        byTestId(browser, "create-organisation").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("activation-link")));
        byTestId(browser, "activation-link-copy").click();
        wait.until(ExpectedConditions.textToBe(testId("activation-link-status"), "Link gekopieerd"));
        String firstLink = byTestId(browser, "activation-link").getDomProperty("value");
        assertThat(firstLink).startsWith(base() + "/beheer/#/activeren/");
        assertThat(text(browser, "activation-panel")).contains(adminEmail);
        WebElement listed = browser.findElements(testId("organisation-item")).stream()
                .filter(item -> item.getText().contains(name)).findFirst().orElseThrow();
        assertThat(listed.findElement(testId("has-admin")).getText()).isEqualTo("Beheerder toegevoegd");

        // the link was lost: the operator opens the organisation's administrators and makes a new one
        byTestId(browser, "activation-done").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("activation-panel")));
        WebElement item = organisationItem(browser, name);
        item.findElement(By.cssSelector("[data-testid='admins-disclosure'] > summary")).click();
        wait.until(driver -> !organisationItem(driver, name).findElements(testId("renew-admin-activation")).isEmpty());
        item = organisationItem(browser, name);
        assertThat(item.findElement(testId("admin-item")).getText()).contains(adminEmail, "Nog niet geactiveerd");
        item.findElement(testId("renew-admin-activation")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("activation-link")));
        String activationLink = byTestId(browser, "activation-link").getDomProperty("value");
        assertThat(activationLink).startsWith(base() + "/beheer/#/activeren/").isNotEqualTo(firstLink);
        assertThat(text(browser, "page-notice")).contains(adminEmail, "Eerdere links werken niet meer");

        // the operator signs out; the administrator opens the activation link
        byTestId(browser, "sign-out").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("signin-email")));
        browser.get(activationLink);
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("activation-password")));
        type(browser, "activation-password", "te kort");
        type(browser, "activation-repeat", "te kort");
        byTestId(browser, "activation-submit").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("activation-password-error")));
        assertThat(text(browser, "activation-password-error")).contains("12");
        type(browser, "activation-password", adminPassword);
        type(browser, "activation-repeat", adminPassword);
        byTestId(browser, "activation-submit").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("signin-email")));
        assertThat(text(browser, "page-notice")).contains("geactiveerd");
        assertThat(browser.getCurrentUrl()).doesNotContain("activeren");

        // the administrator signs in and lands in the organisation
        signIn(browser, adminEmail, adminPassword);
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("tabs")));
        assertThat(text(browser, "organisation-name")).isEqualTo(name);
        assertThat(text(browser, "role")).isEqualTo("Beheerder");
        String organisationId = browser.getCurrentUrl().replaceAll(".*#/organisatie/([^/]+).*", "$1");

        // two teams; the same name twice is refused at the field
        Chromium.openTab(browser, "teams");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("team-name")));
        for (String team : List.of("Klantenservice", "Balie")) {
            type(browser, "team-name", team);
            byTestId(browser, "add-team").click();
            wait.until(driver -> driver.findElements(testId("team-title")).stream()
                    .anyMatch(title -> title.getText().equals(team)));
        }
        type(browser, "team-name", "Balie");
        byTestId(browser, "add-team").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("team-name-error")));
        assertThat(text(browser, "team-name-error")).contains("al een team");
        assertThat(browser.findElements(testId("team-item"))).hasSize(2);

        // a round for the whole organisation, with its invitation link and QR code
        Chromium.openTab(browser, "rondes");
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("round-name")));
        assertThat(text(browser, "rounds-empty")).isNotBlank();
        type(browser, "round-name", roundName);
        byTestId(browser, "open-round").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("invitation-link")));
        assertThat(text(browser, "round-title")).isEqualTo(roundName);
        assertThat(text(browser, "round-status")).isEqualTo("Open");
        byTestId(browser, "invitation-link-copy").click();
        wait.until(ExpectedConditions.textToBe(testId("invitation-link-status"), "Link gekopieerd"));
        String invitationLink = byTestId(browser, "invitation-link").getDomProperty("value");
        assertThat(invitationLink).startsWith(base() + "/?invitation=");
        wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const image = arguments[0]; return image.complete && image.naturalWidth > 0;",
                byTestId(driver, "invitation-qr")));
        return new Organisation(organisationId, name, adminEmail, roundName, invitationLink);
    }

    /** The heatmap's teams: the released count, or the words that stand for nothing released. */
    private static Map<String, String> teamRows(WebDriver browser) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (WebElement row : byTestId(browser, "heatmap")
                .findElements(By.cssSelector("tbody tr[data-group^='team:']"))) {
            String name = row.findElement(By.cssSelector("th")).getText();
            boolean released = "true".equals(row.getDomAttribute("data-released"));
            rows.put(name, released ? row.findElement(By.cssSelector(".heat__count")).getText()
                    : row.findElement(By.cssSelector("td[data-released='false']")).getText());
        }
        return rows;
    }

    /** A respondent who takes the whole test through the invitation's API, in the named team, as the page would. */
    private void completeThroughTheApi(String invitationLink, String teamName) {
        String token = invitationLink.replaceAll(".*[?&]invitation=([^&#]+).*", "$1");
        JsonNode invitation = call("GET", "/api/invitations/" + token, null);
        String team = null;
        for (JsonNode one : invitation.get("teams")) {
            if (teamName.equals(one.get("name").asText())) {
                team = one.get("id").asText();
            }
        }
        assertThat(team).as("team %s in the invitation", teamName).isNotNull();
        String id = call("POST", "/api/invitations/" + token + "/assessments",
                "{\"language\":\"nl\",\"team\":\"" + team + "\"}").get("id").asText();
        for (Map.Entry<Integer, String> answer : TOP_ANSWERS.entrySet()) {
            call("PUT", "/api/assessments/" + id + "/answers/" + answer.getKey(),
                    "{\"option\":\"" + answer.getValue() + "\"}");
        }
        call("POST", "/api/assessments/" + id + "/completion", null);
    }

    private JsonNode call(String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Accept", "application/json");
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signIn(WebDriver browser, String email, String password) {
        type(browser, "signin-email", email);
        type(browser, "signin-password", password);
        byTestId(browser, "signin-submit").click();
    }

    // ------------------------------------------------------------------ browser

    private ChromeDriver openBrowser(String name, int width, int height, boolean phone) {
        return chromium.open(name, width, height, phone);
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        return Chromium.waitFor(browser);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** The page at that path as a browser asks for it (following redirects); its status must be 200. */
    private String pageAt(String path) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("status of GET %s (at last %s)", path, response.uri()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ keyboard

    private static void keys(WebDriver browser, CharSequence... keys) {
        Actions actions = new Actions(browser);
        for (CharSequence key : keys) {
            actions.sendKeys(key);
        }
        actions.perform();
    }

    /** Presses TAB until the element with that test id has the focus, at most `limit` times. */
    private static void tabUntil(WebDriver browser, String testId, int limit) {
        for (int presses = 0; presses < limit; presses++) {
            keys(browser, Keys.TAB);
            if (testId.equals(focusedTestId(browser))) {
                return;
            }
        }
        fail(testId + " not reached with " + limit + " presses of TAB; focus is on " + focusedTestId(browser));
    }

    private static String focusedTestId(WebDriver browser) {
        return browser.switchTo().activeElement().getDomAttribute("data-testid");
    }

    // ------------------------------------------------------------------ page

    private static By testId(String testId) {
        return Chromium.testId(testId);
    }

    private static WebElement byTestId(WebDriver browser, String testId) {
        return Chromium.byTestId(browser, testId);
    }

    private static String text(WebDriver browser, String testId) {
        return byTestId(browser, testId).getText();
    }

    private static void type(WebDriver browser, String testId, String text) {
        WebElement field = byTestId(browser, testId);
        field.clear();
        field.sendKeys(text);
    }

    private static long number(WebDriver browser, String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
    }

    /** One column without horizontal scrolling, and every visible control big enough to tap. */
    private static void assertFitsThePhone(WebDriver browser) {
        // a phone browser zooms out to fit a page that is too wide; the window would then seem wider
        assertThat(number(browser, "return window.innerWidth")).as("window width").isEqualTo(PHONE_WIDTH);
        assertThat(number(browser, "return document.documentElement.scrollWidth"))
                .as("page width (scrollWidth) within the window on %s", browser.getCurrentUrl())
                .isLessThanOrEqualTo(PHONE_WIDTH);
        for (WebElement target : browser.findElements(By.cssSelector(
                "button, .choice, .option, .tabs__link, input.input, select, .resume__link"))) {
            if (target.isDisplayed()) {
                assertThat(target.getRect().getHeight())
                        .as("tap target height of '%s' on %s", target.getText(), browser.getCurrentUrl())
                        .isGreaterThanOrEqualTo(44);
            }
        }
    }
}
