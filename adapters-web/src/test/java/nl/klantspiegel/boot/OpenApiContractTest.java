package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as a contract a generated client can rely on, checked as a linter would: it parses without a
 * message (Swagger's parser, which OpenAPI Generator reads documents with), every operation has its security (or says
 * it is open), its refusals as problem details, the status it really answers, a unique and meaningful operation id,
 * and the wire's values; tags once each; schema names that do not collide.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "openapi-test-data");
    }

    @LocalServerPort
    int port;

    private JsonNode document;
    private String text;

    @BeforeAll
    void theDocument() {
        ApiClient.Response response = new ApiClient(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        text = response.body();
        document = response.json();
    }

    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                operations.add(Map.entry(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    @Test
    void the_document_parses_without_a_message() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, null);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getInfo().getLicense()).isNotNull();
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes())
                .containsOnlyKeys("bearerToken", "browserSession", "basic");
    }

    @Test
    void every_operation_has_its_security_a_refusal_as_a_problem_and_a_unique_meaningful_id() {
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : operations()) {
            String operation = entry.getKey();
            JsonNode body = entry.getValue();
            assertThat(body.has("security")).as("%s declares its security (empty: open)", operation).isTrue();
            boolean membersOnly = operation.matches("\\S+ /api/(organisations|me|events|projections|scorings)(/.*)?");
            assertThat(body.get("security").isEmpty()).as("%s is open exactly when the server lets anyone in",
                    operation).isEqualTo(!membersOnly && !operation.endsWith(" /api/tokens"));
            List<String> statuses = new ArrayList<>();
            body.get("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as("%s has a 4xx", operation).anyMatch(status -> status.startsWith("4"));
            body.get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().get("content").has("application/problem+json"))
                            .as("%s %s is a problem", operation, response.getKey()).isTrue();
                }
                if (response.getValue().has("content")) {
                    assertThat(response.getValue().get("content").has("*/*")).as("%s %s", operation,
                            response.getKey()).isFalse();
                }
            });
            if (body.has("requestBody")) {
                assertThat(body.get("requestBody").get("content").has("*/*"))
                        .as("%s accepts only what the server takes", operation).isFalse();
            }
            String id = body.get("operationId").asText();
            assertThat(id).as(operation).doesNotMatch(".*_\\d+$");
            assertThat(ids.add(id)).as("%s: operation id %s is unique", operation, id).isTrue();
        }
    }

    @Test
    void the_statuses_are_those_the_server_answers() {
        Map<String, String> created = Map.of(
                "POST /api/assessments", "201", "POST /api/invitations/{token}/assessments", "201",
                "POST /api/tokens", "201", "POST /api/organisations", "201",
                "POST /api/organisations/{organisationId}/teams", "201",
                "POST /api/organisations/{organisationId}/members", "201",
                "POST /api/organisations/{organisationId}/rounds", "201", "POST /api/accounts/activation", "204",
                "DELETE /api/me/tokens/{tokenId}", "204", "POST /api/projections/{name}/rebuild", "202");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        operations().forEach(entry -> byName.put(entry.getKey(), entry.getValue()));
        created.forEach((operation, status) -> {
            JsonNode responses = byName.get(operation).get("responses");
            assertThat(responses.has(status)).as("%s answers %s", operation, status).isTrue();
            assertThat(responses.has("200")).as("%s does not answer 200", operation).isFalse();
        });
        assertThat(byName.get("POST /api/organisations").get("responses").get("201").get("headers").has("Location"))
                .isTrue();
        assertThat(byName.get("POST /api/assessments").get("responses").get("429").get("headers").has("Retry-After"))
                .isTrue();
    }

    @Test
    void the_wire_values_tags_and_schema_names() {
        assertThat(text).doesNotContain("\"NL\"").doesNotContain("\"EN\"");
        JsonNode schemas = document.get("components").get("schemas");
        List<String> names = new ArrayList<>();
        schemas.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("the reports' records beside the instrument's, not in their place")
                .contains("ReportJsonQuestion", "ReportJsonScale", "ReportControllerRoundResponse",
                        "AuditTrailQueryEntry")
                .noneMatch(name -> name.contains("$") || name.contains("."));
        List<String> tags = new ArrayList<>();
        document.get("tags").forEach(tag -> tags.add(tag.get("name").asText()));
        assertThat(tags).doesNotHaveDuplicates();
        assertThat(text).contains("\"enum\":[\"a\",\"b\",\"c\"]");
    }

    /**
     * The document is committed (docs/openapi.json), so a change of the contract shows in review: the build fails
     * when the served one differs. To take a deliberate change: {@code ./mvnw -pl adapters-web test
     * -Dtest=OpenApiContractTest -Dopenapi.write=true}, and commit the file.
     */
    @Test
    void the_served_document_is_the_committed_one() throws Exception {
        java.nio.file.Path committed = java.nio.file.Path.of("..", "docs", "openapi.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String served = json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            java.nio.file.Files.writeString(committed, served);
        }
        assertThat(committed).as("the committed contract").exists();
        assertThat(json.readTree(committed.toFile())).as("the served document differs from docs/openapi.json: if "
                + "the change is meant, write it with -Dopenapi.write=true and commit it").isEqualTo(document);
        assertThat(document.get("info").get("version").asText()).isNotEqualTo("development");
    }
}
