package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports over HTTP, for each role, on released results, with the real release timer running every second. One
 * round, answered through the invitation link: Balie five times all c, Telefoon five times all a and, after those
 * were released, five times more, Klein twice all b (below the minimum of five: never released while the round is
 * open), and one Balie respondent who never finishes. A second organisation shows the rest of a closed round pooled.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "klantspiegel.reports.release-every=PT1S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest {

    /** What a group shows: no suppression, reason, median, minimum, maximum, started count or completion rate. */
    static final List<String> GROUP_FIELDS = List.of("key", "teamId", "label", "n", "mean", "ci95", "bands",
            "columns", "questions");
    /** Columns no report's CSV may have any more. */
    static final List<String> GONE = List.of("suppressed", "reason", "median", "min", "max", "started",
            "completion_rate", "completionRate");

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "report-test-data");
    }

    @LocalServerPort
    int port;

    ApiClient api;
    Organisations organisations;
    Admin admin;
    Caller teamLead;
    Caller analyst;
    String balie;
    String telefoon;
    String klein;
    String round;
    String secondRound;
    /** After the round opened, before anything was completed. */
    Instant beforeAnyRelease;
    /** After the first five of Balie and of Telefoon were released, before Telefoon's second five were completed. */
    Instant afterFirstBatches;
    JsonNode reportAfterFirstBatches;

    @BeforeAll
    void anOrganisationWithOneAnsweredRound() {
        api = new ApiClient(port);
        organisations = new Organisations(api);
        admin = organisations.organisationWithAdmin("Rapport " + UUID.randomUUID(),
                "rapport" + UUID.randomUUID() + "@example.nl");
        balie = team(admin, "Balie");
        telefoon = team(admin, "Telefoon");
        klein = team(admin, "Klein");
        teamLead = organisations.member(admin, "lead" + UUID.randomUUID() + "@example.nl", "TEAM_LEAD",
                List.of(balie));
        analyst = organisations.member(admin, "analyst" + UUID.randomUUID() + "@example.nl", "ANALYST", List.of());
        JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
        round = opened.get("id").asText();
        String invitation = opened.get("invitationToken").asText();
        beforeAnyRelease = Instant.now();
        // teams of exactly the minimum are released whole, whenever the timer looks: one batch each
        for (int i = 0; i < 5; i++) {
            respond(invitation, balie, "cccccc", true);
            respond(invitation, telefoon, "aaaaaa", true);
        }
        for (int i = 0; i < 2; i++) {
            respond(invitation, klein, "bbbbbb", true);
        }
        respond(invitation, balie, "cccccc", false); // started, never completed
        reportAfterFirstBatches = Await.until("Balie's and Telefoon's first batches released",
                () -> admin.caller().get(admin.path("/reports/rounds/" + round)).json(),
                report -> report.get("organisation").get("n").asInt() == 10);
        afterFirstBatches = Instant.now();
        for (int i = 0; i < 5; i++) {
            respond(invitation, telefoon, "aaaaaa", true);
        }
        Await.until("Telefoon's second batch released",
                () -> admin.caller().get(admin.path("/reports/rounds/" + round)).json(),
                report -> report.get("organisation").get("n").asInt() == 15);
        secondRound = admin.caller().post(admin.path("/rounds"), Map.of("name", "Najaar")).json().get("id").asText();
    }

    private String team(Admin owner, String name) {
        return owner.caller().post(owner.path("/teams"), Map.of("name", name)).json().get("id").asText();
    }

    private void respond(String invitation, String team, String answers, boolean complete) {
        Response started = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team)));
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, String.valueOf(answers.charAt(question - 1))).status())
                    .isEqualTo(200);
        }
        if (complete) {
            assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
        }
    }

    @Test
    void the_admin_sees_the_released_teams_and_the_small_team_with_nothing() {
        Instant asked = Instant.now();
        JsonNode report = admin.caller().get(admin.path("/reports/rounds/" + round)).json();

        // all c: 5+1+3+1+5+5 = 20; all a: 1+3+5+3+3+1 = 16; all b: 3+5+1+5+1+3 = 18 (the score table)
        JsonNode whole = report.get("organisation");
        assertThat(whole.fieldNames()).toIterable().containsExactlyElementsOf(GROUP_FIELDS);
        assertThat(whole.get("key").asText()).isEqualTo("organisation");
        assertThat(whole.get("n").asInt()).as("Balie 5 and Telefoon 10; not Klein's 2, not who never finished")
                .isEqualTo(15);
        assertThat(whole.get("mean").asDouble()).isEqualTo(17.33); // (5*20 + 10*16) / 15 = 260 / 15
        assertThat(whole.get("bands").get("AVERAGE").get("count").asInt()).isEqualTo(15);
        assertThat(whole.get("bands").get("AVERAGE").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(whole.get("questions").get(0).get("meanPoints").asDouble()).isEqualTo(2.33); // (5*5 + 10*1) / 15
        assertThat(whole.get("questions").get(0).get("options").get("c").get("count").asInt()).isEqualTo(5);
        assertThat(whole.get("questions").get(0).get("options").get("a").get("count").asInt()).isEqualTo(10);
        assertThat(whole.get("questions").get(0).get("options").get("b").get("count").asInt()).isZero();
        assertThat(whole.get("columns").get("a").asDouble()).isEqualTo(10.67); // Telefoon's 16 each, Balie none
        assertThat(whole.get("provenance")).isNull();

        JsonNode provenance = report.get("provenance");
        assertThat(provenance.fieldNames()).toIterable().containsExactly("instrumentVersion", "release",
                "minimumGroupSize", "timeZone", "nextCheck", "releasesEvery");
        assertThat(provenance.get("minimumGroupSize").asInt()).isEqualTo(5);
        assertThat(provenance.get("instrumentVersion").asInt()).isEqualTo(1);
        assertThat(provenance.get("timeZone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(provenance.get("release").get("number").asLong()).as("the first batches, then Telefoon's second")
                .isGreaterThanOrEqualTo(2);
        assertThat(Instant.parse(provenance.get("release").get("at").asText())).isAfter(afterFirstBatches)
                .isBeforeOrEqualTo(asked);
        Instant nextCheck = Instant.parse(provenance.get("nextCheck").asText());
        assertThat(nextCheck).as("the next whole second: releases are made every second here")
                .isAfter(asked.minusMillis(1)).isBeforeOrEqualTo(asked.plusSeconds(2));
        assertThat(nextCheck.toEpochMilli() % 1000).isZero();

        Map<String, JsonNode> teams = byTeam(report.get("teams"));
        assertThat(teams.keySet()).containsExactly(balie, telefoon, klein);
        JsonNode small = teams.get(klein);
        assertThat(small.fieldNames()).toIterable().containsExactlyElementsOf(GROUP_FIELDS);
        assertThat(small.get("n").asInt()).as("two are waiting for their batch").isZero();
        assertThat(small.get("mean").isNull()).isTrue();
        assertThat(small.get("ci95").isNull()).isTrue();
        assertThat(small.get("bands").isNull()).isTrue();
        assertThat(small.get("columns").isNull()).isTrue();
        assertThat(small.get("questions")).isEmpty();
        assertThat(small.get("label").asText()).isEqualTo("Klein");
        // nothing hidden beside the small team: the others are whole batches of their own
        assertThat(teams.get(balie).get("n").asInt()).isEqualTo(5);
        assertThat(teams.get(balie).get("mean").asDouble()).isEqualTo(20.0);
        assertThat(teams.get(telefoon).get("n").asInt()).isEqualTo(10);
        assertThat(teams.get(telefoon).get("mean").asDouble()).isEqualTo(16.0);
        assertThat(teams.get(telefoon).get("ci95").isNull()).as("all ten alike: a zero-width interval").isFalse();
        assertThat(teams.get(telefoon).get("ci95").get("low").asDouble()).isEqualTo(16.0);
        assertThat(report.toString()).doesNotContain("suppressed", "BELOW_MINIMUM", "COMPLEMENTARY", "median",
                "started", "completionRate", "position");
    }

    @Test
    void as_of_a_moment_the_report_holds_the_releases_made_by_then() {
        String path = admin.path("/reports/rounds/" + round);

        JsonNode then = admin.caller().get(path + "?asOf=" + afterFirstBatches).json();
        assertThat(then.get("organisation")).isEqualTo(reportAfterFirstBatches.get("organisation"));
        assertThat(then.get("teams")).isEqualTo(reportAfterFirstBatches.get("teams"));
        assertThat(then.get("organisation").get("mean").asDouble()).isEqualTo(18.0); // (5*20 + 5*16) / 10
        assertThat(byTeam(then.get("teams")).get(telefoon).get("n").asInt()).isEqualTo(5);
        assertThat(then.get("provenance").get("release"))
                .isEqualTo(reportAfterFirstBatches.get("provenance").get("release"));
        JsonNode now = admin.caller().get(path).json();
        assertThat(then.get("provenance").get("release").get("number").asLong())
                .isLessThan(now.get("provenance").get("release").get("number").asLong());

        JsonNode before = admin.caller().get(path + "?asOf=" + beforeAnyRelease).json();
        assertThat(before.get("organisation").get("n").asInt()).isZero();
        assertThat(before.get("provenance").get("release").isNull()).as("no release yet").isTrue();
        byTeam(before.get("teams")).values().forEach(team -> assertThat(team.get("n").asInt()).isZero());

        JsonNode trendThen = admin.caller().get(admin.path("/reports/trend?granularity=year&asOf="
                + afterFirstBatches)).json();
        JsonNode organisationThen = trendThen.get("series").get(0).get("points");
        assertThat(organisationThen.get(organisationThen.size() - 1).get("n").asInt()).isEqualTo(10);
        assertProblem(admin.caller().get(path + "?asOf=yesterday"), 400, "asOf is an ISO-8601 instant");
        assertProblem(admin.caller().get(path + "?asOf=" + Instant.now().plus(Duration.ofDays(1))), 400, "future");
    }

    @Test
    void the_rest_of_a_closed_round_is_pooled_for_the_organisation_and_never_for_its_teams() {
        Admin pool = organisations.organisationWithAdmin("Pool " + UUID.randomUUID(),
                "pool" + UUID.randomUUID() + "@example.nl");
        String groot = team(pool, "Groot");
        String klein = team(pool, "Klein");
        String post = team(pool, "Post");
        JsonNode opened = pool.caller().post(pool.path("/rounds"), Map.of("name", "Zomer")).json();
        String zomer = opened.get("id").asText();
        String invitation = opened.get("invitationToken").asText();
        // the small teams first: the release that shows Groot has seen them waiting and left them
        for (int i = 0; i < 2; i++) {
            respond(invitation, klein, "aaaaaa", true);
        }
        for (int i = 0; i < 3; i++) {
            respond(invitation, post, "bbbbbb", true);
        }
        for (int i = 0; i < 5; i++) {
            respond(invitation, groot, "cccccc", true);
        }
        String path = pool.path("/reports/rounds/" + zomer);
        JsonNode open = Await.until("Groot released", () -> pool.caller().get(path).json(),
                report -> report.get("organisation").get("n").asInt() == 5);
        long releaseWhileOpen = open.get("provenance").get("release").get("number").asLong();
        assertThat(open.get("organisation").get("n").asInt()).as("the small teams wait, also in the organisation's")
                .isEqualTo(5);
        assertThat(open.get("organisation").get("mean").asDouble()).isEqualTo(20.0);
        assertThat(byTeam(open.get("teams")).get(klein).get("n").asInt()).isZero();
        assertThat(byTeam(open.get("teams")).get(post).get("n").asInt()).isZero();
        Instant beforeClosure = Instant.now();

        assertThat(pool.caller().post(pool.path("/rounds/" + zomer + "/closure"), null).status()).isEqualTo(200);

        JsonNode closed = Await.until("the rest of the closed round pooled", () -> pool.caller().get(path).json(),
                report -> report.get("organisation").get("n").asInt() == 10);
        assertThat(closed.get("organisation").get("mean").asDouble()).isEqualTo(18.6); // (100 + 2*16 + 3*18) / 10
        assertThat(closed.get("provenance").get("release").get("number").asLong()).isEqualTo(releaseWhileOpen + 1);
        Map<String, JsonNode> teams = byTeam(closed.get("teams"));
        assertThat(teams.get(groot).get("n").asInt()).isEqualTo(5);
        assertThat(teams.get(klein).get("n").asInt()).as("a pooled batch counts for no team").isZero();
        assertThat(teams.get(post).get("n").asInt()).isZero();
        JsonNode trend = pool.caller().get(pool.path("/reports/trend?granularity=year")).json();
        JsonNode organisationThisYear = trend.get("series").get(0).get("points");
        assertThat(organisationThisYear.get(organisationThisYear.size() - 1).get("n").asInt()).isEqualTo(10);
        for (JsonNode series : trend.get("series")) {
            if (List.of("team:" + klein, "team:" + post).contains(series.get("key").asText())) {
                series.get("points").forEach(point -> assertThat(point.get("n").asInt()).isZero());
            }
        }
        assertThat(pool.caller().get(path + "?asOf=" + beforeClosure).json().get("organisation").get("n").asInt())
                .as("as of before the closure: the pool was not released yet").isEqualTo(5);
    }

    @Test
    void a_team_lead_sees_only_their_own_team_and_gets_404_for_another() {
        JsonNode trend = teamLead.get(admin.path("/reports/trend?granularity=month")).json();
        List<String> keys = new ArrayList<>();
        trend.get("series").forEach(series -> keys.add(series.get("key").asText()));
        assertThat(keys).containsExactly("organisation", "team:" + balie);

        assertProblem(teamLead.get(admin.path("/reports/trend?team=" + telefoon)), 404, "was not found");
        assertThat(byTeam(teamLead.get(admin.path("/reports/rounds/" + round)).json().get("teams")).keySet())
                .containsExactly(balie);
        assertThat(teamLead.get(admin.path("/reports/heatmap?round=" + round)).json().get("rows"))
                .extracting(row -> row.get("group").get("teamId").asText()).containsExactly(balie);
        assertThat(analyst.get(admin.path("/reports/trend?team=" + telefoon)).status()).isEqualTo(200);
    }

    @Test
    void the_operator_and_other_organisations_see_no_report() {
        assertProblem(organisations.operator().get(admin.path("/reports/trend")), 403, "results");
        Admin other = organisations.organisationWithAdmin("Ander " + UUID.randomUUID(),
                "ander" + UUID.randomUUID() + "@example.nl");
        assertProblem(other.caller().get(admin.path("/reports/rounds/" + round)), 404, "was not found");
        assertThat(api.get(admin.path("/reports/trend")).status()).isEqualTo(401);
    }

    @Test
    void the_trend_counts_this_months_releases_and_leaves_empty_months_empty() {
        JsonNode trend = admin.caller().get(admin.path("/reports/trend?granularity=month&from=2020-01-01")).json();
        assertThat(trend.get("granularity").asText()).isEqualTo("month");
        assertThat(trend.get("from").asText()).isEqualTo("2020-01-01");
        JsonNode organisationSeries = trend.get("series").get(0);
        JsonNode points = organisationSeries.get("points");
        assertThat(points.size()).isEqualTo(trend.get("periods").size());
        assertThat(trend.get("periods").get(0).get("period").asText()).isEqualTo("2020-01");
        assertThat(points.get(0).fieldNames()).toIterable().containsExactlyElementsOf(GROUP_FIELDS);
        assertThat(points.get(0).get("n").asInt()).isZero();
        assertThat(points.get(0).get("mean").isNull()).isTrue();
        JsonNode now = points.get(points.size() - 1);
        assertThat(now.get("n").asInt()).isEqualTo(15);
        Map<String, JsonNode> series = new LinkedHashMap<>();
        trend.get("series").forEach(one -> series.put(one.get("key").asText(), one));
        assertThat(series.keySet()).containsExactly("organisation", "team:" + balie, "team:" + telefoon,
                "team:" + klein);
        JsonNode kleinNow = series.get("team:" + klein).get("points").get(points.size() - 1);
        assertThat(kleinNow.get("n").asInt()).isZero();
        assertThat(series.get("team:" + telefoon).get("points").get(points.size() - 1).get("n").asInt())
                .isEqualTo(10);
        assertThat(trend.get("bands")).extracting(band -> band.get("band").asText())
                .containsExactly("LOW", "AVERAGE", "HIGH");
        assertThat(trend.get("scale").get("min").asInt()).isEqualTo(6);
        assertThat(trend.get("scale").get("max").asInt()).isEqualTo(30);
    }

    @Test
    void every_report_comes_as_csv_without_suppressed_median_min_max_or_started_columns() throws Exception {
        Response json = admin.caller().send("GET", admin.path("/reports/rounds/" + round), null);
        Response asCsv = send(admin.caller(), admin.path("/reports/rounds/" + round), "text/csv");
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(asCsv.status()).isEqualTo(200);
        assertThat(asCsv.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(asCsv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        List<CSVRecord> rows = parse(asCsv.body());
        List<String> header = rows.get(0).toList();
        assertThat(header).startsWith("round", "group", "team_id", "n", "mean", "ci95_low", "ci95_high", "low",
                "average", "high", "low_percent", "average_percent", "high_percent", "column_a", "column_b",
                "column_c", "q1_mean", "q1_a", "q1_b", "q1_c");
        assertThat(header).hasSize(16 + 6 * 4);
        assertThat(asCsv.body()).contains("\r\n");
        CSVRecord whole = rows.get(1);
        assertThat(whole.get(1)).isEqualTo(admin.caller().get(admin.path("/reports/rounds/" + round)).json()
                .get("organisation").get("label").asText());
        assertThat(whole.get(3)).isEqualTo("15");
        assertThat(whole.get(4)).isEqualTo("17.33");
        CSVRecord small = rows.stream().filter(row -> row.get(2).equals(klein)).findFirst().orElseThrow();
        assertThat(small.get(1)).isEqualTo("Klein");
        assertThat(small.get(3)).isEqualTo("0");
        for (int column = 4; column < small.size(); column++) {
            assertThat(small.get(column)).as(header.get(column)).isEmpty();
        }
        CSVRecord telefoonRow = rows.stream().filter(row -> row.get(2).equals(telefoon)).findFirst().orElseThrow();
        assertThat(telefoonRow.get(3)).isEqualTo("10");
        assertThat(telefoonRow.get(4)).isEqualTo("16.0");
        Response byParameter = admin.caller().get(admin.path("/reports/rounds/" + round + "?format=csv"));
        assertThat(byParameter.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(parse(byParameter.body()).get(1).get(4)).isEqualTo("17.33");
        assertThat(byParameter.headers().firstValue("Content-Disposition").orElseThrow())
                .as("named for the organisation, the round and the day").contains("filename=\"klantspiegel-rapport-")
                .contains("-round-Voorjaar-20").endsWith(".csv");

        // for Excel with Dutch settings: semicolons, decimal commas, a byte order mark; the same figures
        Response forExcel = admin.caller().get(admin.path("/reports/rounds/" + round + "?format=csv&dialect=excel"));
        assertThat(forExcel.status()).isEqualTo(200);
        assertThat(forExcel.body()).startsWith("\uFEFFround;group;team_id;n;mean;");
        List<CSVRecord> excelRows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setDelimiter(';').get()
                .parse(new java.io.StringReader(forExcel.body().substring(1))).getRecords();
        assertThat(excelRows.get(1).get(4)).isEqualTo("17,33");
        assertThat(excelRows.get(1).size()).isEqualTo(rows.get(1).size());
        assertProblem(admin.caller().get(admin.path("/reports/rounds/" + round + "?format=csv&dialect=tsv")), 400,
                "'dialect' is rfc4180 or excel, not 'tsv'.");

        for (String report : List.of("/reports/rounds/" + round, "/reports/trend?granularity=quarter",
                "/reports/heatmap?round=" + round, "/reports/rounds/" + secondRound + "/comparison?with=" + round,
                "/reports/trend?granularity=month&asOf=" + afterFirstBatches)) {
            Response file = send(admin.caller(), admin.path(report), "text/csv");
            assertThat(file.status()).as(report).isEqualTo(200);
            List<CSVRecord> records = parse(file.body());
            assertThat(records.size()).as(report).isGreaterThan(1);
            for (String column : records.get(0).toList()) {
                assertThat(GONE).as(report + ": column " + column).noneMatch(gone -> column.equals(gone)
                        || column.endsWith("_" + gone) || column.startsWith(gone + "_"));
            }
        }
    }

    @Test
    void what_to_work_on_comes_from_the_released_option_counts_least_oriented_first_with_the_instruments_advice() {
        JsonNode report = admin.caller().get(admin.path("/reports/rounds/" + round)).json();
        JsonNode focus = admin.caller().get(admin.path("/reports/rounds/" + round + "/focus?lang=en")).json();
        java.util.Map<Integer, String> oriented = java.util.Map.of(1, "c", 2, "b", 3, "a", 4, "b", 5, "c", 6, "c");

        assertThat(focus.get("round").get("name").asText()).isEqualTo("Voorjaar");
        JsonNode whole = focus.get("groups").get(0);
        assertThat(whole.get("key").asText()).isEqualTo("organisation");
        assertThat(whole.get("n").asInt()).isEqualTo(report.get("organisation").get("n").asInt()).isEqualTo(15);
        assertThat(whole.get("questions")).hasSize(6);
        int previous = -1;
        for (JsonNode question : whole.get("questions")) {
            int number = question.get("question").asInt();
            JsonNode counts = report.get("organisation").get("questions").get(number - 1).get("options");
            int chosen = counts.get(oriented.get(number)).get("count").asInt();
            assertThat(question.get("oriented").asText()).isEqualTo(oriented.get(number));
            assertThat(question.get("orientedPercent").asInt()).as("question " + number)
                    .isEqualTo((int) Math.round(100.0 * chosen / 15)).isGreaterThanOrEqualTo(previous);
            assertThat(question.get("focus").asBoolean()).isEqualTo(chosen * 2 < 15);
            previous = question.get("orientedPercent").asInt();
            assertThat(question.get("topic").asText()).isNotBlank();
            assertThat(question.get("text").asText()).startsWith(number == 5 ? "My view" : "If ");
            if (!question.get("other").isNull()) {
                String other = question.get("other").asText();
                assertThat(other).isNotEqualTo(oriented.get(number));
                assertThat(question.get("otherPercent").asInt())
                        .isEqualTo((int) Math.round(100.0 * counts.get(other).get("count").asInt() / 15));
                assertThat(question.get("advice").asText()).isNotBlank();
            }
        }
        for (JsonNode group : focus.get("groups")) {
            assertThat(group.get("questions").isEmpty()).as(group.get("label").asText() + ": questions only with figures")
                    .isEqualTo(group.get("n").asInt() == 0);
        }
        assertProblem(admin.caller().get(admin.path("/reports/rounds/" + round + "/focus?lang=de")), 400, "de");
    }

    @Test
    void the_comparison_gives_no_difference_where_a_side_is_empty() {
        JsonNode comparison = admin.caller().get(admin.path("/reports/rounds/" + secondRound + "/comparison?with="
                + round)).json();
        assertThat(comparison.get("round").get("name").asText()).isEqualTo("Najaar");
        assertThat(comparison.get("with").get("name").asText()).isEqualTo("Voorjaar");
        JsonNode whole = comparison.get("groups").get(0);
        assertThat(whole.get("key").asText()).isEqualTo("organisation");
        assertThat(whole.get("round").get("n").asInt()).isZero();
        assertThat(whole.get("with").get("n").asInt()).isEqualTo(15);
        assertThat(whole.get("difference").isNull()).isTrue();
        for (JsonNode group : comparison.get("groups")) {
            assertThat(group.get("difference").isNull()).as(group.get("key").asText()).isTrue();
            if (group.get("key").asText().equals("team:" + klein)) {
                assertThat(group.get("with").get("n").asInt()).isZero();
            }
        }
    }

    @Test
    void the_heatmap_shows_the_round_opened_last_by_default() {
        JsonNode heatmap = admin.caller().get(admin.path("/reports/heatmap")).json();
        assertThat(heatmap.get("round").get("id").asText()).isEqualTo(secondRound);
        assertThat(heatmap.get("previousRound").get("id").asText()).isEqualTo(round);
        JsonNode first = admin.caller().get(admin.path("/reports/heatmap?round=" + round)).json();
        assertThat(first.get("previousRound").isNull()).isTrue();
        assertThat(first.get("reference").get("cells")).hasSize(6);
        assertThat(first.get("reference").get("cells").get(0).get("meanPoints").asDouble()).isEqualTo(2.33);
        assertThat(first.get("reference").get("cells").get(0).get("change").isNull()).isTrue();
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        first.get("rows").forEach(row -> rows.put(row.get("group").get("teamId").asText(), row));
        assertThat(rows.get(klein).get("cells")).isEmpty();
        assertThat(rows.get(klein).get("group").get("n").asInt()).isZero();
        assertThat(rows.get(telefoon).get("cells").get(0).get("meanPoints").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(balie).get("cells").get(0).get("meanPoints").asDouble()).isEqualTo(5.0);
    }

    @Test
    void bad_input_is_refused_with_a_problem_and_unknown_things_are_not_found() {
        assertProblem(admin.caller().get(admin.path("/reports/trend?granularity=decade")), 400, "granularity");
        assertProblem(admin.caller().get(admin.path("/reports/trend?from=2026-13-01")), 400, "YYYY-MM-DD");
        assertProblem(admin.caller().get(admin.path("/reports/trend?from=2026-05-01&to=2026-04-01")), 400,
                "must not lie after");
        assertProblem(admin.caller().get(admin.path("/reports/trend?granularity=week&from=1990-01-01")), 400,
                "more than");
        assertProblem(admin.caller().get(admin.path("/reports/rounds/" + round + "/comparison")), 400, "'with'");
        assertProblem(admin.caller().get(admin.path("/reports/rounds/" + round + "/comparison?with=" + round)), 400,
                "not with itself");
        assertProblem(admin.caller().get(admin.path("/reports/rounds/" + UUID.randomUUID())), 404, "was not found");
        assertProblem(admin.caller().get(admin.path("/reports/trend?team=" + UUID.randomUUID())), 404,
                "was not found");
    }

    private static Response send(Caller caller, String path, String accept) {
        return caller.api().send(HttpRequest.newBuilder(caller.api().uri(path))
                .header("Authorization", "Bearer " + caller.token()).header("Accept", accept).GET());
    }

    private static Map<String, JsonNode> byTeam(JsonNode groups) {
        Map<String, JsonNode> byTeam = new LinkedHashMap<>();
        groups.forEach(group -> byTeam.put(group.get("teamId").asText(), group));
        return byTeam;
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
