package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.Organisations.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar … rebuild <name>} on a stopped installation: a progress bar, and the same report afterwards. */
class RebuildCommandTest {

    @TempDir
    Path dataDirectory;

    @Test
    void a_projection_is_rebuilt_from_the_first_event_with_a_progress_bar_and_answers_the_same() {
        String organisation;
        String round;
        JsonNode before;
        String email = "herbouw@example.nl";
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            Admin admin = new Organisations(api).organisationWithAdmin("Herbouw", email);
            organisation = admin.organisation();
            String team = admin.caller().post(admin.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
            JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
            round = opened.get("id").asText();
            for (int i = 0; i < 6; i++) {
                String id = api.post("/api/invitations/" + opened.get("invitationToken").asText() + "/assessments",
                        Organisations.json(Map.of("team", team))).json().get("id").asText();
                for (int question = 1; question <= 6; question++) {
                    api.answer(id, question, i % 2 == 0 ? "a" : "c");
                }
                api.post("/api/assessments/" + id + "/completion", null);
            }
            before = admin.caller().get(admin.path("/reports/rounds/" + round)).json();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RebuildCommand.run(new String[]{"rebuild", "reports", "--klantspiegel.data-dir=" + dataDirectory},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("rebuild reports").containsPattern("100%").containsPattern("rebuilt reports: [\\d,]+ events in");

        try (ConfigurableApplicationContext app = start()) {
            Organisations.Caller admin = new Organisations(client(app)).caller(email, "admin password " + email);
            JsonNode after = admin.get("/api/organisations/" + organisation + "/reports/rounds/" + round).json();
            assertThat(after.get("organisation")).isEqualTo(before.get("organisation"));
            assertThat(after.get("teams")).isEqualTo(before.get("teams"));
        }
    }

    @Test
    void an_unknown_projection_is_named_with_the_ones_there_are() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RebuildCommand.run(new String[]{"rebuild", "nope", "--klantspiegel.data-dir=" + dataDirectory},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no projection 'nope'")
                .contains("reports").contains("answer-changes");
        assertThat(RebuildCommand.run(new String[]{"rebuild"}, System.out, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(KlantspiegelApplication.class)
                .run("--server.port=0", "--klantspiegel.data-dir=" + dataDirectory,
                        "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                        "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD);
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
