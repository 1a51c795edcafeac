package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two attacks that recovered single respondents before, over HTTP, by members who remember everything: polling
 * every report, spreadsheet, export and audit page before and after one respondent finishes, and asking every report
 * as of the moments around that completion. Releases come every second here (the product's default is every hour), so
 * the attacker may wait as long as a release takes and more. Nothing may change by fewer than the minimum group size:
 * one completion changes nothing anybody sees, five together move the figures by exactly five.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "klantspiegel.reports.release-every=PT1S"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnonymityOverTimeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than a release period and the timer's looks together, several times over. */
    private static final Duration RELEASES_HAD_THEIR_CHANCE = Duration.ofSeconds(4);

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "anonymity-over-time-data");
    }

    @LocalServerPort
    int port;

    ApiClient api;
    Admin admin;
    Caller analyst;
    Caller lead;
    String teamA;
    String teamB;
    String small;
    String round;
    String invitation;

    /**
     * Minimum 5; team A five completed, team B five, the small team one: A's and B's are released (a release takes a
     * team's waiting tests as soon as they are five), the small team's one waits.
     */
    @BeforeAll
    void aReleasedRound() {
        api = new ApiClient(port);
        Organisations organisations = new Organisations(api);
        admin = organisations.organisationWithAdmin("Over tijd " + UUID.randomUUID(),
                "tijd" + UUID.randomUUID() + "@example.nl");
        teamA = team("A");
        teamB = team("B");
        small = team("Klein");
        analyst = organisations.member(admin, "analist" + UUID.randomUUID() + "@example.nl", "ANALYST", List.of());
        lead = organisations.member(admin, "leider" + UUID.randomUUID() + "@example.nl", "TEAM_LEAD", List.of(teamA));
        JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
        round = opened.get("id").asText();
        invitation = opened.get("invitationToken").asText();
        for (int i = 0; i < 5; i++) {
            complete(teamA, i % 2 == 0 ? "cccccc" : "abcabc");
        }
        for (int i = 0; i < 5; i++) {
            complete(teamB, "aaaaaa");
        }
        complete(small, "bbbbbb");
        waitUntil(() -> roundN() == 10, "the teams' first batches released");
        // the teams' batches may come in two releases; the last one lies before this moment, and the window asked
        // "as of" around the next completion reaches 500 ms back: it must not reach back into that release
        pause(Duration.ofMillis(600));
    }

    private String roundReport() {
        return admin.caller().get(admin.path("/reports/rounds/" + round)).body();
    }

    @Test
    @Order(1)
    void one_completion_changes_nothing_anybody_sees_live_however_long_they_wait() {
        Map<String, String> before = everything(null);

        Instant from = Instant.now();
        complete(teamA, "bbbbbb");
        pause(RELEASES_HAD_THEIR_CHANCE);
        Map<String, String> after = everything(null);

        asOfAroundThatCompletion = from;
        assertThat(before).hasSizeGreaterThan(20);
        assertSame(before, after);
    }

    private Instant asOfAroundThatCompletion;

    @Test
    @Order(2)
    void asked_as_of_any_moment_around_that_completion_every_report_is_the_same() {
        Instant from = asOfAroundThatCompletion.minusMillis(500);
        Instant to = Instant.now().minusMillis(1);
        Map<String, String> first = reportsAsOf(from);
        long step = Math.max(1, Duration.between(from, to).toMillis() / 40);
        int moments = 0;
        for (Instant moment = from; !moment.isAfter(to); moment = moment.plusMillis(step)) {
            assertThat(reportsAsOf(moment)).as("as of %s", moment).isEqualTo(first);
            moments++;
        }
        assertThat(moments).isGreaterThan(30);
        assertThat(first.get("admin round")).contains("\"n\":10");
    }

    @Test
    @Order(3)
    void five_completions_of_a_team_move_its_figures_and_the_organisations_by_exactly_five() {
        Map<String, String> before = everything(null);
        Instant beforeRelease = Instant.now();
        for (int i = 0; i < 4; i++) {
            complete(teamA, "cbabcc");
        }
        waitUntil(() -> roundN() == 15, "team A's second batch (the one waiting and four more)");

        JsonNode report = admin.caller().get(admin.path("/reports/rounds/" + round)).json();
        assertThat(report.get("organisation").get("n").asInt()).isEqualTo(15);
        assertThat(teamN(report, teamA)).isEqualTo(10);
        assertThat(teamN(report, teamB)).isEqualTo(5);
        assertThat(teamN(report, small)).as("the small team's one waits for four more, or the round's close")
                .isZero();
        assertThat(everything(null)).isNotEqualTo(before);
        JsonNode then = admin.caller().get(admin.path("/reports/rounds/" + round + "?asOf=" + beforeRelease)).json();
        assertThat(then.get("organisation").get("n").asInt()).as("as of before that release").isEqualTo(10);
        int rows = csvRows(admin.caller().get(admin.path("/assessments")).body());
        assertThat(rows).isEqualTo(15);
    }

    /** Everything seen equal, or the first thing that differs, where it differs. */
    private static void assertSame(Map<String, String> before, Map<String, String> after) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String what : before.keySet()) {
            String one = before.get(what);
            String other = after.get(what);
            if (!one.equals(other)) {
                int at = 0;
                while (at < Math.min(one.length(), other.length()) && one.charAt(at) == other.charAt(at)) {
                    at++;
                }
                int from = Math.max(0, at - 150);
                throw new AssertionError(what + " changed at character " + at + ":\n  before: …"
                        + one.substring(from, Math.min(one.length(), at + 150)) + "\n  after:  …"
                        + other.substring(from, Math.min(other.length(), at + 150)));
            }
        }
    }

    // ----- what the members see ---------------------------------------------------------------------------------

    /** Every report, spreadsheet, export and audit page, for each member who may take it; volatile parts dropped. */
    private Map<String, String> everything(Instant asOf) {
        Map<String, String> seen = new LinkedHashMap<>(reportsAsOf(asOf));
        for (Map.Entry<String, Caller> member : Map.of("admin", admin.caller(), "analyst", analyst).entrySet()) {
            String who = member.getKey();
            Caller caller = member.getValue();
            seen.put(who + " answer changes", stable(caller.get(admin.path("/reports/answer-changes")).body()));
            seen.put(who + " answer changes of the round",
                    stable(caller.get(admin.path("/reports/answer-changes?round=" + round)).body()));
            seen.put(who + " re-scoring", stable(caller.get(admin.path("/reports/rescoring?scoring=alleen-klantgericht"))
                    .body()));
            seen.put(who + " answer changes csv", caller.get(admin.path("/reports/answer-changes?format=csv")).body());
            seen.put(who + " spreadsheet", caller.get(admin.path("/assessments")).body());
            seen.put(who + " export", exported(caller.get(admin.path("/events")).body()));
        }
        JsonNode audit = admin.caller().get(admin.path("/audit?type=ResultsReleased&size=500")).json();
        seen.put("admin audit participation", audit.get("participation").toString());
        seen.put("admin audit releases", audit.get("entries").toString());
        return seen;
    }

    private Map<String, String> reportsAsOf(Instant asOf) {
        Map<String, String> seen = new LinkedHashMap<>();
        String as = asOf == null ? "" : "asOf=" + asOf;
        for (Map.Entry<String, Caller> member : Map.of("admin", admin.caller(), "analyst", analyst, "lead", lead)
                .entrySet()) {
            Caller caller = member.getValue();
            String who = member.getKey();
            for (String granularity : List.of("week", "month", "quarter", "year")) {
                seen.put(who + " trend " + granularity, stable(caller.get(admin.path("/reports/trend?granularity="
                        + granularity + (as.isEmpty() ? "" : "&" + as))).body()));
                seen.put(who + " trend csv " + granularity, caller.get(admin.path("/reports/trend?format=csv&granularity="
                        + granularity + (as.isEmpty() ? "" : "&" + as))).body());
            }
            seen.put(who + " round", stable(caller.get(admin.path("/reports/rounds/" + round
                    + (as.isEmpty() ? "" : "?" + as))).body()));
            seen.put(who + " round csv", caller.get(admin.path("/reports/rounds/" + round + "?format=csv"
                    + (as.isEmpty() ? "" : "&" + as))).body());
            seen.put(who + " heatmap", stable(caller.get(admin.path("/reports/heatmap"
                    + (as.isEmpty() ? "" : "?" + as))).body()));
            if (as.isEmpty()) { // the participation is as it is now only
                seen.put(who + " participation", stable(caller.get(admin.path("/reports/rounds/" + round
                        + "/participation")).body()));
            }
            seen.put(who + " focus", stable(caller.get(admin.path("/reports/rounds/" + round + "/focus"
                    + (as.isEmpty() ? "" : "?" + as))).body()));
        }
        return seen;
    }

    /** A report without the moment releases are next looked for (it moves with the clock, not with anybody). */
    private static String stable(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json.has("provenance")) {
                ((ObjectNode) json.get("provenance")).remove("nextCheck");
            }
            return json.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An export's lines without what the members' own exports add (each one taken is recorded as DataExported: the
     * attacker's polling, not a respondent) and without what makes each export its own: its id, chain, hashes, counts
     * and times of taking it.
     */
    private static String exported(String ndjson) {
        List<String> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            try {
                ObjectNode json = (ObjectNode) JSON.readTree(line);
                if ("DataExported".equals(json.path("type").asText())) {
                    continue;
                }
                json.remove("hash");
                if (json.has("end")) {
                    ObjectNode end = (ObjectNode) json.get("end");
                    for (String own : List.of("exportId", "chainStart", "startedAt", "finishedAt", "events",
                            "lastPosition", "head")) {
                        end.remove(own);
                    }
                }
                lines.add(json.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.join("\n", lines);
    }

    // ----- helpers ------------------------------------------------------------------------------------------------

    private String team(String name) {
        return admin.caller().post(admin.path("/teams"), Map.of("name", name + " " + UUID.randomUUID()))
                .json().get("id").asText();
    }

    private void complete(String team, String answers) {
        Response started = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team)));
        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            assertThat(api.answer(id, question, String.valueOf(answers.charAt(question - 1))).status())
                    .isEqualTo(200);
        }
        assertThat(api.post("/api/assessments/" + id + "/completion", null).status()).isEqualTo(200);
    }

    private int roundN() {
        return admin.caller().get(admin.path("/reports/rounds/" + round)).json().get("organisation").get("n").asInt();
    }

    private static int teamN(JsonNode report, String team) {
        for (JsonNode group : report.get("teams")) {
            if (team.equals(group.get("teamId").asText())) {
                return group.get("n").asInt();
            }
        }
        throw new AssertionError("no team " + team + " in " + report);
    }

    private static int csvRows(String csv) {
        return (int) csv.lines().filter(line -> !line.isBlank()).count() - 1;
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what + "; the round: " + roundReport());
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
