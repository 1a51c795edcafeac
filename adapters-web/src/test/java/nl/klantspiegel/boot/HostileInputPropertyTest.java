package nl.klantspiegel.boot;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of the whole HTTP surface, as a property: random methods, paths, headers and bodies, some
 * well-formed and most not. Whatever arrives, the product never answers with a server error, never shows a
 * stack trace or a Java name, answers a refusal as a problem document, and stores no event for a refused
 * request.
 */
class HostileInputPropertyTest {

    private static final List<String> JAVA_NAMES = List.of("Exception", "nl.klantspiegel", "java.", "jakarta.",
            "org.springframework", "com.fasterxml", "org.axonframework", "\tat ", "Caused by");

    private static ConfigurableApplicationContext application;
    private static HttpClient http;
    private static String base;
    private static String knownId;

    @BeforeContainer
    static void start() throws IOException {
        Path data = TestData.freshDirectory("fuzz-test-data");
        application = new SpringApplicationBuilder(KlantspiegelApplication.class)
                .run("--server.port=0", "--klantspiegel.data-dir=" + data,
                        "--klantspiegel.rate-limit.assessment-starts.capacity=100000");
        base = "http://localhost:" + application.getEnvironment().getRequiredProperty("local.server.port");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ApiClient api = new ApiClient(Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port")));
        knownId = api.start(null);
        api.answer(knownId, 1, "b");
    }

    @AfterContainer
    static void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED, seed = "20261122")
    void no_request_gets_a_server_error_a_trace_or_an_event_when_refused(@ForAll("requests") Request request)
            throws Exception {
        long before = head();
        HttpResponse<String> response = http.send(request.build(base), HttpResponse.BodyHandlers.ofString());

        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        assertThat(status).as("%s -> %s", request, body).isLessThan(500);
        for (String name : JAVA_NAMES) {
            assertThat(body).as("%s -> %s", request, body).doesNotContain(name);
        }
        if (status >= 400) {
            assertThat(head()).as("events after the refused %s (%d)", request, status).isEqualTo(before);
            // a refusal from the application is a problem document (or a page, for a browser outside the API); a
            // request the HTTP server cannot even parse gets a bare status from it, with no body
            Optional<String> type = response.headers().firstValue("Content-Type");
            if (!body.isEmpty() && !type.orElse("").startsWith("text/html")) {
                assertThat(type).as("%s -> %d", request, status).hasValue("application/problem+json");
            }
        }
    }

    private static long head() {
        TrackingToken head = application.getBean(EventStore.class).createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
                "PROPFIND", "get");
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.just("KNOWN"), Arbitraries.just(UUID.randomUUID().toString()),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(40).alpha().numeric().withChars("-_.~"),
                Arbitraries.of("..", "%2e%2e", "%00", "%20", "null", "00000000-0000-0000-0000-000000000000",
                        UUID.randomUUID().toString().toUpperCase()));
        Arbitrary<String> questions = Arbitraries.oneOf(Arbitraries.integers().between(-3, 9).map(String::valueOf),
                Arbitraries.of("0x2", "01", "+4", "%203%20", "1.0", "1e0", "٣", "%EF%BC%93", "99999999999999999999", "",
                        "%2F", "a"));
        Arbitrary<String> paths = Combinators.combine(ids, questions, Arbitraries.integers().between(0, 10))
                .as((id, question, shape) -> switch (shape) {
                    case 0 -> "/api/assessments";
                    case 1 -> "/api/assessments/" + id;
                    case 2, 3 -> "/api/assessments/" + id + "/answers/" + question;
                    case 4 -> "/api/assessments/" + id + "/completion";
                    case 5 -> "/api/assessments/" + id + "/history";
                    case 6 -> "/api/instrument";
                    case 7 -> "/error";
                    case 8 -> "/" + id;
                    case 9 -> "/api/" + id;
                    default -> "/actuator/" + id;
                });
        Arbitrary<String> queries = Arbitraries.of("", "", "", "?lang=en", "?lang=xx", "?lang=", "?lang=%00",
                "?lang=nl&lang=en", "?x=" + "y".repeat(300));
        Arbitrary<String> contentTypes = Arbitraries.of("", "application/json", "application/json; charset=utf-8",
                "*/*", "application/*", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/problem+json", "application/json; charset=latin-9", "garbage", ";;;", "text/html");
        Arbitrary<String> accepts = Arbitraries.of("", "application/json", "text/html", "*/*", "image/png",
                "application/xml", "text/html,application/xhtml+xml", "garbage/", "application/problem+json");
        Arbitrary<String> fetchSites = Arbitraries.of("", "", "same-origin", "cross-site", "none");
        Arbitrary<String> bodies = Arbitraries.oneOf(
                Arbitraries.of("", "{}", "{\"option\":\"a\"}", "{\"option\":\"B\"}", "{\"language\":\"en\"}",
                        "{\"language\":\"de\"}", "{\"option\":\"a\",\"option\":\"b\"}", "{\"option\":NaN}",
                        "{\"option\":null}", "[]", "null", "\"a\"", "{\"option\":", "option=a",
                        "{\"option\":\"a\",\"points\":5}", "{\"option\":{\"$gt\":\"\"}}", "{\"option\":1e999}"),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(100),
                Arbitraries.strings().ofMinLength(2049).ofMaxLength(5000).alpha());
        return Combinators.combine(methods, paths, queries, contentTypes, accepts, fetchSites, bodies)
                .as(Request::new);
    }

    record Request(String method, String path, String query, String contentType, String accept, String fetchSite,
                   String body) {

        HttpRequest build(String base) {
            String target = path.replace("KNOWN", knownId) + query;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                    .timeout(Duration.ofSeconds(20));
            boolean sendsBody = !body.isEmpty() && !method.equals("GET") && !method.equals("HEAD")
                    && !method.equals("TRACE");
            request.method(method, sendsBody ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody());
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            if (!accept.isEmpty()) {
                request.header("Accept", accept);
            }
            if (!fetchSite.isEmpty()) {
                request.header("Sec-Fetch-Site", fetchSite);
            }
            return request.build();
        }
    }
}
