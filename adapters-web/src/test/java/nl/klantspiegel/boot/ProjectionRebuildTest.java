package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding the reports while the product keeps serving: a script keeps answering; the rebuild is refused a second
 * time while it runs, shows as rebuilding with its progress, and ends on a new version of the facts that holds every
 * answer, also those given during the rebuild — the old version answered meanwhile, and is dropped.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD})
class ProjectionRebuildTest {

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "rebuild-test-data");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void the_reports_are_rebuilt_beside_the_answering_ones_while_answers_keep_coming() throws Exception {
        ApiClient api = new ApiClient(port);
        Organisations organisations = new Organisations(api);
        Admin admin = organisations.organisationWithAdmin("Herbouw " + UUID.randomUUID(),
                "herbouw" + UUID.randomUUID() + "@example.nl");
        String team = admin.caller().post(admin.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
        JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
        String round = opened.get("id").asText();
        String invitation = opened.get("invitationToken").asText();
        AtomicInteger completed = new AtomicInteger();
        for (int i = 0; i < 25; i++) {
            respond(api, invitation, team, completed);
        }
        String reportPath = admin.path("/reports/rounds/" + round);
        assertThat(admin.caller().get(reportPath).json().get("organisation").get("n").asInt()).isEqualTo(25);
        Caller operator = organisations.operator();

        AtomicBoolean answering = new AtomicBoolean(true);
        CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
            while (answering.get()) {
                respond(api, invitation, team, completed);
            }
        });
        Response started = operator.post("/api/projections/reports/rebuild", null);
        Response again = operator.post("/api/projections/reports/rebuild", null);

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertProblem(again, 409, "being rebuilt already");
        List<String> seen = new ArrayList<>();
        List<Integer> answeredDuring = new ArrayList<>();
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode reports = reports(operator);
            seen.add(reports.get("status").asText());
            if (reports.get("status").asText().equals("REBUILDING")) {
                assertThat(reports.get("percent").asDouble()).isBetween(0.0, 100.0);
                answeredDuring.add(admin.caller().get(reportPath).json().get("organisation").get("n").asInt());
            } else if (seen.contains("REBUILDING")) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(seen).as("rebuilding, then caught up").contains("REBUILDING").endsWith("CAUGHT_UP");
        assertThat(answeredDuring).as("the old version answered during the rebuild, never less than before")
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(25));
        respond(api, invitation, team, completed); // at least one answer after the switch
        answering.set(false);
        script.get(30, TimeUnit.SECONDS);

        int expected = completed.get();
        int n = 0;
        for (int attempt = 0; attempt < 200 && n != expected; attempt++) {
            n = admin.caller().get(reportPath).json().get("organisation").get("n").asInt();
            Thread.sleep(50);
        }
        assertThat(n).as("every answer, also those given during the rebuild").isEqualTo(expected);
        assertThat(mongo.collectionExists("reportRounds_v1")).as("the new version").isTrue();
        assertThat(mongo.collectionExists("reportRounds")).as("the old version, dropped").isFalse();
        assertThat(mongo.findById("reportFactsVersion", org.bson.Document.class, "settings").get("version"))
                .as("the new version answers after a restart too").isEqualTo(1);
        assertProblem(operator.post("/api/projections/audit-trail/rebuild", null), 409, "rebuild audit-trail");
        assertProblem(operator.post("/api/projections/nope/rebuild", null), 404, "Projection nope");
    }

    private static JsonNode reports(Caller operator) {
        for (JsonNode projection : operator.get("/api/projections").json()) {
            if (projection.get("name").asText().equals("reports")) {
                return projection;
            }
        }
        throw new AssertionError("no reports projection");
    }

    private static void respond(ApiClient api, String invitation, String team, AtomicInteger completed) {
        String id = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team))).json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            api.answer(id, question, "b");
        }
        if (api.post("/api/assessments/" + id + "/completion", null).status() == 200) {
            completed.incrementAndGet();
        }
    }
}
