package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer-change report, added after the fact: the answers are given while the installation runs without it;
 * started again with it, its projection reads all the history there is, and the report shows the changes made
 * before it existed, under the minimum group size.
 */
class AnswerChangeReportTest {

    @TempDir
    Path dataDirectory;

    @Test
    void the_report_fills_from_history_stored_before_it_existed() throws Exception {
        String organisation;
        String round;
        String team;
        String invitation;
        String adminEmail = "wijziger@example.nl";
        try (ConfigurableApplicationContext app = start(false)) {
            Organisations organisations = new Organisations(client(app));
            Admin admin = organisations.organisationWithAdmin("Wijzigers", adminEmail);
            organisation = admin.organisation();
            team = admin.caller().post(admin.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
            JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
            round = opened.get("id").asText();
            invitation = opened.get("invitationToken").asText();
            // six respondents, all answering b; the first three first said a on question 1, the first also c on 6
            for (int i = 0; i < 6; i++) {
                respond(client(app), opened.get("invitationToken").asText(), team, i);
            }
        }

        // an analyst's own scoring, and a file with a mistake, added while the product was stopped
        java.nio.file.Files.createDirectories(dataDirectory.resolve("scorings"));
        java.nio.file.Files.writeString(dataDirectory.resolve("scorings").resolve("mild.properties"),
                "id = mild\nversion = 3\ninstrument = 1\nband.LOW = 6-10\nband.AVERAGE = 11-17\nband.HIGH = 18-30\n");
        java.nio.file.Files.writeString(dataDirectory.resolve("scorings").resolve("kapot.properties"), "version = 1\n");

        try (ConfigurableApplicationContext app = start(true)) {
            ApiClient api = client(app);
            Organisations organisations = new Organisations(api);
            Organisations.Caller admin = organisations.caller(adminEmail, "admin password " + adminEmail);
            String path = "/api/organisations/" + organisation + "/reports/answer-changes";

            JsonNode whole = admin.get(path).json();
            JsonNode org = whole.get("groups").get(0);
            assertThat(org.get("key").asText()).isEqualTo("organisation");
            assertThat(org.get("n").asInt()).isEqualTo(6);
            assertThat(org.get("changed").asInt()).isEqualTo(3);
            assertThat(org.get("changes").asInt()).isEqualTo(4);
            assertThat(org.get("entries").toString()).isEqualTo("[{\"question\":1,\"from\":\"a\",\"to\":\"b\",\"count\":3},"
                    + "{\"question\":6,\"from\":\"c\",\"to\":\"b\",\"count\":1}]");
            assertThat(whole.get("provenance").get("minimumGroupSize").asInt()).isEqualTo(5);
            assertThat(whole.get("provenance").get("position").asLong()).isPositive();

            JsonNode perBand = admin.get(path + "?round=" + round).json();
            assertThat(perBand.get("groups").get(0).get("n").asInt()).isEqualTo(6);
            for (JsonNode band : List.of(perBand.get("groups").get(1), perBand.get("groups").get(3))) {
                assertThat(band.get("suppressed").asBoolean()).as(band.toString()).isTrue();
                assertThat(band.get("n").isNull()).isTrue();
                assertThat(band.get("entries")).isEmpty();
            }
            assertThat(perBand.get("groups").get(2).get("key").asText()).isEqualTo("band:AVERAGE");
            assertThat(perBand.get("groups").get(2).get("n").asInt()).isEqualTo(6);

            Response csv = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer "
                    + admin.token()).header("Accept", "text/csv").GET());
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv.body())).getRecords();
            assertThat(rows.get(0).get("group")).isEqualTo("organisation");
            assertThat(rows.get(0).get("count")).isEqualTo("3");
            assertThat(rows.get(1).get("question")).isEqualTo("6");

            // the same six as a spreadsheet: one row each, all b: 3 + 5 + 1 + 5 + 1 + 3 = 18, all in column b
            Response sheet = admin.get("/api/organisations/" + organisation + "/assessments");
            List<CSVRecord> assessments = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(sheet.body())).getRecords();
            assertThat(assessments).hasSize(6);
            for (CSVRecord row : assessments) {
                assertThat(row.get("team")).isEqualTo("Balie");
                assertThat(row.get("round")).isEqualTo("Voorjaar");
                assertThat(row.get("q1_option")).isEqualTo("b");
                assertThat(row.get("q2_points")).isEqualTo("5");
                assertThat(row.get("column_b")).isEqualTo("18");
                assertThat(row.get("column_a")).isEqualTo("0");
                assertThat(row.get("total")).isEqualTo("18");
                assertThat(row.get("band")).isEqualTo("AVERAGE");
                assertThat(row.get("started_on")).matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(row.get("completed_on")).matches("\\d{4}-\\d{2}-\\d{2}");
            }
            assertThat(sheet.body()).doesNotContain(adminEmail).doesNotContainPattern("T\\d{2}:\\d{2}");

            // as of a moment: exactly the report saved then, also after one more respondent
            String roundPath = "/api/organisations/" + organisation + "/reports/rounds/" + round;
            JsonNode saved = admin.get(roundPath).json();
            java.time.Instant moment = java.time.Instant.now();
            respond(api, invitation, team, 9);
            JsonNode now = admin.get(roundPath).json();
            for (int attempt = 0; attempt < 100 && now.get("organisation").get("n").asInt() != 7; attempt++) {
                Thread.sleep(50); // the kept figures answer while the new ones are computed beside them
                now = admin.get(roundPath).json();
            }
            assertThat(now.get("organisation").get("n").asInt()).isEqualTo(7);
            JsonNode then = admin.get(roundPath + "?asOf=" + moment).json();
            assertThat(then.get("organisation")).isEqualTo(saved.get("organisation"));
            assertThat(then.get("teams")).isEqualTo(saved.get("teams"));
            assertThat(then.get("provenance").get("minimumGroupSize")).isEqualTo(saved.get("provenance")
                    .get("minimumGroupSize"));
            assertProblem(admin.get(roundPath + "?asOf=yesterday"), 400, "asOf is an ISO-8601 instant");
            assertProblem(admin.get(roundPath + "?asOf=2999-01-01T00:00:00Z"), 400, "future");
            assertThat(admin.get("/api/organisations/" + organisation + "/reports/trend?granularity=month&asOf="
                    + moment).status()).isEqualTo(200);

            // the same answers re-scored: all b is 18, AVERAGE as told; "only the customer-oriented answer" gives
            // 0+5+0+5+0+0 = 10, LOW; the analyst's mild limits put 18 in HIGH
            JsonNode scorings = admin.get("/api/scorings").json();
            assertThat(scorings.get("scorings").findValuesAsText("id")).containsExactly("alleen-klantgericht", "mild");
            assertThat(scorings.get("refused").toString()).contains("kapot.properties: missing id");
            String rescoringPath = "/api/organisations/" + organisation + "/reports/rescoring?round=" + round;
            JsonNode strict = admin.get(rescoringPath + "&scoring=alleen-klantgericht").json().get("groups").get(0);
            assertThat(strict.get("ownBands").toString()).isEqualTo("{\"LOW\":0,\"AVERAGE\":7,\"HIGH\":0}");
            assertThat(strict.get("alternativeBands").toString()).isEqualTo("{\"LOW\":7,\"AVERAGE\":0,\"HIGH\":0}");
            assertThat(strict.get("moved").asInt()).isEqualTo(7);
            JsonNode mild = admin.get(rescoringPath + "&scoring=mild").json();
            assertThat(mild.get("scoring").get("version").asInt()).isEqualTo(3);
            assertThat(mild.get("groups").get(0).get("alternativeBands").get("HIGH").asInt()).isEqualTo(7);
            assertProblem(admin.get(rescoringPath), 400, "Name the alternative scoring");
            assertProblem(admin.get(rescoringPath + "&scoring=kapot"), 404, "Scoring");
            assertThat(admin.get("/api/organisations/" + organisation + "/reports/rounds/" + round).json()
                    .get("organisation").get("bands").get("AVERAGE").get("count").asInt())
                    .as("the respondents' own results are untouched").isEqualTo(7);

            Organisations.Caller lead = organisations.member(new Admin(organisation, "", admin),
                    "leider@example.nl", "TEAM_LEAD", List.of(team));
            assertProblem(lead.get(path), 403, "admins and analysts");
            assertProblem(admin.get(path + "?round=nope"), 404, "Round");
        }
    }

    private static void respond(ApiClient api, String invitation, String team, int i) {
        String id = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team))).json().get("id").asText();
        if (i < 3) {
            assertThat(api.answer(id, 1, "a").status()).isEqualTo(200);
        }
        if (i == 0) {
            assertThat(api.answer(id, 6, "c").status()).isEqualTo(200);
        }
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, "b").status()).isEqualTo(200);
        }
        assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
    }

    private ConfigurableApplicationContext start(boolean answerChanges) {
        return new SpringApplicationBuilder(KlantspiegelApplication.class)
                .run("--server.port=0", "--klantspiegel.data-dir=" + dataDirectory,
                        "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                        "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                        "--klantspiegel.reports.answer-changes.enabled=" + answerChanges,
                        "--klantspiegel.read-your-writes-timeout=2s");
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
