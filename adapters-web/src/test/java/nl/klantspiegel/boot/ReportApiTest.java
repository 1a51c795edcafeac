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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports over HTTP, for each role: one round with a team of six, a team of seven and a team of two (whose
 * figures are suppressed, and so is what would let them be subtracted), answered through the invitation link.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest {

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

    @BeforeAll
    void anOrganisationWithOneAnsweredRound() {
        api = new ApiClient(port);
        organisations = new Organisations(api);
        admin = organisations.organisationWithAdmin("Rapport " + UUID.randomUUID(),
                "rapport" + UUID.randomUUID() + "@example.nl");
        balie = team("Balie");
        telefoon = team("Telefoon");
        klein = team("Klein");
        teamLead = organisations.member(admin, "lead" + UUID.randomUUID() + "@example.nl", "TEAM_LEAD",
                List.of(balie));
        analyst = organisations.member(admin, "analyst" + UUID.randomUUID() + "@example.nl", "ANALYST", List.of());
        JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
        round = opened.get("id").asText();
        String invitation = opened.get("invitationToken").asText();
        // Balie six times all c, Telefoon seven times all a, Klein twice all b
        for (int i = 0; i < 6; i++) {
            respond(invitation, balie, "cccccc", true);
        }
        for (int i = 0; i < 7; i++) {
            respond(invitation, telefoon, "aaaaaa", true);
        }
        for (int i = 0; i < 2; i++) {
            respond(invitation, klein, "bbbbbb", true);
        }
        respond(invitation, balie, "cccccc", false); // started, never completed
        secondRound = admin.caller().post(admin.path("/rounds"), Map.of("name", "Najaar")).json().get("id").asText();
    }

    private String team(String name) {
        return admin.caller().post(admin.path("/teams"), Map.of("name", name)).json().get("id").asText();
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
    void the_admin_sees_the_round_with_the_small_team_and_its_complement_suppressed() {
        JsonNode report = admin.caller().get(admin.path("/reports/rounds/" + round)).json();

        // all c: 5+1+3+1+5+5 = 20; all a: 1+3+5+3+3+1 = 16; all b: 3+5+1+5+1+3 = 18 (the score table)
        JsonNode whole = report.get("organisation");
        assertThat(whole.get("suppressed").asBoolean()).isFalse();
        assertThat(whole.get("n").asInt()).isEqualTo(15);
        assertThat(whole.get("started").asInt()).isEqualTo(16);
        assertThat(whole.get("completionRate").asDouble()).isEqualTo(0.9375);
        assertThat(whole.get("mean").asDouble()).isEqualTo(17.87); // (6*20 + 7*16 + 2*18) / 15 = 268 / 15
        assertThat(whole.get("median").asDouble()).isEqualTo(18.0);
        assertThat(whole.get("min").asInt()).isEqualTo(16);
        assertThat(whole.get("max").asInt()).isEqualTo(20);
        assertThat(whole.get("bands").get("AVERAGE").get("count").asInt()).isEqualTo(15);
        assertThat(whole.get("bands").get("AVERAGE").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(whole.get("questions").get(0).get("meanPoints").asDouble()).isEqualTo(2.87); // (6*5 + 7*1 + 2*3) / 15 = 43 / 15
        assertThat(whole.get("questions").get(0).get("options").get("c").get("count").asInt()).isEqualTo(6);
        assertThat(whole.get("provenance")).isNull();
        assertThat(report.get("provenance").get("minimumGroupSize").asInt()).isEqualTo(5);
        assertThat(report.get("provenance").get("instrumentVersion").asInt()).isEqualTo(1);
        assertThat(report.get("provenance").get("position").asLong()).isPositive();

        Map<String, JsonNode> teams = byTeam(report.get("teams"));
        JsonNode small = teams.get(klein);
        assertThat(small.get("suppressed").asBoolean()).isTrue();
        assertThat(small.get("reason").asText()).isEqualTo("BELOW_MINIMUM");
        assertThat(small.get("n").isNull()).isTrue();
        assertThat(small.get("mean").isNull()).isTrue();
        assertThat(small.get("started").isNull()).isTrue();
        assertThat(small.get("bands").isNull()).isTrue();
        assertThat(small.get("questions")).isEmpty();
        // 15 - 6 - 7 would give the small team away: the smaller of the other two is hidden as well
        assertThat(teams.get(balie).get("reason").asText()).isEqualTo("COMPLEMENTARY");
        assertThat(teams.get(balie).get("n").isNull()).isTrue();
        assertThat(teams.get(telefoon).get("suppressed").asBoolean()).isFalse();
        assertThat(teams.get(telefoon).get("n").asInt()).isEqualTo(7);
        assertThat(teams.get(telefoon).get("mean").asDouble()).isEqualTo(16.0);
        assertThat(teams.get(telefoon).get("ci95").isNull()).as("all seven alike: a zero-width interval").isFalse();
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
    void the_trend_counts_this_months_completions_and_leaves_empty_months_empty() {
        JsonNode trend = admin.caller().get(admin.path("/reports/trend?granularity=month&from=2020-01-01")).json();
        assertThat(trend.get("granularity").asText()).isEqualTo("month");
        assertThat(trend.get("from").asText()).isEqualTo("2020-01-01");
        JsonNode organisationSeries = trend.get("series").get(0);
        JsonNode points = organisationSeries.get("points");
        assertThat(points.size()).isEqualTo(trend.get("periods").size());
        assertThat(trend.get("periods").get(0).get("period").asText()).isEqualTo("2020-01");
        assertThat(points.get(0).get("n").asInt()).isZero();
        assertThat(points.get(0).get("suppressed").asBoolean()).isFalse();
        assertThat(points.get(0).get("mean").isNull()).isTrue();
        JsonNode now = points.get(points.size() - 1);
        assertThat(now.get("n").asInt()).isEqualTo(15);
        assertThat(trend.get("bands")).extracting(band -> band.get("band").asText())
                .containsExactly("LOW", "AVERAGE", "HIGH");
        assertThat(trend.get("scale").get("min").asInt()).isEqualTo(6);
        assertThat(trend.get("scale").get("max").asInt()).isEqualTo(30);
    }

    @Test
    void every_report_comes_as_csv_with_suppressed_cells_empty() {
        Response csv = admin.caller().send("GET", admin.path("/reports/rounds/" + round), null);
        Response asCsv = send(admin.caller(), admin.path("/reports/rounds/" + round), "text/csv");
        assertThat(csv.contentType()).startsWith("application/json");
        assertThat(asCsv.status()).isEqualTo(200);
        assertThat(asCsv.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(asCsv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        List<CSVRecord> rows = parse(asCsv.body());
        assertThat(rows.get(0).values()).startsWith("round", "group", "team_id", "suppressed", "reason", "n", "mean",
                "ci95_low", "ci95_high", "median", "min", "max", "low", "average", "high");
        assertThat(asCsv.body()).contains("\r\n");
        CSVRecord whole = rows.get(1);
        assertThat(whole.get(3)).isEqualTo("false");
        assertThat(whole.get(5)).isEqualTo("15");
        assertThat(whole.get(6)).isEqualTo("17.87");
        CSVRecord small = rows.stream().filter(row -> row.get(2).equals(klein)).findFirst().orElseThrow();
        assertThat(small.get(3)).isEqualTo("true");
        assertThat(small.get(4)).isEqualTo("BELOW_MINIMUM");
        for (int column = 5; column < small.size(); column++) {
            assertThat(small.get(column)).as(rows.get(0).get(column)).isEmpty();
        }
        Response byParameter = admin.caller().get(admin.path("/reports/rounds/" + round + "?format=csv"));
        assertThat(byParameter.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(parse(byParameter.body()).get(1).get(6)).isEqualTo("17.87");

        for (String report : List.of("/reports/trend?granularity=quarter", "/reports/heatmap?round=" + round,
                "/reports/rounds/" + secondRound + "/comparison?with=" + round)) {
            Response file = send(admin.caller(), admin.path(report), "text/csv");
            assertThat(file.status()).as(report).isEqualTo(200);
            assertThat(parse(file.body()).size()).as(report).isGreaterThan(1);
        }
    }

    @Test
    void the_comparison_gives_no_difference_where_a_side_is_empty_or_suppressed() {
        JsonNode comparison = admin.caller().get(admin.path("/reports/rounds/" + secondRound + "/comparison?with="
                + round)).json();
        assertThat(comparison.get("round").get("name").asText()).isEqualTo("Najaar");
        assertThat(comparison.get("with").get("name").asText()).isEqualTo("Voorjaar");
        JsonNode whole = comparison.get("groups").get(0);
        assertThat(whole.get("key").asText()).isEqualTo("organisation");
        assertThat(whole.get("round").get("n").asInt()).isZero();
        assertThat(whole.get("with").get("n").asInt()).isEqualTo(15);
        assertThat(whole.get("difference").isNull()).isTrue();
    }

    @Test
    void the_heatmap_shows_the_round_opened_last_by_default() {
        JsonNode heatmap = admin.caller().get(admin.path("/reports/heatmap")).json();
        assertThat(heatmap.get("round").get("id").asText()).isEqualTo(secondRound);
        assertThat(heatmap.get("previousRound").get("id").asText()).isEqualTo(round);
        JsonNode first = admin.caller().get(admin.path("/reports/heatmap?round=" + round)).json();
        assertThat(first.get("previousRound").isNull()).isTrue();
        assertThat(first.get("reference").get("cells")).hasSize(6);
        assertThat(first.get("reference").get("cells").get(0).get("meanPoints").asDouble()).isEqualTo(2.87);
        assertThat(first.get("reference").get("cells").get(0).get("change").isNull()).isTrue();
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        first.get("rows").forEach(row -> rows.put(row.get("group").get("teamId").asText(), row));
        assertThat(rows.get(klein).get("cells")).isEmpty();
        assertThat(rows.get(telefoon).get("cells").get(0).get("meanPoints").asDouble()).isEqualTo(1.0);
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
        Map<String, JsonNode> byTeam = new java.util.LinkedHashMap<>();
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
