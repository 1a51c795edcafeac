package nl.klantspiegel.boot;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of the whole HTTP surface: random methods, paths, headers and bodies, some well-formed and most not,
 * drawn from a seeded generator (the seed is printed and can be set with {@code -Dfuzz.seed=}, the number of requests
 * with {@code -Dfuzz.requests=}). Whatever arrives, the product never answers with a server error, never shows a
 * stack trace or a Java name, answers a refusal as a problem document, and stores no event for a refused request.
 * Every violation found is reported with the request that caused it, all at once.
 */
class HostileInputFuzzTest {

    private static final List<String> JAVA_NAMES = List.of("Exception", "nl.klantspiegel", "java.", "jakarta.",
            "org.springframework", "com.fasterxml", "org.axonframework", "\tat ", "Caused by");

    private static ConfigurableApplicationContext application;
    private static HttpClient http;
    private static String base;
    private static String knownId;
    private static String knownInvitation;

    @BeforeAll
    static void start() {
        Path data = TestData.freshDirectory("fuzz-test-data");
        application = new SpringApplicationBuilder(KlantspiegelApplication.class)
                .run("--server.port=0", "--klantspiegel.data-dir=" + data,
                        "--klantspiegel.rate-limit.assessment-starts.capacity=100000",
                        "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                        "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD);
        int port = Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port"));
        base = "http://localhost:" + port;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ApiClient api = new ApiClient(port);
        knownId = api.start(null);
        api.answer(knownId, 1, "b");
        Organisations.Admin admin = new Organisations(api).organisationWithAdmin("Fuzz", "fuzz@example.nl");
        admin.caller().post(admin.path("/teams"), java.util.Map.of("name", "Team"));
        knownInvitation = admin.caller().post(admin.path("/rounds"), java.util.Map.of("name", "Ronde"))
                .json().get("invitationToken").asText();
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void no_request_gets_a_server_error_a_trace_or_an_event_when_refused() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261122L);
        int requests = Integer.getInteger("fuzz.requests", 500);
        System.out.printf("fuzzing %d requests with seed %d%n", requests, seed);
        Random random = new Random(seed);
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < requests && violations.size() < 20; i++) {
            Request request = Request.random(random);
            long before = head();
            HttpResponse<String> response = http.send(request.build(base), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String body = response.body() == null ? "" : response.body();
            if (status >= 500) {
                violations.add(request + " -> " + status + " " + body);
            }
            JAVA_NAMES.stream().filter(body::contains).findFirst()
                    .ifPresent(name -> violations.add(request + " -> shows '" + name + "': " + body));
            if (status >= 400) {
                if (head() != before) {
                    violations.add(request + " -> " + status + " but an event was stored");
                }
                // a refusal from the application is a problem document (or a page, for a browser outside the API);
                // a request the HTTP server cannot even parse gets a bare status from it, with no body
                Optional<String> type = response.headers().firstValue("Content-Type");
                if (!body.isEmpty() && !type.orElse("").startsWith("text/html")
                        && !type.orElse("").equals("application/problem+json")) {
                    violations.add(request + " -> " + status + " as " + type.orElse("no type") + ": " + body);
                }
            }
        }
        assertThat(violations).as("violations (seed %d)", seed).isEmpty();
    }

    private static long head() {
        TrackingToken head = application.getBean(EventStore.class).createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    record Request(String method, String path, String contentType, String accept, String fetchSite,
                   String authorization, String body) {

        private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
                "PROPFIND", "get"};
        private static final String[] SPECIAL_IDS = {"..", "%2e%2e", "%00", "%20", "null",
                "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString().toUpperCase()};
        private static final String[] QUESTIONS = {"0x2", "01", "+4", "%203%20", "1.0", "1e0", "\u0663", "%EF%BC%93",
                "99999999999999999999", "", "%2F", "a"};
        private static final String[] QUERIES = {"", "", "", "?lang=en", "?lang=xx", "?lang=", "?lang=%00",
                "?lang=nl&lang=en", "?x=" + "y".repeat(300), "?page=-1", "?size=999999", "?from=yesterday",
                "?type=Nothing"};
        private static final String[] CONTENT_TYPES = {"", "application/json", "application/json; charset=utf-8",
                "*/*", "application/*", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/problem+json", "application/json; charset=latin-9", "garbage", ";;;", "text/html"};
        private static final String[] ACCEPTS = {"", "application/json", "text/html", "*/*", "image/png",
                "application/xml", "text/html,application/xhtml+xml", "garbage/", "application/problem+json",
                "text/csv"};
        private static final String[] FETCH_SITES = {"", "", "same-origin", "cross-site", "none"};
        private static final String[] AUTHORIZATIONS = {"", "", "", "Bearer ", "Bearer " + "A".repeat(43),
                "Basic Zm9vOmJhcg==", "Basic !!!", "Negotiate abc", "bearer x y z"};
        private static final String[] BODIES = {"", "{}", "{\"option\":\"a\"}", "{\"option\":\"B\"}",
                "{\"language\":\"en\"}", "{\"language\":\"de\"}", "{\"option\":\"a\",\"option\":\"b\"}",
                "{\"option\":NaN}", "{\"option\":null}", "[]", "null", "\"a\"", "{\"option\":", "option=a",
                "{\"option\":\"a\",\"points\":5}", "{\"option\":{\"$gt\":\"\"}}", "{\"option\":1e999}",
                "{\"name\":\"\"}", "{\"name\":\"" + "n".repeat(200) + "\"}", "{\"email\":\"x\",\"role\":\"ADMIN\"}",
                "{\"email\":\"a@b.nl\",\"password\":\"" + "p".repeat(5000) + "\"}", "{\"team\":[]}",
                "{\"minimumGroupSize\":-1}", "{\"closesAt\":\"not a time\"}", "{\"teams\":\"x\"}",
                "{\"activationToken\":null,\"password\":123}"};

        static Request random(Random random) {
            String id = switch (random.nextInt(4)) {
                case 0 -> "KNOWN";
                case 1 -> UUID.randomUUID().toString();
                case 2 -> pick(random, SPECIAL_IDS);
                default -> randomText(random, 40, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~");
            };
            String question = random.nextBoolean() ? String.valueOf(random.nextInt(13) - 3) : pick(random, QUESTIONS);
            String path = switch (random.nextInt(16)) {
                case 0 -> "/api/assessments";
                case 1 -> "/api/assessments/" + id;
                case 2, 3 -> "/api/assessments/" + id + "/answers/" + question;
                case 4 -> "/api/assessments/" + id + "/completion";
                case 5 -> "/api/assessments/" + id + "/history";
                case 6 -> "/api/instrument";
                case 7 -> "/error";
                case 8 -> "/" + id;
                case 9 -> "/api/" + id;
                case 10 -> "/actuator/" + id;
                case 11 -> "/api/invitations/" + (random.nextBoolean() ? "INVITATION" : id);
                case 12 -> "/api/invitations/" + (random.nextBoolean() ? "INVITATION" : id) + "/assessments";
                case 13 -> "/api/organisations/" + id + (random.nextBoolean() ? "/teams" : "/audit");
                case 14 -> random.nextBoolean() ? "/api/session" : "/api/tokens";
                default -> random.nextBoolean() ? "/api/accounts/activation" : "/api/setup/operator";
            };
            String body = random.nextInt(10) == 0
                    ? randomText(random, 300, null)
                    : pick(random, BODIES);
            return new Request(pick(random, METHODS), path + pick(random, QUERIES), pick(random, CONTENT_TYPES),
                    pick(random, ACCEPTS), pick(random, FETCH_SITES), pick(random, AUTHORIZATIONS), body);
        }

        private static String pick(Random random, String[] choices) {
            return choices[random.nextInt(choices.length)];
        }

        /** Any characters (null alphabet: the first 0x2FF code points) up to a length. */
        private static String randomText(Random random, int maximumLength, String alphabet) {
            int length = random.nextInt(maximumLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet == null ? (char) random.nextInt(0x300) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        HttpRequest build(String base) {
            String target = path.replace("KNOWN", knownId).replace("INVITATION", knownInvitation);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                    .timeout(Duration.ofSeconds(20));
            boolean sendsBody = !body.isEmpty() && !method.equals("GET") && !method.equals("HEAD")
                    && !method.equals("TRACE");
            request.method(method, sendsBody ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody());
            header(request, "Content-Type", contentType);
            header(request, "Accept", accept);
            header(request, "Sec-Fetch-Site", fetchSite);
            header(request, "Authorization", authorization);
            return request.build();
        }

        private static void header(HttpRequest.Builder request, String name, String value) {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        }

        @Override
        public String toString() {
            return method + " " + path + " [Content-Type: " + contentType + ", Accept: " + accept + ", Sec-Fetch-Site: "
                    + fetchSite + ", Authorization: " + authorization + "] " + (body.length() > 80
                    ? body.substring(0, 80) + "…" : body);
        }
    }
}
