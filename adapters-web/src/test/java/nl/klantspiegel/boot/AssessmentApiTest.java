package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The API through HTTP, against the embedded MongoDB wire server. */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AssessmentApiTest {

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "api-test-data");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Nested
    class Instrument {

        @Test
        void dutch_by_default_with_six_questions_of_three_options_and_no_points() {
            Response response = api.get("/api/instrument");

            assertThat(response.status()).isEqualTo(200);
            JsonNode instrument = response.json();
            assertThat(instrument.get("version").asInt()).isEqualTo(1);
            assertThat(instrument.get("language").asText()).isEqualTo("nl");
            assertThat(instrument.get("situation").asText()).isNotBlank();
            assertThat(instrument.get("questions")).hasSize(6);
            for (JsonNode question : instrument.get("questions")) {
                assertThat(question.get("text").asText()).isNotBlank();
                assertThat(question.get("options")).extracting(option -> option.get("key").asText())
                        .containsExactly("a", "b", "c");
            }
            assertThat(response.body()).doesNotContain("points");
            JsonNode scale = instrument.get("scale");
            assertThat(scale.get("minimum").asInt()).isEqualTo(6);
            assertThat(scale.get("maximum").asInt()).isEqualTo(30);
            assertThat(scale.get("bands").toString()).contains(
                    "{\"band\":\"LOW\",\"title\":\"Laag\",\"from\":6,\"to\":12}",
                    "{\"band\":\"AVERAGE\",\"title\":\"Gemiddeld\",\"from\":13,\"to\":22}",
                    "{\"band\":\"HIGH\",\"title\":\"Hoog\",\"from\":23,\"to\":30}");
        }

        @Test
        void in_english() {
            JsonNode english = api.get("/api/instrument?lang=en").json();
            JsonNode dutch = api.get("/api/instrument?lang=nl").json();

            assertThat(english.get("language").asText()).isEqualTo("en");
            assertThat(english.get("questions").get(0).get("text").asText())
                    .isNotEqualTo(dutch.get("questions").get(0).get("text").asText());
        }

        @Test
        void an_unknown_language_is_a_bad_request() {
            assertProblem(api.get("/api/instrument?lang=fr"), 400, "Language 'fr' is not available");
        }
    }

    @Nested
    class TakingTheTest {

        @Test
        void start_answers_change_complete_and_see_the_result() {
            Response started = api.post("/api/assessments", "{\"language\":\"nl\"}");
            assertThat(started.status()).isEqualTo(201);
            String id = started.json().get("id").asText();
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            assertThat(started.location()).hasValueSatisfying(location -> assertThat(location)
                    .endsWith("/api/assessments/" + id));
            assertThat(started.json().get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(started.json().get("result").isNull()).isTrue();

            String options = "cbabcc";
            for (int question = 1; question <= 6; question++) {
                String option = String.valueOf(options.charAt(question - 1));
                Response answered = api.answer(id, question, question == 3 ? "c" : option);
                assertThat(answered.status()).isEqualTo(200);
                assertThat(answered.json().get("answers").get(String.valueOf(question)).asText())
                        .isEqualTo(question == 3 ? "c" : option);
                // read your own writes: the next GET shows it at once
                assertThat(api.get("/api/assessments/" + id).json().get("answers").size()).isEqualTo(question);
            }
            assertThat(api.answer(id, 3, "a").json().get("answers").get("3").asText()).isEqualTo("a");
            assertThat(api.get("/api/assessments/" + id).json().get("answers").get("3").asText()).isEqualTo("a");

            Response completed = api.post("/api/assessments/" + id + "/completion", null);

            assertThat(completed.status()).isEqualTo(200);
            JsonNode view = completed.json();
            assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
            JsonNode result = view.get("result");
            assertThat(result.get("totalScore").asInt()).isEqualTo(30);
            assertThat(result.get("band").asText()).isEqualTo("HIGH");
            assertThat(result.get("bandTitle").asText()).isEqualTo("Hoog");
            assertThat(result.get("diagnosis").asText()).startsWith("U scoort hoog");
            assertThat(result.get("columnTotals").toString()).isEqualTo("{\"a\":5,\"b\":10,\"c\":15}");
            assertThat(result.get("advice")).hasSize(6);
            assertThat(result.get("advice").get(0).get("question").asInt()).isEqualTo(1);
            assertThat(result.get("advice").get(0).get("option").asText()).isEqualTo("c");
            assertThat(result.get("advice").get(0).get("points").asInt()).isEqualTo(5);
            assertThat(result.get("advice").get(0).get("text").asText()).isNotBlank();
            assertThat(result.get("advice").get(0).get("questionText").asText()).isNotBlank();
            assertThat(result.get("advice").get(0).get("optionText").asText()).isNotBlank();
            assertThat(result.get("minimumScore").asInt()).isEqualTo(6);
            assertThat(result.get("maximumScore").asInt()).isEqualTo(30);
            assertThat(api.get("/api/assessments/" + id).json().get("result")).isEqualTo(result);
        }

        @ParameterizedTest(name = "{0} scores {1} ({2})")
        @CsvSource({"acbcba, 6, LOW", "baccba, 12, LOW", "bacaba, 14, AVERAGE", "cbaaaa, 22, AVERAGE",
                "cbaaab, 24, HIGH"})
        void bands_at_their_edges(String options, int total, String band) {
            String id = api.start(null);
            for (int question = 1; question <= 6; question++) {
                api.answer(id, question, String.valueOf(options.charAt(question - 1)));
            }
            JsonNode result = api.post("/api/assessments/" + id + "/completion", null).json().get("result");
            assertThat(result.get("totalScore").asInt()).isEqualTo(total);
            assertThat(result.get("band").asText()).isEqualTo(band);
        }

        @Test
        void the_result_in_another_language_on_request() {
            String id = completedAssessment("aaaaaa");
            JsonNode english = api.get("/api/assessments/" + id + "?lang=en").json();
            assertThat(english.get("language").asText()).isEqualTo("nl");
            assertThat(english.get("result").get("bandTitle").asText()).isEqualTo("Average");
            assertThat(english.get("result").get("diagnosis").asText()).startsWith("Your score is average");
        }

        @Test
        void starting_without_a_body_is_dutch() {
            Response started = api.post("/api/assessments", null);
            assertThat(started.status()).isEqualTo(201);
            assertThat(started.json().get("language").asText()).isEqualTo("nl");
        }

        @Test
        void the_same_answer_twice_and_a_repeated_completion_store_nothing_new() {
            String id = api.start("en");
            api.answer(id, 1, "a");
            api.answer(id, 1, "a");
            assertThat(types(id)).containsExactly("AssessmentStarted", "AnswerGiven");

            for (int question = 2; question <= 6; question++) {
                api.answer(id, question, "b");
            }
            JsonNode first = api.post("/api/assessments/" + id + "/completion", null).json();
            Response again = api.post("/api/assessments/" + id + "/completion", null);

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json()).isEqualTo(first);
            assertThat(types(id)).containsExactly("AssessmentStarted", "AnswerGiven", "AnswerGiven", "AnswerGiven",
                    "AnswerGiven", "AnswerGiven", "AnswerGiven", "AssessmentCompleted");
        }

        @Test
        void history_shows_the_stored_events_in_order_with_their_data() {
            String id = api.start("nl");
            api.answer(id, 2, "b");
            api.answer(id, 2, "c");

            JsonNode history = api.get("/api/assessments/" + id + "/history").json();

            assertThat(history).hasSize(3);
            assertThat(history.get(0).get("type").asText()).isEqualTo("AssessmentStarted");
            assertThat(history.get(0).get("data").get("language").asText()).isEqualTo("nl");
            assertThat(history.get(0).get("data").get("instrumentVersion").asInt()).isEqualTo(1);
            assertThat(history.get(2).get("type").asText()).isEqualTo("AnswerGiven");
            assertThat(history.get(2).get("sequence").asLong()).isEqualTo(2);
            assertThat(history.get(2).get("data").get("question").asInt()).isEqualTo(2);
            assertThat(history.get(2).get("data").get("option").asText()).isEqualTo("c");
            assertThat(history.get(2).get("data").get("assessmentId").asText()).isEqualTo(id);
            assertThat(history.get(2).get("time").asText()).isNotBlank();
        }
    }

    @Nested
    class Refusals {

        String id;

        @BeforeEach
        void anAssessmentWithOneAnswer() {
            id = api.start(null);
            api.answer(id, 1, "a");
        }

        @ParameterizedTest(name = "question {0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "7 | Question 7 does not exist; questions are numbered 1 to 6.",
                "0 | '0' is not.",
                "-1 | '-1' is not.",
                "99999999999 | '99999999999' is not."})
        void a_question_outside_1_to_6(String question, String detail) {
            assertRefusedWithoutEvents(() -> api.put(answerPath(question), "{\"option\":\"a\"}"), 400, detail);
        }

        @ParameterizedTest(name = "question {0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"0x2 | '0x2'", "01 | '01'", "+4 | '+4'", "%203%20 | ' 3 '", "2.0 | '2.0'",
                "%EF%BC%93 | '３'"})
        void a_question_number_is_only_read_when_written_plainly(String question, String shown) {
            assertRefusedWithoutEvents(() -> api.put(answerPath(question), "{\"option\":\"a\"}"), 400,
                    "Question must be a question number written plainly, such as 3; " + shown + " is not.");
        }

        @Test
        void a_question_that_is_not_a_number() {
            assertRefusedWithoutEvents(() -> api.put(answerPath("two"), "{\"option\":\"a\"}"), 400,
                    "Question must be a question number written plainly, such as 3; 'two' is not.");
        }

        @ParameterizedTest(name = "body {0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "{\"option\":\"d\"} | Option 'd' does not exist; choose a, b or c.",
                "{\"option\":\"\"} | Option '' does not exist; choose a, b or c.",
                "{\"option\":null} | An option is required; choose a, b or c.",
                "{} | An option is required; choose a, b or c.",
                "{\"option\":5} | Option '5' does not exist; choose a, b or c.",
                "{\"option\":\"ab\"} | Option 'ab' does not exist; choose a, b or c."})
        void an_option_outside_a_b_c(String body, String detail) {
            assertRefusedWithoutEvents(() -> api.put(answerPath("2"), body), 400, detail);
        }

        @ParameterizedTest(name = "body {0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "{\"option\": | The request body ends before its JSON is complete.",
                "option=a | The request body is not valid JSON (line 1, column 1).",
                "{\"option\":NaN} | The request body is not valid JSON (line 1, column 14).",
                "[\"a\"] | The request body must be a JSON object, such as {\"option\": \"b\"}.",
                "\"a\" | The request body must be a JSON object, such as {\"option\": \"b\"}.",
                "{\"option\":[\"a\"]} | The field 'option' must be a text, such as \"b\".",
                "{\"option\":{}} | The field 'option' must be a text, such as \"b\"."})
        void malformed_json_is_explained_in_the_clients_terms(String body, String detail) {
            Response refused = assertRefusedWithoutEvents(() -> api.put(answerPath("2"), body), 400, detail);
            assertNoJavaIn(refused);
        }

        @Test
        void a_field_given_twice_is_refused() {
            Response refused = assertRefusedWithoutEvents(
                    () -> api.put(answerPath("2"), "{\"option\":\"a\",\"option\":\"b\"}"), 400,
                    "a field appears twice (line 1, column 23); give each field once.");
            assertNoJavaIn(refused);
        }

        @Test
        void an_unknown_field() {
            assertRefusedWithoutEvents(() -> api.put(answerPath("2"), "{\"option\":\"a\",\"points\":5}"), 400,
                    "Unknown field 'points'");
        }

        @Test
        void no_body() {
            assertRefusedWithoutEvents(() -> api.put(answerPath("2"), ""), 400, "body is required");
            assertRefusedWithoutEvents(() -> api.put(answerPath("2"), null), 415, "must be JSON");
        }

        @Test
        void a_body_over_the_limit_declared_or_streamed() {
            String huge = "{\"option\":\"" + "a".repeat(10_000) + "\"}";
            assertRefusedWithoutEvents(() -> api.put(answerPath("2"), huge), 413, "at most 2048 bytes");
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(answerPath("2")))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(huge.getBytes())))), 413, "at most 2048 bytes");
        }

        @Test
        void an_unknown_or_malformed_id() {
            String unknown = UUID.randomUUID().toString();
            assertProblem(api.get("/api/assessments/" + unknown), 404, "no assessment with id '" + unknown + "'");
            assertProblem(api.answer(unknown, 1, "a"), 404, unknown);
            assertProblem(api.post("/api/assessments/" + unknown + "/completion", null), 404, unknown);
            assertProblem(api.get("/api/assessments/" + unknown + "/history"), 404, unknown);
            assertProblem(api.get("/api/assessments/not-an-id"), 404, "not-an-id");
            assertProblem(api.answer("not-an-id", 1, "a"), 404, "not-an-id");
        }

        @Test
        void completing_with_unanswered_questions() {
            Response refused = assertRefusedWithoutEvents(
                    () -> api.post("/api/assessments/" + id + "/completion", null), 409, "questions 2, 3, 4, 5, 6");
            assertThat(refused.json().get("unanswered").toString()).isEqualTo("[2,3,4,5,6]");
        }

        @Test
        void answering_after_completion() {
            for (int question = 2; question <= 6; question++) {
                api.answer(id, question, "c");
            }
            api.post("/api/assessments/" + id + "/completion", null);

            assertRefusedWithoutEvents(() -> api.answer(id, 1, "b"), 409, "already completed");
            assertRefusedWithoutEvents(() -> api.answer(id, 1, "a"), 409, "already completed");
        }

        @Test
        void an_unknown_language() {
            assertProblem(api.post("/api/assessments", "{\"language\":\"de\"}"), 400, "Language 'de'");
            assertProblem(api.get("/api/assessments/" + id + "?lang=xx"), 400, "Language 'xx'");
            assertRefusedWithoutEvents(() -> api.put(answerPath("1") + "?lang=xx", "{\"option\":\"c\"}"), 400,
                    "Language 'xx'");
            assertRefusedWithoutEvents(() -> api.post("/api/assessments/" + id + "/completion?lang=xx", null), 400,
                    "Language 'xx'");
        }

        @Test
        void a_wrong_media_type_or_method() {
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(answerPath("2")))
                    .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("a"))), 415,
                    "Send JSON (Content-Type: application/json), or no body at all");
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri("/api/assessments/" + id))
                    .DELETE()), 405, "Method 'DELETE' is not supported.");
        }

        @ParameterizedTest(name = "Content-Type {0}")
        @ValueSource(strings = {"*/*", "application/*", "*/json", "not a type", "application/json;;;="})
        void a_content_type_that_names_no_single_type(String contentType) {
            long before = newestEventPosition();
            assertProblem(api.send(HttpRequest.newBuilder(api.uri("/api/assessments"))
                            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString("{}"))),
                    415, "Send JSON (Content-Type: application/json)");
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(answerPath("2")))
                            .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString("{\"option\":\"b\"}"))),
                    415, "Send JSON (Content-Type: application/json)");
            assertThat(newestEventPosition()).isEqualTo(before);
        }

        @Test
        void a_cross_site_form_cannot_complete_or_answer() {
            for (int question = 2; question <= 6; question++) {
                api.answer(id, question, "c");
            }
            String completion = "/api/assessments/" + id + "/completion";
            // what an HTML form on another site sends: form-encoded, with or without fields
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(completion))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("confirm=yes"))), 415,
                    "Send JSON (Content-Type: application/json), or no body at all");
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(completion))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.noBody())), 415, "or no body at all");
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(completion))
                            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))),
                    415, "or no body at all");
            // a request the browser marks as coming from another site, even as JSON
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(completion))
                            .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody())), 403,
                    "An assessment can only be changed from this site's own pages.");
            assertRefusedWithoutEvents(() -> api.send(HttpRequest.newBuilder(api.uri(answerPath("1")))
                            .header("Sec-Fetch-Site", "cross-site").header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"option\":\"c\"}"))), 403,
                    "this site's own pages");
            assertThat(api.get("/api/assessments/" + id).json().get("status").asText()).isEqualTo("IN_PROGRESS");

            // the page itself (same origin), and scripts that send no such header, still can
            Response completed = api.send(HttpRequest.newBuilder(api.uri(completion))
                    .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.json().get("status").asText()).isEqualTo("COMPLETED");
        }

        private String answerPath(String question) {
            return "/api/assessments/" + id + "/answers/" + question;
        }

        private long newestEventPosition() {
            return eventStore.createHeadToken() == null ? 0 : eventStore.createHeadToken().position().orElse(0);
        }

        private Response assertRefusedWithoutEvents(Supplier<Response> request, int status, String detail) {
            List<String> before = types(id);
            Response response = request.get();
            assertProblem(response, status, detail);
            assertThat(types(id)).as("stored events after a refused request").isEqualTo(before);
            return response;
        }
    }

    @Nested
    class Documentation {

        @Test
        void openapi_document_and_browsable_ui() {
            Response document = api.get("/v3/api-docs");
            assertThat(document.status()).isEqualTo(200);
            JsonNode paths = document.json().get("paths");
            assertThat(paths.has("/api/instrument")).isTrue();
            assertThat(paths.has("/api/assessments/{id}/answers/{question}")).isTrue();
            assertThat(paths.has("/api/assessments/{id}/history")).isTrue();
            assertThat(document.json().get("info").get("title").asText()).isEqualTo("Klantspiegel API");
            JsonNode answerResponses = paths.get("/api/assessments/{id}/answers/{question}").get("put").get("responses");
            for (String status : List.of("200", "400", "403", "404", "408", "409", "413", "415", "503")) {
                assertThat(answerResponses.has(status)).as("answering documents %s", status).isTrue();
            }
            assertThat(paths.get("/api/assessments").get("post").get("responses").has("429")).isTrue();
            Response entry = api.get("/api-docs.html");
            assertThat(entry.status()).as("the documentation's address leads to Swagger UI").isEqualTo(302);
            String ui = entry.location().orElseThrow();
            Response page = api.get(URI.create(ui).getRawPath());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("swagger-ui");
        }

        @Test
        void the_web_client_is_served_at_the_root() {
            Response page = api.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
        }
    }

    private String completedAssessment(String options) {
        String id = api.start(null);
        for (int question = 1; question <= 6; question++) {
            api.answer(id, question, String.valueOf(options.charAt(question - 1)));
        }
        api.post("/api/assessments/" + id + "/completion", null);
        return id;
    }

    private List<String> types(String id) {
        List<String> types = new ArrayList<>();
        api.get("/api/assessments/" + id + "/history").json().forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    static void assertProblem(Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(detail).as("a test must name the detail it expects").isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    /** A refusal says what is wrong in the client's terms: no Java class, package, parser setting or trace. */
    static void assertNoJavaIn(Response response) {
        assertThat(response.body()).doesNotContainPattern("(nl\\.klantspiegel|com\\.fasterxml|java\\.|jakarta\\.|org\\.springframework)")
                .doesNotContain("Exception", "JsonReadFeature", "JsonParser", "ALLOW_", "\\tat ", "Caused by");
    }
}
