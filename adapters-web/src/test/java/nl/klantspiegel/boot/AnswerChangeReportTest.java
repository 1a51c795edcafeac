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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer-change report, added after the fact: the answers are given, and released, while the installation runs
 * without it; started again with it, its projection reads all the history there is, and the report shows the changes
 * made before it existed — of released batches only, and split by band within each batch. The real release timer
 * runs every second in both runs.
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
            // five respondents (the minimum: one batch), all answering b; the first three first said a on
            // question 1, the first also c on 6
            for (int i = 0; i < 5; i++) {
                List<String> before = new ArrayList<>();
                if (i < 3) {
                    before.add("1a");
                }
                if (i == 0) {
                    before.add("6c");
                }
                respond(client(app), invitation, team, before, "bbbbbb");
            }
            Await.until("the five released while the report did not exist",
                    () -> admin.caller().get(admin.path("/reports/rounds/" + round)).json(),
                    report -> report.get("organisation").get("n").asInt() == 5);
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

            // the new projection reads all history first: until then the report says so (503: ask again shortly)
            Response first = Await.until("the answer changes brought up to date", () -> admin.get(path),
                    response -> response.status() != 503);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            JsonNode whole = first.json();
            JsonNode org = whole.get("groups").get(0);
            assertThat(org.fieldNames()).toIterable().containsExactly("key", "label", "n", "changed", "changes",
                    "leftOut", "entries");
            assertThat(org.get("key").asText()).isEqualTo("organisation");
            assertThat(org.get("label").asText()).isEqualTo("Wijzigers");
            assertThat(org.get("n").asInt()).isEqualTo(5);
            assertThat(org.get("changed").asInt()).isEqualTo(3);
            assertThat(org.get("changes").asInt()).isEqualTo(4);
            assertThat(org.get("leftOut").asInt()).isZero();
            assertThat(org.get("entries").toString()).isEqualTo("[{\"question\":1,\"from\":\"a\",\"to\":\"b\",\"count\":3},"
                    + "{\"question\":6,\"from\":\"c\",\"to\":\"b\",\"count\":1}]");
            assertThat(whole.get("groups").get(1).get("key").asText()).isEqualTo("round:" + round);
            assertThat(whole.get("groups").get(1).get("label").asText()).isEqualTo("Voorjaar");
            assertThat(whole.get("groups").get(1).get("n").asInt()).isEqualTo(5);
            assertThat(whole.get("provenance").get("minimumGroupSize").asInt()).isEqualTo(5);
            assertThat(whole.get("provenance").get("release").get("number").asLong())
                    .as("the release the first run made").isEqualTo(1);

            JsonNode perBand = admin.get(path + "?round=" + round).json();
            assertThat(perBand.get("groups")).extracting(group -> group.get("key").asText())
                    .containsExactly("round", "band:LOW", "band:AVERAGE", "band:HIGH");
            assertThat(perBand.get("groups").get(0).get("n").asInt()).isEqualTo(5);
            for (JsonNode band : List.of(perBand.get("groups").get(1), perBand.get("groups").get(3))) {
                assertThat(band.get("n").asInt()).as(band.toString()).isZero();
                assertThat(band.get("leftOut").asInt()).isZero();
                assertThat(band.get("entries")).isEmpty();
            }
            assertThat(perBand.get("groups").get(2).get("n").asInt()).isEqualTo(5);
            assertThat(perBand.get("groups").get(2).get("changed").asInt()).isEqualTo(3);

            Response csv = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer "
                    + admin.token()).header("Accept", "text/csv").GET());
            assertThat(csv.body().lines().findFirst().orElseThrow())
                    .isEqualTo("group,label,n,respondents_who_changed,changes,left_out,question,from,to,count");
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv.body())).getRecords();
            assertThat(rows.get(0).get("group")).isEqualTo("organisation");
            assertThat(rows.get(0).get("count")).isEqualTo("3");
            assertThat(rows.get(0).get("left_out")).isEqualTo("0");
            assertThat(rows.get(1).get("question")).isEqualTo("6");

            // the same five as a spreadsheet: one row each under a pseudonym, all b: 3 + 5 + 1 + 5 + 1 + 3 = 18,
            // all in column b, with the day of their release and nothing of when they answered
            Response sheet = admin.get("/api/organisations/" + organisation + "/assessments");
            List<CSVRecord> assessments = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(sheet.body())).getRecords();
            assertThat(assessments).hasSize(5);
            for (CSVRecord row : assessments) {
                assertThat(row.get("assessment")).matches("p-[0-9a-f]{32}");
                assertThat(row.get("team")).isEqualTo("Balie");
                assertThat(row.get("round")).isEqualTo("Voorjaar");
                assertThat(row.get("q1_option")).isEqualTo("b");
                assertThat(row.get("q2_points")).isEqualTo("5");
                assertThat(row.get("column_b")).isEqualTo("18");
                assertThat(row.get("column_a")).isEqualTo("0");
                assertThat(row.get("total")).isEqualTo("18");
                assertThat(row.get("band")).isEqualTo("AVERAGE");
                assertThat(row.get("released_on")).matches("\\d{4}-\\d{2}-\\d{2}");
            }
            assertThat(sheet.headers().firstValue("Klantspiegel-Release")).hasValue("1");
            assertThat(sheet.body()).doesNotContain(adminEmail).doesNotContainPattern("T\\d{2}:\\d{2}")
                    .doesNotContain("started_on").doesNotContain("completed_on");

            // as of a moment: exactly the report saved then, also after one more batch was released
            String roundPath = "/api/organisations/" + organisation + "/reports/rounds/" + round;
            JsonNode saved = admin.get(roundPath).json();
            java.time.Instant moment = java.time.Instant.now();
            // five more: four all b (one first said a on question 2), one with every customer-oriented answer (30)
            respond(api, invitation, team, List.of("2a"), "bbbbbb");
            for (int i = 0; i < 3; i++) {
                respond(api, invitation, team, List.of(), "bbbbbb");
            }
            respond(api, invitation, team, List.of(), "cbabcc");
            JsonNode now = Await.until("the second batch released", () -> admin.get(roundPath).json(),
                    report -> report.get("organisation").get("n").asInt() == 10);
            assertThat(now.get("organisation").get("bands").get("AVERAGE").get("count").asInt()).isEqualTo(9);
            assertThat(now.get("organisation").get("bands").get("HIGH").get("count").asInt()).isEqualTo(1);
            assertThat(now.get("provenance").get("release").get("number").asLong()).isEqualTo(2);
            JsonNode then = admin.get(roundPath + "?asOf=" + moment).json();
            assertThat(then.get("organisation")).isEqualTo(saved.get("organisation"));
            assertThat(then.get("teams")).isEqualTo(saved.get("teams"));
            assertThat(then.get("provenance").get("release")).isEqualTo(saved.get("provenance").get("release"));
            assertThat(then.get("provenance").get("minimumGroupSize")).isEqualTo(saved.get("provenance")
                    .get("minimumGroupSize"));
            assertProblem(admin.get(roundPath + "?asOf=yesterday"), 400, "asOf is an ISO-8601 instant");
            assertProblem(admin.get(roundPath + "?asOf=2999-01-01T00:00:00Z"), 400, "future");
            assertThat(admin.get("/api/organisations/" + organisation + "/reports/trend?granularity=month&asOf="
                    + moment).status()).isEqualTo(200);

            // the second batch's answers changed: the organisation's figures take the whole batch; split by band
            // it holds four AVERAGE and one HIGH, each part below the minimum, so both are left out of the bands
            JsonNode withSecond = admin.get(path).json().get("groups").get(0);
            assertThat(withSecond.get("n").asInt()).isEqualTo(10);
            assertThat(withSecond.get("changed").asInt()).isEqualTo(4);
            assertThat(withSecond.get("changes").asInt()).isEqualTo(5);
            assertThat(withSecond.get("entries").toString()).contains("{\"question\":2,\"from\":\"a\",\"to\":\"b\",\"count\":1}");
            Map<String, JsonNode> bands = new java.util.LinkedHashMap<>();
            admin.get(path + "?round=" + round).json().get("groups")
                    .forEach(group -> bands.put(group.get("key").asText(), group));
            assertThat(bands.get("round").get("n").asInt()).isEqualTo(10);
            assertThat(bands.get("round").get("changed").asInt()).isEqualTo(4);
            assertThat(bands.get("band:AVERAGE").get("n").asInt()).as("the first batch's five").isEqualTo(5);
            assertThat(bands.get("band:AVERAGE").get("leftOut").asInt()).as("the second batch's four").isEqualTo(4);
            assertThat(bands.get("band:AVERAGE").get("entries").toString()).doesNotContain("\"question\":2");
            assertThat(bands.get("band:HIGH").get("n").asInt()).isZero();
            assertThat(bands.get("band:HIGH").get("leftOut").asInt()).isEqualTo(1);
            assertThat(bands.get("band:HIGH").get("entries")).isEmpty();
            assertThat(bands.get("band:LOW").get("leftOut").asInt()).isZero();

            // the same answers re-scored: all b is 18, AVERAGE as told; "only the customer-oriented answer" gives
            // 0+5+0+5+0+0 = 10, LOW, and 30 to the one who gave every customer-oriented answer, HIGH as told;
            // the analyst's mild limits put 18 in HIGH
            JsonNode scorings = admin.get("/api/scorings").json();
            assertThat(scorings.get("scorings").findValuesAsText("id")).containsExactly("alleen-klantgericht", "mild");
            assertThat(scorings.get("refused").toString()).contains("kapot.properties: missing id");
            String rescoringPath = "/api/organisations/" + organisation + "/reports/rescoring?round=" + round;
            JsonNode strict = admin.get(rescoringPath + "&scoring=alleen-klantgericht").json().get("groups").get(0);
            assertThat(strict.fieldNames()).toIterable().containsExactly("key", "label", "n", "ownBands",
                    "alternativeBands", "moved");
            assertThat(strict.get("key").asText()).isEqualTo("round");
            assertThat(strict.get("n").asInt()).isEqualTo(10);
            assertThat(strict.get("ownBands").toString()).isEqualTo("{\"LOW\":0,\"AVERAGE\":9,\"HIGH\":1}");
            assertThat(strict.get("alternativeBands").toString()).isEqualTo("{\"LOW\":9,\"AVERAGE\":0,\"HIGH\":1}");
            assertThat(strict.get("moved").asInt()).isEqualTo(9);
            JsonNode mild = admin.get(rescoringPath + "&scoring=mild").json();
            assertThat(mild.get("scoring").get("version").asInt()).isEqualTo(3);
            assertThat(mild.get("groups").get(0).get("alternativeBands").get("HIGH").asInt()).isEqualTo(10);
            assertThat(mild.get("provenance").get("release").get("number").asLong()).isEqualTo(2);
            assertProblem(admin.get(rescoringPath), 400, "Name the alternative scoring");
            assertProblem(admin.get(rescoringPath + "&scoring=kapot"), 404, "Scoring");
            assertThat(admin.get("/api/organisations/" + organisation + "/reports/rounds/" + round).json()
                    .get("organisation").get("bands").get("AVERAGE").get("count").asInt())
                    .as("the respondents' own results are untouched").isEqualTo(9);

            Organisations.Caller lead = organisations.member(new Admin(organisation, "", admin),
                    "leider@example.nl", "TEAM_LEAD", List.of(team));
            assertProblem(lead.get(path), 403, "admins and analysts");
            assertProblem(admin.get(path + "?round=nope"), 404, "Round");
        }
    }

    /**
     * A respondent who first gives the answers in {@code before} ("1a": option a on question 1), then answers every
     * question as in {@code answers}, and completes.
     */
    private static void respond(ApiClient api, String invitation, String team, List<String> before, String answers) {
        String id = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team))).json().get("id").asText();
        for (String answer : before) {
            assertThat(api.answer(id, answer.charAt(0) - '0', answer.substring(1)).status()).isEqualTo(200);
        }
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, answers.substring(question - 1, question)).status()).isEqualTo(200);
        }
        assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
    }

    private ConfigurableApplicationContext start(boolean answerChanges) {
        return new SpringApplicationBuilder(KlantspiegelApplication.class)
                .run("--server.port=0", "--klantspiegel.data-dir=" + dataDirectory,
                        "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                        "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                        "--klantspiegel.reports.answer-changes.enabled=" + answerChanges,
                        "--klantspiegel.reports.release-every=PT1S",
                        "--klantspiegel.read-your-writes-timeout=2s");
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
