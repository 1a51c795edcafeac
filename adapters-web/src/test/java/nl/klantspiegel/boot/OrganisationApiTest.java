package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Browser;
import nl.klantspiegel.boot.Organisations.Caller;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organisations through HTTP, as the operator, admins, members, scripts, browsers and respondents use them: the
 * whole round from registering an organisation to the release of its results and its audit trail (the real release
 * timer runs every second), every refusal of the organisation's rules, the accounts (activation, sign-in, tokens),
 * CSRF, throttling, and what the database keeps.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "klantspiegel.reports.release-every=PT1S", "klantspiegel.rounds.schedule-every=PT0.3S"})
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class OrganisationApiTest {

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "organisation-test-data");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    Organisations organisations;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        organisations = new Organisations(api);
    }

    private static String email(String who) {
        return who + PEOPLE.incrementAndGet() + "@example.nl";
    }

    @Test
    void an_organisation_runs_a_round_from_registration_to_its_audit_trail() {
        Caller operator = organisations.operator();
        Response registered = operator.post("/api/organisations", Map.of("name", "  Zorggroep   Noord "));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("name").asText()).isEqualTo("Zorggroep Noord");
        assertThat(registered.json().get("minimumGroupSize").asInt()).isEqualTo(5);
        assertThat(List.of(registered.json().get("lowestMinimumGroupSize").asInt(),
                registered.json().get("highestMinimumGroupSize").asInt())).containsExactly(3, 50);
        String organisation = registered.json().get("id").asText();

        String adminEmail = email("Anna.Admin");
        Response admin = operator.post("/api/organisations/" + organisation + "/members",
                Map.of("email", adminEmail.toUpperCase(), "role", "ADMIN"));
        assertThat(admin.status()).isEqualTo(201);
        assertThat(admin.json().get("email").asText()).isEqualTo(adminEmail.toLowerCase());
        assertThat(admin.json().get("active").asBoolean()).isFalse();
        String activationToken = admin.json().get("activationToken").asText();
        assertThat(admin.json().get("activationUrl").asText()).isEqualTo("http://localhost:" + port
                + "/beheer/#/activeren/" + activationToken);
        assertThat(Instant.parse(admin.json().get("activationExpiresAt").asText()))
                .isBetween(Instant.now().plusSeconds(7 * 86_400 - 60), Instant.now().plusSeconds(7 * 86_400 + 60));

        assertProblem(api.post("/api/accounts/activation", Organisations.json(Map.of("activationToken",
                activationToken, "password", "too short"))), 400, "at least 12 characters");
        organisations.activate(activationToken, "a long enough password");
        assertProblem(api.post("/api/accounts/activation", Organisations.json(Map.of("activationToken",
                activationToken, "password", "a long enough password"))), 404, "This activation link");
        Caller anna = organisations.caller(adminEmail, "a long enough password");

        String balie = anna.post("/api/organisations/" + organisation + "/teams", Map.of("name", "Balie"))
                .json().get("id").asText();
        String telefoon = anna.post("/api/organisations/" + organisation + "/teams", Map.of("name", "Telefoon"))
                .json().get("id").asText();
        assertThat(anna.get("/api/organisations/" + organisation + "/teams").json())
                .extracting(team -> team.get("name").asText()).containsExactly("Balie", "Telefoon");

        Response opened = anna.post("/api/organisations/" + organisation + "/rounds",
                Map.of("name", "Najaar 2026", "teams", List.of()));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().get("status").asText()).isEqualTo("OPEN");
        String round = opened.json().get("id").asText();
        String invitation = opened.json().get("invitationToken").asText();
        assertThat(invitation).matches("[A-Za-z0-9_-]{24}");
        assertThat(opened.json().get("invitationUrl").asText()).endsWith("/?invitation=" + invitation);

        // a respondent, without any account
        JsonNode invited = api.get("/api/invitations/" + invitation).json();
        assertThat(invited.get("organisationName").asText()).isEqualTo("Zorggroep Noord");
        assertThat(invited.get("roundName").asText()).isEqualTo("Najaar 2026");
        assertThat(invited.get("open").asBoolean()).isTrue();
        assertThat(invited.get("teams")).extracting(team -> team.get("name").asText())
                .containsExactly("Balie", "Telefoon");
        assertProblem(api.post("/api/invitations/" + invitation + "/assessments", "{\"language\":\"nl\"}"), 400,
                "Choose your team: this round covers 2 teams.");
        // two respondents of each team finish: too few for a team's batch, they wait
        List<String> assessments = new ArrayList<>();
        for (String team : List.of(balie, balie, telefoon, telefoon)) {
            assessments.add(complete(invitation, team));
        }
        Response started = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("language", "en", "team", telefoon)));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().get("language").asText()).isEqualTo("en");
        String assessment = started.json().get("id").asText();
        assessments.add(assessment);
        JsonNode startEvent = api.get("/api/assessments/" + assessment + "/history").json().get(0).get("data");
        assertThat(startEvent.get("participation").toString()).isEqualTo("{\"organisationId\":\"" + organisation
                + "\",\"roundId\":\"" + round + "\",\"teamId\":\"" + telefoon + "\"}");
        for (int question = 1; question <= 5; question++) {
            api.answer(assessment, question, "b");
        }

        // the round closes; the respondent who started may still finish, nobody may start
        Response closed = anna.post("/api/organisations/" + organisation + "/rounds/" + round + "/closure", null);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertProblem(api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", balie))), 409, "Round 'Najaar 2026' is closed");
        assertThat(api.get("/api/invitations/" + invitation).json().get("open").asBoolean()).isFalse();
        assertThat(api.answer(assessment, 6, "c").status()).isEqualTo(200);
        assertThat(api.post("/api/assessments/" + assessment + "/completion", null).status()).isEqualTo(200);
        assertProblem(anna.post("/api/organisations/" + organisation + "/rounds/" + round + "/closure", null), 409,
                "is closed already");

        // the round is closed: what stays behind of its teams, two and three, is released as one pooled batch
        String auditPath = "/api/organisations/" + organisation + "/audit?size=100";
        // the release is counted by the reports and entered in the trail by two projections: wait for both
        JsonNode audit = Await.until("the closed round's rest released", () -> anna.get(auditPath).json(),
                page -> page.get("participation").get(0).get("completed").asInt() == 5
                        && types(page).contains("ResultsReleased"));

        // the audit trail: the organisation's events with who did them, sign-ins and tokens, the product's releases,
        // respondents only as released counts
        assertThat(audit.get("upToDate").asBoolean()).as("the trail holds every change before the read").isTrue();
        List<String> types = new ArrayList<>();
        audit.get("entries").forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).containsSubsequence("ResultsReleased", "RoundClosed", "RoundOpened", "TeamAdded",
                "TeamAdded", "ApiTokenCreated", "SignedIn", "AccountActivated", "MemberAdded",
                "OrganisationRegistered");
        assertThat(types).containsOnlyOnce("ResultsReleased");
        JsonNode released = entry(audit, "ResultsReleased");
        assertThat(released.get("actorKind").asText()).isEqualTo("SYSTEM");
        assertThat(released.get("actorId").asText()).isEqualTo("releases");
        assertThat(released.path("actorEmail").isMissingNode() || released.get("actorEmail").isNull())
                .as("no person made it").isTrue();
        assertThat(released.get("details").get("release").asText()).isEqualTo("1");
        assertThat(released.get("details").get("minimumGroupSize").asText()).isEqualTo("5");
        assertThat(released.get("details").get("completed").asText()).isEqualTo(round + "/pooled:5");
        Instant cutoff = Instant.parse(released.get("details").get("cutoff").asText());
        assertThat(cutoff.toEpochMilli() % 1000).as("a whole second: releases are made every second here").isZero();
        assertThat(cutoff).isAfter(Instant.parse(entry(audit, "RoundClosed").get("at").asText()));
        assertThat(Instant.parse(released.get("at").asText())).isAfterOrEqualTo(cutoff);
        JsonNode roundClosed = entry(audit, "RoundClosed");
        assertThat(roundClosed.get("actorEmail").asText()).isEqualTo(adminEmail.toLowerCase());
        assertThat(roundClosed.get("details").get("roundName").asText()).isEqualTo("Najaar 2026");
        JsonNode registeredEntry = audit.get("entries").get(audit.get("entries").size() - 1);
        assertThat(registeredEntry.get("number").asLong()).isEqualTo(1);
        assertThat(registeredEntry.get("actorKind").asText()).isEqualTo("OPERATOR");
        assertThat(audit.get("totalEntries").asLong()).isEqualTo(audit.get("entries").size());
        assertThat(audit.has("activity")).as("no day counts any more").isFalse();
        assertThat(audit.get("participation").toString()).isEqualTo("[{\"roundId\":\"" + round
                + "\",\"roundName\":\"Najaar 2026\",\"completed\":5}]");
        assertThat(audit.get("types").toString()).contains("\"ResultsReleased\"");
        assertThat(audit.toString()).doesNotContain(invitation).doesNotContain("\"started\"");
        for (String id : assessments) {
            assertThat(audit.toString()).doesNotContain(id);
        }

        // filtered, and as CSV for a spreadsheet
        JsonNode teamsOnly = anna.get("/api/organisations/" + organisation + "/audit?type=TeamAdded").json();
        assertThat(teamsOnly.get("entries")).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.get("type").asText()).isEqualTo("TeamAdded"));
        Response csv = api.send(HttpRequest.newBuilder(api.uri("/api/organisations/" + organisation + "/audit"))
                .header("Authorization", "Bearer " + anna.token()).header("Accept", "text/csv").GET());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.body()).startsWith("number,at,type,actorKind,actorId,actorEmail,details,hash\r\n")
                .contains(",RoundClosed,MEMBER,").contains(",ResultsReleased,SYSTEM,releases,");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).as("named for the organisation")
                .startsWith("attachment; filename=\"klantspiegel-zorggroep-noord-audit-20").contains(".csv\"");
        JsonNode releasesOnly = anna.get("/api/organisations/" + organisation + "/audit?type=ResultsReleased").json();
        assertThat(releasesOnly.get("entries")).hasSize(1);
    }

    @Test
    void headcounts_give_response_rates_from_released_figures_and_a_team_lead_reminds_their_team() {
        Admin admin = organisations.organisationWithAdmin("Respons " + UUID.randomUUID(), email("respons"));
        Caller anna = admin.caller();
        String sales = anna.post(admin.path("/teams"), Map.of("name", "Verkoop")).json().get("id").asText();
        String service = anna.post(admin.path("/teams"), Map.of("name", "Service")).json().get("id").asText();
        Caller lead = organisations.member(admin, email("lead"), "TEAM_LEAD", List.of(sales));

        JsonNode set = anna.put(admin.path("/teams/" + sales + "/headcount"), Map.of("headcount", 8)).json();
        assertThat(set.get("headcount").asInt()).isEqualTo(8);
        assertProblem(anna.put(admin.path("/teams/" + service + "/headcount"), Map.of("headcount", 0)), 400,
                "A team has 1 to 100000 people.");
        assertProblem(lead.put(admin.path("/teams/" + sales + "/headcount"), Map.of("headcount", 9)), 403,
                "Only an admin of the organisation may do this.");
        assertThat(lead.get(admin.path("/teams")).json().get(0).get("headcount").asInt()).isEqualTo(8);

        JsonNode round = anna.post(admin.path("/rounds"), Map.of("name", "Winter", "teams", List.of())).json();
        String roundId = round.get("id").asText();
        String invitation = round.get("invitationToken").asText();
        for (int i = 0; i < 5; i++) {
            complete(invitation, sales);
        }
        complete(invitation, service);
        JsonNode rates = Await.until("the sales team's batch released", () -> anna.get(admin.path(
                "/reports/rounds/" + roundId + "/participation")).json(),
                answer -> answer.get("teams").get(0).get("completed").asInt() == 5);
        assertThat(rates.get("round").get("status").asText()).isEqualTo("OPEN");
        JsonNode salesRate = rates.get("teams").get(0);
        assertThat(salesRate.get("label").asText()).isEqualTo("Verkoop");
        assertThat(salesRate.get("headcount").asInt()).isEqualTo(8);
        assertThat(salesRate.get("ratePercent").asInt()).isEqualTo(63); // 5 of 8
        JsonNode serviceRate = rates.get("teams").get(1);
        assertThat(serviceRate.get("completed").asInt()).as("one completion: not released, not counted").isZero();
        assertThat(serviceRate.get("headcount").isNull()).isTrue();
        assertThat(serviceRate.get("ratePercent").isNull()).isTrue();
        assertThat(rates.get("organisation").get("headcount").isNull()).as("not every team has one").isTrue();
        assertThat(lead.get(admin.path("/reports/rounds/" + roundId + "/participation")).json().get("teams"))
                .extracting(team -> team.get("teamId").asText()).containsExactly(sales);

        // the team lead hands out the invitation of their team's round, with their team chosen in advance
        JsonNode leadsRound = lead.get(admin.path("/rounds")).json().get(0);
        assertThat(leadsRound.get("invitationUrl").asText()).endsWith("/?invitation=" + invitation);
        Response qr = lead.get(admin.path("/rounds/" + roundId + "/invitation.svg?team=" + sales));
        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.body()).startsWith("<svg");
        assertThat(qr.body()).isNotEqualTo(lead.get(admin.path("/rounds/" + roundId + "/invitation.svg")).body());
        assertProblem(lead.get(admin.path("/rounds/" + roundId + "/invitation.svg?team=" + service)), 400,
                "'team' must be a team that takes part in the round.");

        JsonNode audit = anna.get(admin.path("/audit?type=TeamHeadcountSet")).json();
        assertThat(audit.get("entries")).hasSize(1);
        assertThat(audit.get("entries").get(0).get("details").get("headcount").asText()).isEqualTo("8");
    }

    @Test
    void a_round_opened_for_later_begins_and_closes_itself_on_record() {
        Admin admin = organisations.organisationWithAdmin("Gepland " + UUID.randomUUID(), email("gepland"));
        Caller anna = admin.caller();
        String team = anna.post(admin.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
        java.time.Instant opens = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusSeconds(4);
        java.time.Instant closes = opens.plusSeconds(3);

        Response scheduled = anna.post(admin.path("/rounds"), Map.of("name", "Straks", "teams", List.of(),
                "opensAt", opens.toString(), "closesAt", closes.toString()));
        assertThat(scheduled.status()).isEqualTo(201);
        assertThat(scheduled.json().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.json().get("opensAt").asText()).isEqualTo(opens.toString());
        String invitation = scheduled.json().get("invitationToken").asText();
        JsonNode invited = api.get("/api/invitations/" + invitation).json();
        assertThat(invited.get("open").asBoolean()).isFalse();
        assertThat(invited.get("opensAt").asText()).isEqualTo(opens.toString());
        assertProblem(api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team))), 409, "opens at");
        assertProblem(anna.post(admin.path("/rounds"), Map.of("name", "Verkeerd", "opensAt", opens.toString(),
                "closesAt", opens.toString())), 400, "A round's closing time must lie after the moment it opens.");

        Await.until("the round has begun", () -> api.get("/api/invitations/" + invitation).json(),
                answer -> answer.get("open").asBoolean());
        complete(invitation, team);
        JsonNode audit = Await.until("the product closed the round on record", () -> anna.get(admin.path(
                "/audit?size=50")).json(), page -> types(page).contains("RoundClosed"));
        JsonNode started = entry(audit, "RoundStarted");
        assertThat(started.get("actorKind").asText()).isEqualTo("SYSTEM");
        assertThat(started.get("at").asText()).isEqualTo(opens.toString());
        JsonNode closed = entry(audit, "RoundClosed");
        assertThat(closed.get("actorKind").asText()).isEqualTo("SYSTEM");
        assertThat(closed.get("at").asText()).isEqualTo(closes.toString());
        assertThat(types(audit).stream().filter("RoundClosed"::equals).count()).as("once").isEqualTo(1);
        assertThat(entry(audit, "RoundOpened").get("details").get("opensAt").asText()).isEqualTo(opens.toString());
        assertThat(anna.get(admin.path("/rounds")).json().get(0).get("status").asText()).isEqualTo("CLOSED");
    }

    private static List<String> types(JsonNode audit) {
        List<String> types = new ArrayList<>();
        audit.get("entries").forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    @Test
    void a_refused_organisation_name_writes_at_most_one_short_line(
            org.springframework.boot.test.system.CapturedOutput output) {
        Caller operator = organisations.operator();
        int before = output.length();

        assertProblem(operator.post("/api/organisations", Map.of("name", "")), 400,
                "An organisation needs a name of 1 to 100 characters, without control or invisible characters.");

        String logged = output.toString().substring(before);
        assertThat(logged.lines().toList()).as("logged for one refused request:%n%s", logged).hasSizeLessThanOrEqualTo(1);
        assertThat(logged).doesNotContain("\tat ").hasSizeLessThan(400);
    }

    /** A respondent who answers every question and finishes; the assessment's id. */
    private String complete(String invitation, String team) {
        Response started = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team)));
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, "a").status()).isEqualTo(200);
        }
        assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
        return id;
    }

    private static JsonNode entry(JsonNode audit, String type) {
        for (JsonNode entry : audit.get("entries")) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + audit);
    }

    @Test
    void the_audit_trail_is_numbered_without_gaps_and_chained() {
        Admin admin = organisations.organisationWithAdmin("Keten", email("keten"));
        admin.caller().post(admin.path("/teams"), Map.of("name", "Eén"));
        admin.caller().post(admin.path("/teams"), Map.of("name", "Twee"));

        JsonNode entries = admin.caller().get(admin.path("/audit")).json().get("entries");
        List<Long> numbers = new ArrayList<>();
        entries.forEach(entry -> numbers.add(entry.get("number").asLong()));
        List<Long> expected = new ArrayList<>();
        for (long n = numbers.size(); n >= 1; n--) {
            expected.add(n);
        }
        assertThat(numbers).isEqualTo(expected);
        List<String> hashes = new ArrayList<>();
        entries.forEach(entry -> hashes.add(entry.get("hash").asText()));
        assertThat(hashes).doesNotHaveDuplicates().allMatch(hash -> hash.matches("[0-9a-f]{64}"));
        JsonNode page = admin.caller().get(admin.path("/audit?size=2&page=1")).json();
        assertThat(page.get("entries").get(0).get("number").asLong()).isEqualTo(numbers.size() - 2);
        assertThat(page.get("hasMore").asBoolean()).isEqualTo(numbers.size() > 4);
    }

    @Test
    void a_time_filter_that_is_no_instant_is_refused_as_the_other_endpoints_refuse_it() {
        Admin admin = organisations.organisationWithAdmin("Tijdfilter " + UUID.randomUUID(),
                "tijd" + UUID.randomUUID() + "@example.nl");

        assertProblem(admin.caller().get(admin.path("/audit?from=yesterday")), 400, "from is an ISO-8601 instant");
        assertProblem(admin.caller().get(admin.path("/audit?to=2026-13-01")), 400, "to is an ISO-8601 instant");
        assertThat(admin.caller().get(admin.path("/audit?from=2026-01-01T00:00:00Z&type=")).status()).isEqualTo(200);
    }

    @Nested
    class TheOrganisationsRules {

        Admin admin;

        @BeforeEach
        void organisation() {
            admin = organisations.organisationWithAdmin("Regels " + UUID.randomUUID(), email("regels"));
        }

        @Test
        void a_duplicate_team_name_is_refused() {
            admin.caller().post(admin.path("/teams"), Map.of("name", "Binnendienst"));
            Response duplicate = admin.caller().post(admin.path("/teams"), Map.of("name", "binnendienst"));
            assertProblem(duplicate, 409, "has a team named 'binnendienst' already");
            assertThat(duplicate.json().get("rule").asText()).isEqualTo("DUPLICATE_TEAM_NAME");
        }

        @Test
        void a_round_for_a_retired_team_or_a_team_of_another_organisation_is_refused() {
            String team = admin.caller().post(admin.path("/teams"), Map.of("name", "Oud")).json().get("id").asText();
            admin.caller().post(admin.path("/teams/" + team + "/retirement"), null);
            assertProblem(admin.caller().post(admin.path("/rounds"), Map.of("name", "R", "teams", List.of(team))),
                    409, "Team 'Oud' is retired.");

            Admin other = organisations.organisationWithAdmin("Ander " + UUID.randomUUID(), email("ander"));
            String foreign = other.caller().post(other.path("/teams"), Map.of("name", "Elders")).json().get("id").asText();
            assertProblem(admin.caller().post(admin.path("/rounds"), Map.of("name", "R", "teams", List.of(foreign))),
                    400, "There is no team " + foreign + " in this organisation.");
        }

        @Test
        void the_last_admin_cannot_be_removed_or_demoted() {
            assertProblem(admin.caller().delete(admin.path("/members/" + admin.memberId())), 409,
                    "This is the organisation's last admin");
            assertProblem(admin.caller().put(admin.path("/members/" + admin.memberId()),
                    Map.of("role", "ANALYST", "teams", List.of())), 409, "last admin");
        }

        @Test
        void a_team_lead_needs_teams_and_only_a_team_lead_has_teams() {
            assertProblem(admin.caller().post(admin.path("/members"), Map.of("email", email("lead"), "role",
                    "TEAM_LEAD", "teams", List.of())), 400, "A team lead leads at least one team.");
            String team = admin.caller().post(admin.path("/teams"), Map.of("name", "T")).json().get("id").asText();
            assertProblem(admin.caller().post(admin.path("/members"), Map.of("email", email("analyst"), "role",
                    "ANALYST", "teams", List.of(team))), 400, "Only a team lead is given teams");
            assertProblem(admin.caller().post(admin.path("/members"), Map.of("email", email("x"), "role",
                    "BOSS")), 400, "Role 'BOSS' does not exist");
            assertProblem(admin.caller().post(admin.path("/members"), Map.of("email", "not an address", "role",
                    "ANALYST")), 400, "'not an address' is not an e-mail address.");
        }

        @Test
        void the_operator_adds_the_first_admin_only() {
            Caller operator = organisations.operator();
            assertProblem(operator.post(admin.path("/members"), Map.of("email", email("second"), "role", "ADMIN")),
                    403, "The operator adds an organisation's first admin only");
            assertProblem(operator.post(admin.path("/teams"), Map.of("name", "X")), 403,
                    "The operator adds an organisation's first admin; the admins manage it.");
        }

        @Test
        void the_operator_sees_the_admins_and_renews_a_link_for_an_admin_only() {
            Caller operator = organisations.operator();
            String analystEmail = email("analist");
            JsonNode analyst = admin.caller().post(admin.path("/members"), Map.of("email", analystEmail, "role",
                    "ANALYST")).json();
            JsonNode secondAdmin = admin.caller().post(admin.path("/members"), Map.of("email", email("beheer2"),
                    "role", "ADMIN")).json();
            String firstLink = secondAdmin.get("activationUrl").asText();

            JsonNode seen = operator.get(admin.path("/members")).json();
            assertThat(seen).extracting(member -> member.get("role").asText()).containsOnly("ADMIN").hasSize(2);
            assertThat(seen.toString()).doesNotContain(analystEmail);

            Response renewed = operator.post(admin.path("/members/" + secondAdmin.get("id").asText()
                    + "/activation"), null);
            assertThat(renewed.status()).isEqualTo(200);
            assertThat(renewed.json().get("activationUrl").asText()).contains("/beheer/#/activeren/")
                    .isNotEqualTo(firstLink);
            assertProblem(operator.post(admin.path("/members/" + analyst.get("id").asText() + "/activation"), null),
                    403, "The operator renews an admin's activation link only");
        }

        @Test
        void a_member_refused_by_the_rules_leaves_no_account_behind() {
            String address = email("geweigerd");
            assertProblem(admin.caller().post(admin.path("/members"), Map.of("email", address, "role",
                    "TEAM_LEAD", "teams", List.of())), 400, "A team lead leads at least one team.");

            JsonNode added = admin.caller().post(admin.path("/members"), Map.of("email", address, "role",
                    "ANALYST")).json();
            String link = added.get("activationUrl").asText();
            assertProblem(admin.caller().post(admin.path("/members"), Map.of("email", address, "role", "ADMIN")),
                    409, "member of the organisation already");
            Response activated = api.post("/api/accounts/activation", Organisations.json(Map.of("activationToken",
                    link.substring(link.lastIndexOf('/') + 1), "password", "the first link still works")));
            assertThat(activated.status()).as(activated.body()).isEqualTo(204);
        }

        @Test
        void a_closing_time_must_lie_ahead_and_the_minimum_group_size_is_kept() {
            admin.caller().post(admin.path("/teams"), Map.of("name", "T"));
            assertProblem(admin.caller().post(admin.path("/rounds"), Map.of("name", "R", "closesAt",
                    Instant.now().minusSeconds(60).toString())), 400, "A round's closing time must lie ahead.");
            assertThat(admin.caller().put(admin.path("/minimum-group-size"), Map.of("minimumGroupSize", 7))
                    .json().get("minimumGroupSize").asInt()).isEqualTo(7);
            assertProblem(admin.caller().put(admin.path("/minimum-group-size"), Map.of("minimumGroupSize", 2)), 400,
                    "at least 3");
            admin.caller().post(admin.path("/rounds"), Map.of("name", "R"));
            assertProblem(admin.caller().put(admin.path("/minimum-group-size"), Map.of("minimumGroupSize", 5)), 409,
                    "can no longer be lowered");
        }

        @Test
        void a_team_lead_sees_their_own_teams_and_manages_nothing() {
            String mine = admin.caller().post(admin.path("/teams"), Map.of("name", "Mijn team")).json().get("id").asText();
            admin.caller().post(admin.path("/teams"), Map.of("name", "Ander team"));
            Caller lead = organisations.member(admin, email("teamlead"), "TEAM_LEAD", List.of(mine));

            assertThat(lead.get(admin.path("/teams")).json()).extracting(team -> team.get("name").asText())
                    .containsExactly("Mijn team");
            assertProblem(lead.post(admin.path("/teams"), Map.of("name", "X")), 403,
                    "Only an admin of the organisation may do this.");
            assertProblem(lead.get(admin.path("/members")), 403, "Only an admin");
            assertProblem(lead.get(admin.path("/audit")), 403, "Only an admin of the organisation reads its audit");
        }
    }

    @Nested
    class Accounts {

        @Test
        void a_wrong_password_and_an_unknown_account_get_the_same_answer_then_both_are_throttled() {
            Admin admin = organisations.organisationWithAdmin("Gooi " + UUID.randomUUID(), email("gooi"));
            String known = admin.caller().get("/api/me").json().get("email").asText();
            Response wrong = organisations.token(known, "not the password at all");
            Response unknown = organisations.token(email("nobody"), "not the password at all");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(wrong.body()).isEqualTo(unknown.body());
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Klantspiegel\"");

            // five failures of this account, then a wait that doubles
            for (int i = 0; i < 4; i++) {
                organisations.token(known, "still not the password");
            }
            Response throttled = organisations.token(known, "still not the password");
            assertProblem(throttled, 429, "There were too many failed tries");
            assertThat(throttled.retryAfter()).isPresent();
        }

        @Test
        void basic_authentication_is_refused_everywhere_but_the_token_endpoint() {
            Response refused = api.send(HttpRequest.newBuilder(api.uri("/api/organisations"))
                    .header("Authorization", Organisations.basic(Organisations.OPERATOR_EMAIL,
                            Organisations.OPERATOR_PASSWORD)).GET());
            assertProblem(refused, 401, "a password is accepted only by POST /api/tokens");
            assertProblem(api.get("/api/organisations"), 401, "Sign in first");
            assertProblem(api.send(HttpRequest.newBuilder(api.uri("/api/organisations"))
                    .header("Authorization", "Bearer not-a-valid-token-at-all").GET()), 401, "not valid");
        }

        @Test
        void a_revoked_token_works_no_more() {
            Caller operator = organisations.operator();
            JsonNode tokens = operator.get("/api/me/tokens").json();
            assertThat(tokens).isNotEmpty();
            String newest = tokens.get(0).get("id").asText();
            assertThat(tokens.toString()).doesNotContain(operator.token());
            assertThat(operator.delete("/api/me/tokens/" + newest).status()).isEqualTo(204);
            assertProblem(operator.get("/api/organisations"), 401, "not valid");
        }

        @Test
        void the_browser_signs_in_with_a_session_and_every_change_needs_the_csrf_token() {
            Admin admin = organisations.organisationWithAdmin("Sessie " + UUID.randomUUID(), email("sessie"));
            String adminEmail = admin.caller().get("/api/me").json().get("email").asText();
            Browser browser = new Browser(port);

            assertThat(browser.get("/api/session").json().get("signedIn").asBoolean()).isFalse();
            assertThat(browser.csrf()).isNotBlank();
            assertProblem(browser.sendWithoutCsrf("POST", "/api/session", Map.of("email", adminEmail, "password",
                    "admin password " + adminEmail)), 403, "needs the CSRF token");
            Response signedIn = browser.signIn(adminEmail, "admin password " + adminEmail);
            assertThat(signedIn.status()).isEqualTo(200);
            assertThat(signedIn.json().get("account").get("organisations").get(0).get("role").asText())
                    .isEqualTo("ADMIN");
            assertThat(signedIn.json().get("account").get("organisations").get(0).get("may").toString())
                    .as("what the domain lets an admin do, for the web client")
                    .isEqualTo("{\"manage\":true,\"seeAllReports\":true,\"export\":true,\"readAuditTrail\":true}");
            String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith("KLANTSPIEGEL_SESSION=")).findFirst().orElseThrow();
            assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax");

            assertThat(browser.get(admin.path("/teams")).status()).isEqualTo(200);
            assertProblem(browser.sendWithoutCsrf("POST", admin.path("/teams"), Map.of("name", "Vervalst")), 403,
                    "needs the CSRF token");
            assertThat(browser.send("POST", admin.path("/teams"), Map.of("name", "Echt")).status()).isEqualTo(201);
            assertThat(browser.get(admin.path("/teams")).json()).extracting(team -> team.get("name").asText())
                    .containsExactly("Echt");

            assertThat(browser.send("POST", "/api/session/sign-out", null).status()).isEqualTo(204);
            assertProblem(browser.get(admin.path("/teams")), 401, "Sign in first");
        }

        @Test
        void a_scripts_token_needs_no_csrf_token_and_makes_no_session() {
            Admin admin = organisations.organisationWithAdmin("Script " + UUID.randomUUID(), email("script"));
            Response created = admin.caller().post(admin.path("/teams"), Map.of("name", "Van een script"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.headers().allValues("Set-Cookie")).noneMatch(cookie ->
                    cookie.startsWith("KLANTSPIEGEL_SESSION"));
        }
    }

    /**
     * Passwords and the tokens that let someone act as a person (activation links, API tokens) are kept as hashes.
     * (A round's invitation token is no such secret: it is handed to everyone the round is for, and its admins can
     * show it again.)
     */
    @Test
    void the_database_holds_no_password_and_no_token_in_clear() {
        String password = "a password nobody may read back";
        Caller operator = organisations.operator();
        String organisation = operator.post("/api/organisations", Map.of("name", "Geheim")).json().get("id").asText();
        String adminEmail = email("geheim");
        String activation = operator.post("/api/organisations/" + organisation + "/members",
                Map.of("email", adminEmail, "role", "ADMIN")).json().get("activationToken").asText();
        organisations.activate(activation, password);
        Caller admin = organisations.caller(adminEmail, password);
        assertThat(admin.post("/api/organisations/" + organisation + "/teams", Map.of("name", "T")).status())
                .isEqualTo(201);

        List<String> secrets = List.of(password, activation, admin.token(), Organisations.OPERATOR_PASSWORD,
                operator.token());
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.findAll(Document.class, collection)) {
                String stored = document.toJson();
                for (String secret : secrets) {
                    assertThat(stored).as("%s holds a secret in clear", collection).doesNotContain(secret);
                }
            }
        }
        Document account = mongo.findAll(Document.class, "accounts").stream()
                .filter(document -> adminEmail.equals(document.getString("email"))).findFirst().orElseThrow();
        assertThat(account.getString("passwordHash")).startsWith("{bcrypt}$2a$10$");
    }

    @Test
    void an_unknown_or_malformed_invitation_is_not_found() {
        assertProblem(api.get("/api/invitations/" + "A".repeat(24)), 404, "This invitation was not found.");
        assertProblem(api.get("/api/invitations/not.a-token"), 404, "This invitation was not found.");
        assertProblem(api.post("/api/invitations/short/assessments", "{}"), 404, "This invitation was not found.");
    }
}
