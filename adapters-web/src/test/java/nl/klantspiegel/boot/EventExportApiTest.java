package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event exports over HTTP with real tokens and the real release timer (every second): two organisations and the
 * public test in one store. Acme's round Voorjaar has Sales with five completed (released as a batch), Support with
 * two completed (waiting: below the minimum) and one Sales respondent who never finished; its round Najaar had Sales
 * three and Support two completed when it was closed, so they were released pooled. Acme's export holds its own
 * events and its releases, each followed by its batches' assessments under pseudonyms at the release's time —
 * no assessment id, no language, no moment anyone answered; the chain verifies with the jar's own command, a changed
 * or missing line is found, and exports resume after a position of the organisation's own numbering.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "klantspiegel.reports.release-every=PT1S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventExportApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PSEUDONYM = "p-[0-9a-f]{32}";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

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
    String sales;
    String support;
    String voorjaar;
    String najaar;
    /** Acme's assessments a release showed: five of Sales in Voorjaar, five pooled in Najaar. */
    final Set<String> acmeReleased = new HashSet<>();
    /** Acme's assessments no release showed: Support's two in Voorjaar, and one never finished. */
    final Set<String> acmeWaiting = new HashSet<>();
    final Set<String> otherAssessments = new HashSet<>();
    String publicAssessment;

    @BeforeAll
    void twoOrganisationsAndThePublicTest() {
        api = new ApiClient(port);
        organisations = new Organisations(api);
        acme = organisations.organisationWithAdmin("Acme " + UUID.randomUUID(), "acme" + UUID.randomUUID() + "@example.nl");
        other = organisations.organisationWithAdmin("Other " + UUID.randomUUID(), "other" + UUID.randomUUID() + "@example.nl");
        sales = acme.caller().post(acme.path("/teams"), Map.of("name", "Sales")).json().get("id").asText();
        support = acme.caller().post(acme.path("/teams"), Map.of("name", "Support")).json().get("id").asText();
        analyst = organisations.member(acme, "analyst" + UUID.randomUUID() + "@example.nl", "ANALYST", List.of());
        teamLead = organisations.member(acme, "lead" + UUID.randomUUID() + "@example.nl", "TEAM_LEAD", List.of(sales));
        String otherTeam = other.caller().post(other.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
        JsonNode acmeRound = acme.caller().post(acme.path("/rounds"), Map.of("name", "Voorjaar")).json();
        voorjaar = acmeRound.get("id").asText();
        JsonNode pooledRound = acme.caller().post(acme.path("/rounds"), Map.of("name", "Najaar")).json();
        najaar = pooledRound.get("id").asText();
        String otherInvitation = other.caller().post(other.path("/rounds"), Map.of("name", "Voorjaar")).json()
                .get("invitationToken").asText();
        publicAssessment = api.start("nl");
        for (int i = 0; i < 5; i++) {
            acmeReleased.add(respond(acmeRound.get("invitationToken").asText(), sales, true));
            otherAssessments.add(respond(otherInvitation, otherTeam, true));
        }
        for (int i = 0; i < 3; i++) {
            api.answer(publicAssessment, i + 1, "a");
        }
        for (int i = 0; i < 2; i++) {
            acmeWaiting.add(respond(acmeRound.get("invitationToken").asText(), support, true));
        }
        acmeWaiting.add(respond(acmeRound.get("invitationToken").asText(), sales, false));
        for (int i = 0; i < 3; i++) {
            acmeReleased.add(respond(pooledRound.get("invitationToken").asText(), sales, true));
        }
        for (int i = 0; i < 2; i++) {
            acmeReleased.add(respond(pooledRound.get("invitationToken").asText(), support, true));
        }
        assertThat(acme.caller().post(acme.path("/rounds/" + najaar + "/closure"), null).status()).isEqualTo(200);
        for (String round : List.of(voorjaar, najaar)) {
            Await.until("acme's batch of round " + round + " released",
                    () -> acme.caller().get(acme.path("/reports/rounds/" + round)).json(),
                    report -> report.get("organisation").get("n").asInt() == 5);
        }
        Await.until("the other organisation's batch released",
                () -> other.caller().get(other.path("/reports/trend?granularity=year")).json(),
                trend -> trend.get("series").get(0).get("points").get(trend.get("periods").size() - 1).get("n")
                        .asInt() == 5);
    }

    private String respond(String invitation, String team, boolean complete) {
        Response started = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team, "language", "en")));
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, "b").status()).isEqualTo(200);
        }
        if (complete) {
            assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
        }
        return id;
    }

    private Set<String> everyAssessmentId() {
        Set<String> all = new HashSet<>(acmeReleased);
        all.addAll(acmeWaiting);
        all.addAll(otherAssessments);
        all.add(publicAssessment);
        return all;
    }

    @Test
    void an_organisation_exports_its_own_events_and_its_released_results_under_pseudonyms() throws Exception {
        Response export = analyst.get(acme.path("/events"));

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.headers().firstValue("Cache-Control")).contains("no-store");
        List<JsonNode> lines = lines(export.body());
        List<JsonNode> events = lines.subList(0, lines.size() - 1);
        long head = Long.parseLong(export.headers().firstValue("Klantspiegel-Export-Head").orElseThrow());

        // positions: the organisation's own, 1 to the head; a release's assessments carry the release's
        List<Long> positions = new ArrayList<>();
        JsonNode release = null;
        Map<String, JsonNode> releaseOf = new HashMap<>();
        List<JsonNode> releases = new ArrayList<>();
        Map<String, List<JsonNode>> byPseudonym = new LinkedHashMap<>();
        for (JsonNode event : events) {
            assertThat(event.fieldNames()).toIterable().containsExactly("position", "eventId", "type", "revision",
                    "aggregateType", "aggregateId", "sequence", "timestamp", "payload", "hash");
            long position = event.get("position").asLong();
            if (event.get("aggregateType").asText().equals("AssessmentAggregate")) {
                assertThat(release).as("an assessment's events follow the release that showed it").isNotNull();
                assertThat(position).isEqualTo(release.get("position").asLong());
                releaseOf.put(event.get("aggregateId").asText(), release);
                byPseudonym.computeIfAbsent(event.get("aggregateId").asText(), name -> new ArrayList<>()).add(event);
            } else {
                assertThat(position).as("the organisation's own numbering").isEqualTo(positions.size() + 1L);
                positions.add(position);
                release = event.get("type").asText().equals("ResultsReleased") ? event : null;
                if (release != null) {
                    releases.add(release);
                }
            }
        }
        assertThat(positions).hasSize((int) head);
        Set<String> aggregates = events.stream().map(event -> event.get("aggregateId").asText())
                .filter(id -> !id.matches(PSEUDONYM)).collect(Collectors.toSet());
        assertThat(aggregates).containsExactlyInAnyOrder(acme.organisation(), acme.organisation() + "/releases");

        // each release: when, what it holds per round and team (none when pooled) and how many — never who
        List<JsonNode> batches = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            JsonNode payload = releases.get(i).get("payload");
            assertThat(payload.fieldNames()).toIterable().containsExactly("organisationId", "number", "cutoff", "at",
                    "minimumGroupSize", "completed");
            assertThat(payload.get("number").asLong()).isEqualTo(i + 1);
            assertThat(payload.get("organisationId").asText()).isEqualTo(acme.organisation());
            assertThat(payload.get("minimumGroupSize").asInt()).isEqualTo(5);
            assertThat(releases.get(i).get("timestamp").asText()).isEqualTo(payload.get("at").asText());
            assertThat(Instant.parse(payload.get("cutoff").asText()).toEpochMilli() % 1000)
                    .as("a cutoff is a whole second here").isZero();
            payload.get("completed").forEach(batch -> {
                assertThat(batch.fieldNames()).toIterable().containsExactly("roundId", "teamId", "size");
                batches.add(batch);
            });
        }
        assertThat(batches).extracting(JsonNode::toString).containsExactlyInAnyOrder(
                "{\"roundId\":\"" + voorjaar + "\",\"teamId\":\"" + sales + "\",\"size\":5}",
                "{\"roundId\":\"" + najaar + "\",\"teamId\":null,\"size\":5}");

        // per released assessment a start, six answers and a completion, under a pseudonym, at the release's time
        assertThat(byPseudonym).hasSize(10);
        for (Map.Entry<String, List<JsonNode>> assessment : byPseudonym.entrySet()) {
            JsonNode releasedBy = releaseOf.get(assessment.getKey());
            String at = releasedBy.get("payload").get("at").asText();
            assertThat(assessment.getValue()).extracting(line -> line.get("type").asText()).containsExactly(
                    "AssessmentStarted", "AnswerGiven", "AnswerGiven", "AnswerGiven", "AnswerGiven", "AnswerGiven",
                    "AnswerGiven", "AssessmentCompleted");
            for (int sequence = 0; sequence < 8; sequence++) {
                JsonNode line = assessment.getValue().get(sequence);
                assertThat(line.get("sequence").asLong()).isEqualTo(sequence);
                assertThat(line.get("eventId").asText()).matches(PSEUDONYM);
                assertThat(line.get("timestamp").asText()).isEqualTo(at);
                assertThat(line.get("payload").get("at").asText()).isEqualTo(at);
                assertThat(line.get("payload").get("assessmentId").asText()).isEqualTo(assessment.getKey());
            }
            JsonNode start = assessment.getValue().get(0).get("payload");
            assertThat(start.fieldNames()).toIterable().containsExactly("assessmentId", "instrumentVersion",
                    "organisationId", "roundId", "teamId", "at");
            boolean pooled = start.get("roundId").asText().equals(najaar);
            assertThat(start.get("teamId").isNull()).as("a pooled batch names no team").isEqualTo(pooled);
            if (!pooled) {
                assertThat(start.get("teamId").asText()).isEqualTo(sales);
            }
        }

        // nothing that leads to a respondent: no assessment id (the respondent's key to it), no language, no moment
        // anyone answered — only the releases' times
        for (String id : everyAssessmentId()) {
            assertThat(export.body()).as("assessment id " + id).doesNotContain(id);
        }
        assertThat(export.body()).doesNotContain("language").doesNotContain("\"en\"").doesNotContain(other.organisation());
        Set<String> shownTimes = new HashSet<>(); // the organisation's own events' and the releases' times
        for (JsonNode event : events) {
            if (!event.get("aggregateType").asText().equals("AssessmentAggregate")) {
                shownTimes.add(event.get("timestamp").asText());
            }
        }
        releases.forEach(one -> shownTimes.add(one.get("payload").get("cutoff").asText()));
        for (String id : acmeReleased) {
            for (String time : eventTimes(id)) {
                if (!shownTimes.contains(time)) {
                    assertThat(export.body()).as("a moment assessment " + id + " was answered").doesNotContain(time);
                }
            }
        }
        // a pseudonym opens nothing
        for (String pseudonym : byPseudonym.keySet()) {
            assertThat(api.get("/api/assessments/" + pseudonym).status()).as(pseudonym).isEqualTo(404);
        }
        assertThat(api.get("/api/assessments/" + byPseudonym.keySet().iterator().next() + "/history").status())
                .isEqualTo(404);

        JsonNode end = lines.get(lines.size() - 1).get("end");
        assertThat(end.get("events").asLong()).isEqualTo(events.size());
        assertThat(end.get("lastPosition").asLong()).isEqualTo(events.get(events.size() - 1).get("position").asLong());
        assertThat(end.get("head").asLong()).isEqualTo(head);
        assertThat(end.get("exportId").asText()).isEqualTo(export.headers().firstValue("Klantspiegel-Export-Id").orElseThrow());
        assertThat(end.get("chainStart").asText())
                .isEqualTo(export.headers().firstValue("Klantspiegel-Chain-Start").orElseThrow());
        assertThat(verify(export.body(), List.of())).startsWith("intact: " + events.size() + " events");

        // the other organisation's export: its own batch under its own pseudonyms, none of acme's
        Response others = other.caller().get(other.path("/events"));
        Set<String> theirs = lines(others.body()).stream().filter(line -> line.has("aggregateId"))
                .map(line -> line.get("aggregateId").asText()).filter(id -> id.matches(PSEUDONYM))
                .collect(Collectors.toSet());
        assertThat(theirs).hasSize(5).doesNotContainAnyElementsOf(byPseudonym.keySet());
        for (String id : everyAssessmentId()) {
            assertThat(others.body()).doesNotContain(id);
        }
        assertThat(others.body()).doesNotContain(acme.organisation());
        assertThat(verify(others.body(), List.of())).startsWith("intact: ");
    }

    /** Every moment an assessment's history names: when each event was stored and the time it states. */
    private List<String> eventTimes(String id) {
        List<String> times = new ArrayList<>();
        for (JsonNode entry : api.get("/api/assessments/" + id + "/history").json()) {
            times.add(entry.get("time").asText());
            times.add(entry.get("data").get("at").asText());
        }
        assertThat(times).hasSize(16);
        return times;
    }

    @Test
    void the_operator_exports_everything_as_stored_including_the_public_test() {
        Response export = organisations.operator().get("/api/events");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains(acme.organisation(), other.organisation(), publicAssessment,
                "\"ResultsReleased\"");
        acmeReleased.forEach(id -> assertThat(export.body()).contains(id));
        assertThat(verify(export.body(), List.of())).startsWith("intact: ");
    }

    @Test
    void an_export_verifies_and_a_changed_missing_or_cut_off_line_is_found_by_the_jars_command() throws Exception {
        Response export = acme.caller().get(acme.path("/events"));
        String chainStart = export.headers().firstValue("Klantspiegel-Chain-Start").orElseThrow();
        List<String> lines = new ArrayList<>(export.body().lines().toList());
        assertThat(lines.size()).isGreaterThan(80);

        assertThat(verify(export.body(), List.of("--chain-start", chainStart)))
                .isEqualTo("intact: " + (lines.size() - 1) + " events, export "
                        + export.headers().firstValue("Klantspiegel-Export-Id").orElseThrow() + ", last hash "
                        + JSON.readTree(lines.get(lines.size() - 1)).get("hash").asText() + "\n");

        int answer = 0;
        while (!lines.get(answer).contains("\"type\":\"AnswerGiven\"")) {
            answer++;
        }
        String option = JSON.readTree(lines.get(answer)).get("payload").get("option").asText();
        String otherOption = option.equalsIgnoreCase("c") ? "a" : "c";
        otherOption = option.equals(option.toUpperCase()) ? otherOption.toUpperCase() : otherOption;
        List<String> changed = new ArrayList<>(lines);
        changed.set(answer, changed.get(answer).replace("\"option\":\"" + option + "\"",
                "\"option\":\"" + otherOption + "\""));
        assertThat(changed.get(answer)).isNotEqualTo(lines.get(answer));
        assertThat(verify(String.join("\n", changed), List.of())).startsWith("broken at line " + (answer + 1) + ": ");

        int releaseLine = 0;
        while (!lines.get(releaseLine).contains("\"type\":\"ResultsReleased\"")) {
            releaseLine++;
        }
        List<String> withoutRelease = new ArrayList<>(lines);
        withoutRelease.remove(releaseLine);
        assertThat(verify(String.join("\n", withoutRelease), List.of()))
                .startsWith("broken at line " + (releaseLine + 1) + ": ");

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
    void an_export_resumes_after_a_position_of_the_organisations_own_numbering() throws Exception {
        List<JsonNode> whole = lines(acme.caller().get(acme.path("/events")).body());
        int first = 0;
        while (!whole.get(first).get("type").asText().equals("ResultsReleased")) {
            first++;
        }
        long release = whole.get(first).get("position").asLong();

        // after the position before a release: the release and its assessments, as before
        Response fromRelease = acme.caller().get(acme.path("/events?after=" + (release - 1)));
        List<JsonNode> resumed = lines(fromRelease.body());
        List<JsonNode> expected = whole.subList(first, whole.size() - 1);
        // the exports of the other tests are recorded in the meantime: later events may follow
        assertThat(resumed.subList(0, expected.size())).extracting(line -> line.get("eventId").asText())
                .containsExactlyElementsOf(expected.stream().map(line -> line.get("eventId").asText()).toList());
        assertThat(resumed.get(0).get("payload")).isEqualTo(expected.get(0).get("payload"));
        assertThat(resumed.get(1).get("payload")).isEqualTo(expected.get(1).get("payload"));
        assertThat(resumed.get(0).get("position").asLong()).isEqualTo(release);
        assertThat(verify(fromRelease.body(), List.of())).startsWith("intact: " + (resumed.size() - 1) + " events");

        // after the release's position: what follows it, none of its assessments again
        List<JsonNode> after = lines(acme.caller().get(acme.path("/events?after=" + release)).body());
        assertThat(after.subList(0, after.size() - 1))
                .allSatisfy(line -> assertThat(line.get("position").asLong()).isGreaterThan(release));
        int next = first + 1;
        while (next < whole.size() - 1 && whole.get(next).get("position").asLong() == release) {
            next++;
        }
        assertThat(after.get(0).get("eventId").asText()).isEqualTo(whole.get(next).get("eventId").asText());
        assertThat(lines(acme.caller().get(acme.path("/events?after=1000000")).body())).hasSize(1);
    }

    @Test
    void filters_by_type_and_time() throws Exception {
        List<JsonNode> completions = lines(acme.caller().get(acme.path("/events?type=AssessmentCompleted")).body());
        assertThat(completions.subList(0, completions.size() - 1))
                .extracting(line -> line.get("type").asText()).hasSize(10).containsOnly("AssessmentCompleted");

        List<JsonNode> twoTypes = lines(acme.caller()
                .get(acme.path("/events?type=AssessmentStarted&type=AssessmentCompleted")).body());
        assertThat(twoTypes).hasSize(21);

        List<JsonNode> releases = lines(acme.caller().get(acme.path("/events?type=ResultsReleased")).body());
        releases = releases.subList(0, releases.size() - 1);
        assertThat(releases).isNotEmpty().allSatisfy(line -> assertThat(line.get("type").asText())
                .isEqualTo("ResultsReleased"));

        // a time filter sees the releases' times: the last release and its assessments from its own time on
        JsonNode last = releases.get(releases.size() - 1);
        String at = last.get("timestamp").asText();
        List<JsonNode> since = lines(acme.caller().get(acme.path("/events?from=" + at)).body());
        List<JsonNode> assessments = since.stream().filter(line -> line.has("aggregateType")
                && line.get("aggregateType").asText().equals("AssessmentAggregate")).toList();
        int shown = 0;
        for (JsonNode batch : last.get("payload").get("completed")) {
            shown += batch.get("size").asInt();
        }
        assertThat(assessments).hasSize(shown * 8)
                .allSatisfy(line -> assertThat(line.get("timestamp").asText()).isEqualTo(at));
        List<JsonNode> before = lines(acme.caller().get(acme.path("/events?to=" + at)).body());
        assertThat(before.subList(0, before.size() - 1))
                .allSatisfy(line -> assertThat(Instant.parse(line.get("timestamp").asText())).isBefore(Instant.parse(at)))
                .noneSatisfy(line -> assertThat(line.get("eventId").asText()).isEqualTo(last.get("eventId").asText()));

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

        JsonNode entry = auditEntry(acme, exportId);
        assertThat(entry).as("the export in the audit trail").isNotNull();
        assertThat(entry.get("details").get("kind").asText()).isEqualTo("events");
        assertThat(entry.get("details").get("records").asText()).as("six answers of each of the ten released")
                .isEqualTo("60");
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
        assertThat(names).contains("reports", "organisation-views", "audit-trail");
        assertProblem(acme.caller().get("/api/projections"), 403, "operator");
        assertThat(api.get("/api/projections").status()).isEqualTo(401);
    }

    @Test
    void the_released_assessments_as_a_spreadsheet_under_pseudonyms_and_release_days() throws Exception {
        Response sheet = analyst.get(acme.path("/assessments"));
        assertThat(sheet.status()).isEqualTo(200);
        assertThat(sheet.contentType()).startsWith("text/csv");
        assertThat(sheet.body().lines().findFirst().orElseThrow()).isEqualTo("assessment,round_id,round,team_id,team,"
                + "released_on,instrument_version,q1_option,q1_points,q2_option,q2_points,q3_option,q3_points,"
                + "q4_option,q4_points,q5_option,q5_points,q6_option,q6_points,column_a,column_b,column_c,total,band");
        List<CSVRecord> rows = csv(sheet.body());
        assertThat(rows).as("the two released batches; Support's two in Voorjaar wait").hasSize(10);

        // the same pseudonyms as the event export, each with the day of the release that showed it
        Map<String, String> releaseDay = new HashMap<>();
        Map<String, String> roundOf = new HashMap<>();
        JsonNode release = null;
        for (JsonNode line : lines(acme.caller().get(acme.path("/events")).body())) {
            if (line.has("type") && line.get("type").asText().equals("ResultsReleased")) {
                release = line;
            } else if (line.has("aggregateType") && line.get("aggregateType").asText().equals("AssessmentAggregate")
                    && line.get("type").asText().equals("AssessmentStarted")) {
                releaseDay.put(line.get("aggregateId").asText(), Instant.parse(release.get("payload").get("at")
                        .asText()).atZone(AMSTERDAM).toLocalDate().toString());
                roundOf.put(line.get("aggregateId").asText(), line.get("payload").get("roundId").asText());
            }
        }
        for (CSVRecord row : rows) {
            String pseudonym = row.get("assessment");
            assertThat(pseudonym).matches(PSEUDONYM);
            assertThat(row.get("released_on")).isEqualTo(releaseDay.get(pseudonym));
            assertThat(row.get("round_id")).isEqualTo(roundOf.get(pseudonym));
            if (row.get("round_id").equals(voorjaar)) {
                assertThat(row.get("round")).isEqualTo("Voorjaar");
                assertThat(row.get("team_id")).isEqualTo(sales);
                assertThat(row.get("team")).isEqualTo("Sales");
            } else {
                assertThat(row.get("round")).isEqualTo("Najaar");
                assertThat(row.get("team_id")).as("pooled: no team").isEmpty();
                assertThat(row.get("team")).isEmpty();
            }
            // all b: 3 + 5 + 1 + 5 + 1 + 3 = 18, all in column b
            assertThat(row.get("q2_option")).isEqualTo("b");
            assertThat(row.get("q2_points")).isEqualTo("5");
            assertThat(row.get("column_b")).isEqualTo("18");
            assertThat(row.get("total")).isEqualTo("18");
            assertThat(row.get("band")).isEqualTo("AVERAGE");
        }
        assertThat(rows).extracting(row -> row.get("assessment")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(releaseDay.keySet());
        for (String id : everyAssessmentId()) {
            assertThat(sheet.body()).doesNotContain(id);
        }
        assertThat(sheet.body()).doesNotContainPattern("T\\d{2}:\\d{2}").doesNotContain("started_on")
                .doesNotContain("completed_on");
        long lastRelease = acme.caller().get(acme.path("/reports/rounds/" + voorjaar)).json().get("provenance")
                .get("release").get("number").asLong();
        assertThat(sheet.headers().firstValue("Klantspiegel-Release")).hasValue(String.valueOf(lastRelease));
        assertThat(sheet.headers().firstValue("Klantspiegel-Position")).isEmpty();

        assertThat(csv(analyst.get(acme.path("/assessments?round=" + najaar)).body()))
                .hasSize(5).allSatisfy(row -> assertThat(row.get("team_id")).isEmpty());
        assertThat(csv(analyst.get(acme.path("/assessments?team=" + sales)).body()))
                .as("a team's own batches: not its part of a pool").hasSize(5)
                .allSatisfy(row -> assertThat(row.get("round_id")).isEqualTo(voorjaar));
        assertThat(csv(analyst.get(acme.path("/assessments?team=" + support)).body())).isEmpty();

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

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
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
