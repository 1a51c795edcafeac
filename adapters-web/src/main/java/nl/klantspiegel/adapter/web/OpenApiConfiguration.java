package nl.klantspiegel.adapter.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import nl.klantspiegel.adapter.web.security.SecurityConfiguration;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document (and Swagger UI at /api-docs.html) as the contract a generated client can rely on: every
 * operation with the status it really answers (the controllers say it with {@code @ResponseStatus}), its refusals as
 * problem details, its security, the values on the wire, and unique schema names and operation ids.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerToken";
    static final String SESSION = "browserSession";
    static final String BASIC = "basic";
    static final String PROBLEM = "Problem";
    /** The problem schema, as an annotation refers to it. */
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // the wire's values (ApiJson writes them in lower case), not the enums' names
        SpringDocUtils.getConfig()
                .replaceWithSchema(Option.class, new StringSchema()._enum(List.of("a", "b", "c")))
                .replaceWithSchema(Language.class, new StringSchema()._enum(List.of("nl", "en")));
    }

    @Bean
    OpenAPI klantspiegelApi(org.springframework.beans.factory.ObjectProvider<BuildProperties> build) {
        return new OpenAPI()
                .servers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/")
                        .description("The address the product is served at")))
                .info(new Info()
                        .title("Klantspiegel API")
                        .version(version(build.getIfAvailable()))
                        .license(new License().name("Proprietary: the Klantspiegel team"))
                        .description("""
                                The customer-orientation self-test: take it (start, answer, change answers, complete) \
                                and read the result and the stored events; organisations, their teams, members and \
                                rounds, reports behind a minimum group size, the audit trail and the event log. All \
                                JSON unless an operation says CSV or NDJSON; every refusal is application/problem+json \
                                (RFC 9457) with a stable `type` and a `detail` in the client's terms. Changes take JSON \
                                or no body; bodies are at most 2 KB and must arrive within 10 seconds; starts are \
                                limited per client address (429 with Retry-After). Members authenticate with a bearer \
                                token (POST /api/tokens with HTTP Basic) or a browser session (cookie and CSRF \
                                header)."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token from POST /api/tokens"))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("KLANTSPIEGEL_SESSION")
                                .description("A browser session from POST /api/session; changes also send the CSRF "
                                        + "token from GET /api/session in the X-XSRF-TOKEN header"))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("E-mail address and password, only to get an API token")));
    }

    /** The product's version, as its build says it. */
    static String version(BuildProperties build) {
        return build == null || build.getVersion() == null ? "development" : build.getVersion();
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("A stable URI per kind of problem"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("What is wrong, in the client's terms (English)"));
        properties.put("instance", new StringSchema());
        properties.put("unanswered", new ArraySchema().items(new IntegerSchema())
                .description("Completing with unanswered questions: their numbers"));
        properties.put("rule", new StringSchema().description("A refusal by an organisation's rules: the rule"));
        return new ObjectSchema().properties(properties).required(List.of("type", "title", "status", "detail"))
                .description("RFC 9457 problem details");
    }

    /**
     * Schema names that stay unique: a record nested in a class is named with that class
     * ({@code ReportControllerRoundResponse}, {@code ReportJsonGroup}), and a second class that would take a name
     * already given gets its package's last part in front, rather than silently replacing the first.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE) // registered first, so that springdoc's own converters stay in front of it
    ModelResolver qualifiedNames() {
        return new ModelResolver(Json.mapper(), new QualifiedTypeNames());
    }

    static final class QualifiedTypeNames extends TypeNameResolver {

        private final Map<String, Class<?>> given = new ConcurrentHashMap<>();

        @Override
        protected String getNameOfClass(Class<?> type) {
            String name = nested(type);
            Class<?> holder = given.putIfAbsent(name, type);
            if (holder != null && holder != type) {
                String[] parts = type.getPackageName().split("\\.");
                String qualified = capitalised(parts[parts.length - 1]) + name;
                given.putIfAbsent(qualified, type);
                return qualified;
            }
            return name;
        }

        private static String nested(Class<?> type) {
            return type.getEnclosingClass() == null ? type.getSimpleName()
                    : nested(type.getEnclosingClass()) + type.getSimpleName();
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** Operation ids that say what they do and are unique: the controller's subject and the method's name. */
    /**
     * A nullable field that holds a record (a session's account, a heatmap's previous round): OpenAPI 3.0 ignores
     * {@code nullable} beside a {@code $ref}, so the reference is wrapped ({@code allOf}) in a nullable object.
     */
    @Bean
    PropertyCustomizer nullableReferences() {
        return (property, type) -> {
            boolean nullable = type.getCtxAnnotations() != null && java.util.Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().getSimpleName().equals("Nullable"));
            if (!nullable || property == null || property.get$ref() == null) {
                return property;
            }
            Schema<Object> wrapper = new io.swagger.v3.oas.models.media.ComposedSchema()
                    .allOf(List.of(new Schema<>().$ref(property.get$ref())));
            wrapper.setNullable(true);
            wrapper.setDescription(property.getDescription());
            return wrapper;
        };
    }

    @Bean
    OperationCustomizer operationIds() {
        return (operation, handler) -> {
            String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            String subject = controller.substring(0, 1).toLowerCase(Locale.ROOT) + controller.substring(1);
            return operation.operationId(subject + capitalised(handler.getMethod().getName()));
        };
    }

    /** Security, refusals, headers and accepted content for every operation; tags once each. */
    @Bean
    OpenApiCustomizer contract() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            if (openApi.getComponents().getSchemas() != null) {
                // a record is never null in itself: a field holding it may be (nullableReferences says so there)
                openApi.getComponents().getSchemas().values().forEach(schema -> {
                    schema.setNullable(null);
                    Map<String, Schema> properties = schema.getProperties();
                    if (properties != null) {
                        for (Schema<?> property : properties.values()) {
                            if (Boolean.TRUE.equals(property.getNullable()) && property.getAllOf() != null
                                    && property.getType() == null) {
                                property.setType("object"); // nullable counts beside a type (OpenAPI 3.0.3)
                            }
                        }
                    }
                });
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getTags() != null) {
                Map<String, Tag> tags = new LinkedHashMap<>();
                for (Tag tag : openApi.getTags()) {
                    tags.merge(tag.getName(), tag, (one, other) -> one.getDescription() != null ? one : other);
                }
                openApi.setTags(new ArrayList<>(tags.values()));
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> contract(path, method, operation)));
        };
    }

    private static void contract(String path, PathItem.HttpMethod method, Operation operation) {
        boolean membersOnly = SecurityConfiguration.MEMBERS_ONLY_PATHS.stream().anyMatch(prefix -> path.equals(prefix)
                || path.startsWith(prefix + "/"));
        if (path.equals("/api/tokens")) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC),
                    new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(SESSION)));
        } else if (membersOnly) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER),
                    new SecurityRequirement().addList(SESSION)));
        } else {
            operation.setSecurity(List.of()); // open to anyone: the test, invitations, signing in
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean changes = method != PathItem.HttpMethod.GET;
        problem(responses, "400", "The request is not valid: what is wrong is in the detail");
        if (membersOnly || path.equals("/api/tokens")) {
            problem(responses, "401", "Not signed in, or the token is not (or no longer) valid");
            problem(responses, "403", "The caller's role does not allow this (or a cross-site change)");
        }
        if (path.equals("/api/session") && changes) {
            problem(responses, "401", "The e-mail address and password do not match an active account");
        }
        if (changes) {
            problem(responses, "403", "A cross-site change (the browser session's CSRF token is missing or wrong)");
        }
        problem(responses, "404", "Nothing at this address, or nothing the caller may know of");
        if (changes) {
            problem(responses, "409", "It clashes with the state it meets (the detail says how); nothing changed");
        }
        if (path.equals("/api/assessments") || path.endsWith("/assessments") && changes
                || path.equals("/api/tokens") || path.equals("/api/session") && changes) {
            problem(responses, "429", "Too many from this address or for this account; see Retry-After")
                    .addHeaderObject("Retry-After", retryAfter());
        }
        problem(responses, "503", "The views are catching up (after a restart, or a lagging projection); see "
                + "Retry-After").addHeaderObject("Retry-After", retryAfter());
        ApiResponse created = responses.get("201");
        if (created != null) {
            created.addHeaderObject("Location", new Header().description("The address of what was made")
                    .schema(new StringSchema().format("uri")));
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            Content content = operation.getRequestBody().getContent();
            if (content.containsKey("application/json")) {
                content.remove("*/*"); // the API refuses anything but JSON (415)
            }
        }
        files(operation, responses.get("200"));
        responses.forEach((status, response) -> {
            if (response.getContent() != null && response.getContent().containsKey("*/*")) {
                MediaType any = response.getContent().remove("*/*");
                response.getContent().addMediaType(status.startsWith("2") ? "application/json" : PROBLEM_JSON, any);
            }
        });
    }

    /**
     * Reports that answer JSON or CSV at one address list JSON first (a generator types an operation by its first
     * media type) and say how to ask for the file; the CSV parameters' values are listed; an NDJSON stream is text.
     */
    private static void files(Operation operation, ApiResponse ok) {
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("dialect".equals(parameter.getName())) {
                    parameter.setSchema(new StringSchema()._enum(List.of("rfc4180", "excel")));
                } else if ("lang".equals(parameter.getName())) {
                    parameter.setSchema(new StringSchema()._enum(List.of("en", "nl")));
                }
            }
        }
        if (ok == null || ok.getContent() == null) {
            return;
        }
        Content content = ok.getContent();
        if (content.containsKey("text/csv")) {
            content.get("text/csv").setSchema(new StringSchema().description("A CSV file (RFC 4180, or the excel "
                    + "dialect): a header row, then one row per line of the report"));
            ok.addHeaderObject("Content-Disposition", new Header().description("attachment, with the file's name")
                    .schema(new StringSchema()));
        }
        if (content.containsKey("text/csv") && content.containsKey("application/json")) {
            Content ordered = new Content();
            ordered.addMediaType("application/json", content.get("application/json"));
            content.forEach(ordered::putIfAbsent);
            ok.setContent(ordered);
            operation.addParametersItem(new QueryParameter().name("format").required(false)
                    .description("csv for the CSV file (as Accept: text/csv does; for a plain download link); "
                            + "json (the default) for JSON")
                    .schema(new StringSchema()._enum(List.of("json", "csv"))));
        }
        if (content.containsKey("application/x-ndjson")) {
            content.get("application/x-ndjson").setSchema(new StringSchema()
                    .description("One JSON object per line (UTF-8, each line ending in a line feed)"));
        }
    }

    private static ApiResponse problem(ApiResponses responses, String status, String description) {
        ApiResponse response = responses.computeIfAbsent(status, key -> new ApiResponse().description(description));
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(description);
        }
        Content content = response.getContent() == null ? new Content() : response.getContent();
        content.remove("*/*");
        content.putIfAbsent(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        response.setContent(content);
        return response;
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before asking again").schema(new IntegerSchema());
    }
}
