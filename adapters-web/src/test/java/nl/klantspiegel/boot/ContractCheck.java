package nl.klantspiegel.boot;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Holds every API response the tests receive to the committed OpenAPI document ({@code docs/openapi.json}): its status
 * is one the operation lists, its content type one that status lists, the headers it promises are there, and the body
 * fits the schema (Atlassian's validator, with JSON Schema validation). A controller that answers what the document
 * does not say fails the test that called it. Requests are not checked: the hostile-input tests send wrong ones on
 * purpose; an address the document does not know may only be refused (a problem, 4xx).
 */
final class ContractCheck {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode NULL_ONLY = JSON.createObjectNode().set("not", JSON.createObjectNode().set("anyOf",
            JSON.createArrayNode().add(type("object")).add(type("array").set("items", JSON.createObjectNode()))
                    .add(type("string")).add(type("number")).add(type("boolean"))));
    private static volatile OpenApiInteractionValidator validator;

    private static ObjectNode type(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private ContractCheck() {
    }

    /** Fails (AssertionError) when the response does not follow the document; API paths only. */
    static void check(String method, String path, int status, HttpHeaders headers, String body) {
        if (!path.startsWith("/api/")) {
            return;
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        headers.map().forEach((name, values) -> response.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method), response.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !(unknownAddress(message) && status >= 400 && status < 500))
                .toList();
        if (!errors.isEmpty() && System.getProperty("contract.collect") != null) {
            try { // a survey (-Dcontract.collect=FILE): every violation of a run in one file, none failing
                Files.writeString(Path.of(System.getProperty("contract.collect")), method + " " + path + " " + status
                        + " " + errors.stream().map(ContractCheck::describe).collect(Collectors.joining(" | ")) + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (!errors.isEmpty()) {
            throw new AssertionError("the response does not follow docs/openapi.json: " + method + " " + path + " → "
                    + status + "\n  " + errors.stream().map(ContractCheck::describe).collect(Collectors.joining("\n  "))
                    + "\n  body: " + (body == null ? "" : body.substring(0, Math.min(body.length(), 600))));
        }
    }

    private static boolean unknownAddress(ValidationReport.Message message) {
        return message.getKey().equals("validation.request.path.missing")
                || message.getKey().equals("validation.request.operation.notAllowed");
    }

    private static String describe(ValidationReport.Message message) {
        return message.getKey() + ": " + message.getMessage() + message.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .map(pointers -> " (at " + pointers.getInstance() + ")").orElse("");
    }

    /**
     * The document marks a field that holds a record or null as OpenAPI 3.0 tools expect it ({@code nullable: true}
     * and {@code type: object} beside {@code allOf: [$ref]}); the validator reads {@code nullable} strictly (only
     * beside a {@code type}), so for
     * it that field is written as what it means: the record, or null.
     */
    static String strictNullableReferences(String document) throws IOException {
        JsonNode root = JSON.readTree(document);
        rewrite(root);
        return JSON.writeValueAsString(root);
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode allOf = object.get("allOf");
            if (object.path("nullable").asBoolean(false) && allOf != null && allOf.size() == 1
                    && allOf.get(0).has("$ref")) {
                ArrayNode anyOf = JSON.createArrayNode().add(allOf.get(0)).add(NULL_ONLY);
                object.remove(List.of("allOf", "nullable", "type"));
                object.set("anyOf", anyOf);
            }
        }
        node.forEach(ContractCheck::rewrite);
    }

    private static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator current = validator;
        if (current == null) {
            synchronized (ContractCheck.class) {
                current = validator;
                if (current == null) {
                    try {
                        current = OpenApiInteractionValidator
                                .createForInlineApiSpecification(strictNullableReferences(Files.readString(DOCUMENT)))
                                .build();
                    } catch (IOException e) {
                        throw new UncheckedIOException("the committed contract " + DOCUMENT, e);
                    }
                    validator = current;
                }
            }
        }
        return current;
    }
}
