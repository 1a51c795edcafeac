package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event export over HTTP with real tokens: two organisations and the public test in one store; each
 * organisation's export holds its own events only, the chain verifies with the jar's own command, a changed or
 * missing line is found, and exports resume after a position.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventExportApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "export-test-data");
    }

    @LocalServerPort
    int port;

    @TempDir
    Path files;

    ApiClient api;
    Organisations organisations;
    Admin acme;
    Admin other;
    Caller analyst;
    Caller teamLead;
    final Set<String> acmeAssessments = new HashSet<>();
    final Set<String> otherAssessments = new HashSet<>();
    String publicAssessment;

    @BeforeAll
    void twoOrganisationsAndThePublicTest() {
        api = new ApiClient(port);
        organisations = new Organisations(api);
        acme = organisations.organisationWithAdmin("Acme " + UUID.randomUUID(), "acme" + UUID.randomUUID() + "@example.nl");
        other = organisations.organisationWithAdmin("Other " + UUID.randomUUID(), "other" + UUID.randomUUID() + "@example.nl");
        String sales = acme.caller().post(acme.path("/teams"), Map.of("name", "Sales")).json().get("id").asText();
        analyst = organisations.member(acme, "analyst" + UUID.randomUUID() + "@example.nl", "ANALYST", List.of());
        teamLead = organisations.member(acme, "lead" + UUID.randomUUID() + "@example.nl", "TEAM_LEAD", List.of(sales));
        String otherTeam = other.caller().post(other.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
        String acmeInvitation = acme.caller().post(acme.path("/rounds"), Map.of("name", "Voorjaar")).json()
                .get("invitationToken").asText();
        String otherInvitation = other.caller().post(other.path("/rounds"), Map.of("name", "Voorjaar")).json()
                .get("invitationToken").asText();
        publicAssessment = api.start("nl");
        for (int i = 0; i < 3; i++) {
            acmeAssessments.add(respond(acmeInvitation, sales));
            otherAssessments.add(respond(otherInvitation, otherTeam));
            api.answer(publicAssessment, i + 1, "a");
        }
    }

    private String respond(String invitation, String team) {
        Response started = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team)));
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, "b").status()).isEqualTo(200);
        }
        assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
        return id;
    }

    @Test
    void an_organisation_exports_its_own_events_and_those_of_assessments_in_its_rounds_only() throws Exception {
        Response export = analyst.get(acme.path("/events"));

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.headers().firstValue("Cache-Control")).contains("no-store");
        List<JsonNode> lines = lines(export.body());
        List<JsonNode> events = lines.subList(0, lines.size() - 1);
        Set<String> aggregates = new HashSet<>();
        long previous = 0;
        for (JsonNode event : events) {
            assertThat(event.get("position").asLong()).as("positions strictly increasing").isGreaterThan(previous);
            previous = event.get("position").asLong();
            aggregates.add(event.get("aggregateId").asText());
            assertThat(event.fieldNames()).toIterable().containsExactly("position", "eventId", "type", "revision",
                    "aggregateType", "aggregateId", "sequence", "timestamp", "payload", "hash");
        }
        Set<String> expected = new HashSet<>(acmeAssessments);
        expected.add(acme.organisation());
        assertThat(aggregates).isEqualTo(expected);
        // per assessment: a start, six answers and a completion
        assertThat(events.stream().filter(event -> acmeAssessments.contains(event.get("aggregateId").asText())))
                .hasSize(3 * 8);
        assertThat(export.body()).doesNotContain(other.organisation()).doesNotContain(publicAssessment);
        otherAssessments.forEach(id -> assertThat(export.body()).doesNotContain(id));

        JsonNode end = lines.get(lines.size() - 1).get("end");
        assertThat(end.get("events").asLong()).isEqualTo(events.size());
        assertThat(end.get("lastPosition").asLong()).isEqualTo(previous);
        assertThat(end.get("exportId").asText()).isEqualTo(export.headers().firstValue("Klantspiegel-Export-Id").orElseThrow());
        assertThat(end.get("chainStart").asText())
                .isEqualTo(export.headers().firstValue("Klantspiegel-Chain-Start").orElseThrow());
        assertThat(Long.parseLong(export.headers().firstValue("Klantspiegel-Export-Head").orElseThrow()))
                .isGreaterThanOrEqualTo(previous);
    }

    @Test
    void the_operator_exports_everything_including_the_public_test() {
        Response export = organisations.operator().get("/api/events");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains(acme.organisation(), other.organisation(), publicAssessment);
        assertThat(verify(export.body(), List.of())).startsWith("intact: ");
    }

    @Test
    void an_export_verifies_and_a_changed_missing_or_cut_off_line_is_found_by_the_jars_command() throws Exception {
        Response export = acme.caller().get(acme.path("/events"));
        String chainStart = export.headers().firstValue("Klantspiegel-Chain-Start").orElseThrow();
        List<String> lines = new ArrayList<>(export.body().lines().toList());
        assertThat(lines.size()).isGreaterThan(10);

        assertThat(verify(export.body(), List.of("--chain-start", chainStart)))
                .isEqualTo("intact: " + (lines.size() - 1) + " events, export "
                        + export.headers().firstValue("Klantspiegel-Export-Id").orElseThrow() + ", last hash "
                        + JSON.readTree(lines.get(lines.size() - 1)).get("hash").asText() + "\n");

        int answer = 0;
        while (!lines.get(answer).contains("\"option\":\"B\"")) {
            answer++;
        }
        List<String> changed = new ArrayList<>(lines);
        changed.set(answer, changed.get(answer).replace("\"option\":\"B\"", "\"option\":\"C\""));
        assertThat(verify(String.join("\n", changed), List.of())).startsWith("broken at line " + (answer + 1) + ": ");

        List<String> missing = new ArrayList<>(lines);
        missing.remove(7);
        assertThat(verify(String.join("\n", missing), List.of())).startsWith("broken at line 8: ");

        List<String> cutOff = new ArrayList<>(lines.subList(0, lines.size() - 3));
        assertThat(verify(String.join("\n", cutOff), List.of("--chain-start", chainStart)))
                .startsWith("broken at line " + (lines.size() - 2) + ": the export ends without its closing line");
        assertThat(exit(String.join("\n", cutOff), List.of())).isEqualTo(1);
        assertThat(exit(export.body(), List.of())).isZero();
    }

    @Test
    void an_export_resumes_after_a_position_with_the_same_events() throws Exception {
        List<JsonNode> whole = lines(acme.caller().get(acme.path("/events")).body());
        long resumeAfter = whole.get(9).get("position").asLong();

        Response rest = acme.caller().get(acme.path("/events?after=" + resumeAfter));

        List<JsonNode> resumed = lines(rest.body());
        List<JsonNode> expected = whole.subList(10, whole.size() - 1);
        // the exports of the other tests are recorded in the meantime: later events may follow
        assertThat(resumed.subList(0, expected.size())).extracting(line -> line.get("eventId").asText())
                .containsExactlyElementsOf(expected.stream().map(line -> line.get("eventId").asText()).toList());
        assertThat(resumed.get(0).get("payload")).isEqualTo(expected.get(0).get("payload"));
        assertThat(resumed.get(0).get("position").asLong()).isEqualTo(whole.get(10).get("position").asLong());
        assertThat(verify(rest.body(), List.of())).startsWith("intact: " + (resumed.size() - 1) + " events");
    }

    @Test
    void filters_by_type_and_time() throws Exception {
        List<JsonNode> completions = lines(acme.caller().get(acme.path("/events?type=AssessmentCompleted")).body());
        assertThat(completions.subList(0, completions.size() - 1))
                .extracting(line -> line.get("type").asText()).containsExactly("AssessmentCompleted",
                        "AssessmentCompleted", "AssessmentCompleted");

        List<JsonNode> twoTypes = lines(acme.caller()
                .get(acme.path("/events?type=AssessmentStarted&type=AssessmentCompleted")).body());
        assertThat(twoTypes).hasSize(7);

        List<JsonNode> none = lines(acme.caller().get(acme.path("/events?to=2020-01-01T00:00:00Z")).body());
        assertThat(none).hasSize(1);
        assertThat(none.get(0).get("end").get("events").asLong()).isZero();
    }

    @Test
    void the_operators_export_is_in_every_organisations_audit_trail() throws Exception {
        Response export = organisations.operator().get("/api/events?type=TeamAdded");
        String exportId = export.headers().firstValue("Klantspiegel-Export-Id").orElseThrow();
        long records = lines(export.body()).size() - 1;

        for (Admin organisation : List.of(acme, other)) {
            JsonNode entry = auditEntry(organisation, exportId);
            assertThat(entry).as("the operator's export in the trail of " + organisation.organisation()).isNotNull();
            assertThat(entry.get("details").get("kind").asText()).isEqualTo("all-events");
            assertThat(entry.get("details").get("filter").asText()).isEqualTo("type=TeamAdded");
            assertThat(entry.get("details").get("records").asText()).isEqualTo(String.valueOf(records));
            assertThat(entry.get("actorKind").asText()).isEqualTo("OPERATOR");
        }
    }

    private static JsonNode auditEntry(Admin organisation, String exportId) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (JsonNode candidate : organisation.caller().get(organisation.path("/audit?type=DataExported&size=100"))
                    .json().get("entries")) {
                if (exportId.equals(candidate.get("details").get("export").asText())) {
                    return candidate;
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    @Test
    void an_organisations_export_is_in_its_audit_trail_with_its_last_hash() throws Exception {
        Response export = analyst.get(acme.path("/events?type=AnswerGiven"));
        String exportId = export.headers().firstValue("Klantspiegel-Export-Id").orElseThrow();
        List<JsonNode> lines = lines(export.body());

        JsonNode entry = null;
        for (int attempt = 0; attempt < 50 && entry == null; attempt++) {
            for (JsonNode candidate : acme.caller().get(acme.path("/audit?type=DataExported&size=100")).json()
                    .get("entries")) {
                if (exportId.equals(candidate.get("details").get("export").asText())) {
                    entry = candidate;
                }
            }
            if (entry == null) {
                Thread.sleep(100);
            }
        }
        assertThat(entry).as("the export in the audit trail").isNotNull();
        assertThat(entry.get("details").get("records").asText()).isEqualTo("18");
        assertThat(entry.get("details").get("filter").asText()).isEqualTo("type=AnswerGiven");
        assertThat(entry.get("details").get("complete").asText()).isEqualTo("true");
        assertThat(entry.get("details").get("lastHash").asText())
                .isEqualTo(lines.get(lines.size() - 1).get("hash").asText());
        assertThat(entry.get("actorEmail").asText()).startsWith("analyst");
    }

    @Test
    void who_may_export_what() {
        assertProblem(teamLead.get(acme.path("/events")), 403, "admins and analysts");
        assertProblem(other.caller().get(acme.path("/events")), 404, "Organisation");
        assertProblem(organisations.operator().get(acme.path("/events")), 403, "operator");
        assertProblem(acme.caller().get("/api/events"), 403, "operator");
        assertThat(api.get(acme.path("/events")).status()).isEqualTo(401);
        assertThat(api.get("/api/events").status()).isEqualTo(401);
        Response wrongToken = api.send(HttpRequest.newBuilder(api.uri("/api/events"))
                .header("Authorization", "Bearer not-a-token").GET());
        assertThat(wrongToken.status()).isEqualTo(401);
    }

    @Test
    void the_operator_sees_where_every_projection_stands() {
        Response projections = organisations.operator().get("/api/projections");

        assertThat(projections.status()).isEqualTo(200);
        assertThat(projections.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        List<String> names = new ArrayList<>();
        for (JsonNode projection : projections.json()) {
            names.add(projection.get("name").asText());
            assertThat(projection.get("status").asText()).as(projection.toString()).isEqualTo("CAUGHT_UP");
            assertThat(projection.get("position").asLong()).isPositive();
            assertThat(projection.get("head").asLong()).isGreaterThan(40);
            assertThat(projection.has("eventsPerSecond")).isTrue();
        }
        assertThat(names).contains("reports", "assessment-views", "audit-trail");
        assertProblem(acme.caller().get("/api/projections"), 403, "operator");
        assertThat(api.get("/api/projections").status()).isEqualTo(401);
    }

    @Test
    void the_completed_assessments_as_a_spreadsheet_without_who_or_when_to_the_minute() throws Exception {
        // acme has one team of three: below the minimum of five, so no row at all
        Response none = analyst.get(acme.path("/assessments"));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.contentType()).startsWith("text/csv");
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(none.body())).getRecords();
        assertThat(rows).isEmpty();
        assertThat(none.body().lines().findFirst().orElseThrow()).isEqualTo("round_id,round,team_id,team,started_on,"
                + "completed_on,instrument_version,q1_option,q1_points,q2_option,q2_points,q3_option,q3_points,"
                + "q4_option,q4_points,q5_option,q5_points,q6_option,q6_points,column_a,column_b,column_c,total,band");
        assertThat(acme.caller().put(acme.path("/minimum-group-size"), Map.of("minimumGroupSize", 3)).status())
                .as("the minimum can only be raised once a round was opened").isEqualTo(409);

        assertProblem(teamLead.get(acme.path("/assessments")), 403, "admins and analysts");
        assertProblem(acme.caller().get(acme.path("/assessments?from=yesterday")), 400, "'from' must be a day");
    }

    @Test
    void bad_filters_are_refused_with_a_problem() {
        assertProblem(acme.caller().get(acme.path("/events?after=-1")), 400, "after is a position");
        assertProblem(acme.caller().get(acme.path("/events?after=abc")), 400, "after is a position");
        assertProblem(acme.caller().get(acme.path("/events?from=yesterday")), 400, "from is an ISO-8601 instant");
        assertProblem(acme.caller().get(acme.path("/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")),
                400, "from must be before to");
        assertProblem(acme.caller().get(acme.path("/events?type=Nope")), 400, "Unknown event type Nope");
    }

    // ----- helpers -------------------------------------------------------------------------------------

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** What {@code java -jar … verify-export FILE} prints. */
    private String verify(String export, List<String> options) {
        return run(export, options).output;
    }

    private int exit(String export, List<String> options) {
        return run(export, options).exit;
    }

    private Run run(String export, List<String> options) {
        try {
            Path file = Files.createTempFile(files, "export", ".ndjson");
            Files.writeString(file, export + "\n");
            List<String> args = new ArrayList<>(List.of("verify-export", file.toString()));
            args.addAll(options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = VerifyExport.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Run(int exit, String output) {
    }
}
