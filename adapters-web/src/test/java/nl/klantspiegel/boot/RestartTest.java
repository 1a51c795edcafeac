package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.application.report.ReportProjection;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop the application, start it again on the same data directory: nothing is lost. */
class RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void answers_results_history_and_projection_positions_survive_a_restart() {
        String completed;
        String inProgress;
        JsonNode result;
        JsonNode history;
        TrackingToken tokenBefore;
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            completed = api.start("en");
            for (int question = 1; question <= 6; question++) {
                api.answer(completed, question, "b");
            }
            result = api.post("/api/assessments/" + completed + "/completion", null).json().get("result");
            inProgress = api.start(null);
            api.answer(inProgress, 4, "c");
            history = api.get("/api/assessments/" + completed + "/history").json();
            tokenBefore = token(app);
        }

        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            TrackingToken tokenAfter = token(app);
            assertThat(tokenAfter).as("the projection's position was kept").isNotNull();
            assertThat(tokenAfter.covers(tokenBefore)).as("the projection resumes where it was, %s covers %s",
                    tokenAfter, tokenBefore).isTrue();
            assertThat(tokenAfter).as("no replay from the start").isNotInstanceOf(ReplayToken.class);
            assertThat(api.get("/api/assessments/" + completed).json().get("result")).isEqualTo(result);
            assertThat(api.get("/api/assessments/" + completed + "/history").json()).isEqualTo(history);
            JsonNode resumed = api.get("/api/assessments/" + inProgress).json();
            assertThat(resumed.get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(resumed.get("answers").toString()).isEqualTo("{\"4\":\"c\"}");

            assertThat(api.answer(inProgress, 5, "a").status()).isEqualTo(200);
            assertThat(api.answer(completed, 1, "a").status()).as("still completed after the restart").isEqualTo(409);
            assertThat(api.get("/api/assessments/" + inProgress + "/history").json()).hasSize(3);
        }
    }

    @Test
    void organisations_accounts_rounds_and_the_audit_trail_survive_a_restart() {
        String organisation;
        String invitation;
        JsonNode audit;
        try (ConfigurableApplicationContext app = start()) {
            Organisations organisations = new Organisations(client(app));
            Organisations.Admin admin = organisations.organisationWithAdmin("Blijvend", "blijvend@example.nl");
            organisation = admin.organisation();
            admin.caller().post(admin.path("/teams"), java.util.Map.of("name", "Team"));
            invitation = admin.caller().post(admin.path("/rounds"), java.util.Map.of("name", "Ronde"))
                    .json().get("invitationToken").asText();
            audit = admin.caller().get(admin.path("/audit")).json().get("entries");
        }

        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            Organisations organisations = new Organisations(api);
            Organisations.Caller admin = organisations.caller("blijvend@example.nl", "admin password blijvend@example.nl");
            // the audit trail follows account events (the sign-in, the token) as its projection reaches them: on a
            // node just started, once it has claimed the projection's segment (token-claim-interval, 1 s)
            JsonNode after = admin.get("/api/organisations/" + organisation + "/audit").json().get("entries");
            for (long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                 after.size() < audit.size() + 2 && System.nanoTime() < until; ) {
                sleep(50);
                after = admin.get("/api/organisations/" + organisation + "/audit").json().get("entries");
            }
            assertThat(after.size()).as("the sign-in and the new token were added").isEqualTo(audit.size() + 2);
            assertThat(after.get(2)).as("the newest entry before the restart").isEqualTo(audit.get(0));
            assertThat(api.get("/api/invitations/" + invitation).json().get("roundName").asText()).isEqualTo("Ronde");
            assertThat(admin.get("/api/organisations/" + organisation + "/teams").json()).hasSize(1);
        }
    }

    private ConfigurableApplicationContext start() {
        // arguments, not default properties: those would lose to application.properties
        return new SpringApplicationBuilder(KlantspiegelApplication.class)
                .run("--server.port=0", "--klantspiegel.data-dir=" + dataDirectory,
                        "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                        "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD);
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static TrackingToken token(ConfigurableApplicationContext app) {
        TokenStore tokens = app.getBean(TokenStore.class);
        return tokens.fetchToken(ReportProjection.PROCESSING_GROUP, 0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
