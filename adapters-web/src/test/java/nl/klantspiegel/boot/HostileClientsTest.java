package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.instrument.Option;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static nl.klantspiegel.boot.AssessmentApiTest.assertNoJavaIn;
import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker or a clumsy client does, through real HTTP: slow bodies, requests to nowhere, requests a
 * browser sends, a change that meets another one. The server runs with few threads here, so that a handful of
 * slow clients would be enough to block it if they could hold threads.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=8", "server.tomcat.threads.min-spare=2",
                "klantspiegel.api.body-timeout=6s"})
@ExtendWith(OutputCaptureExtension.class)
class HostileClientsTest {

    private static final int SLOW_CLIENTS = 40;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "hostile-test-data");
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

    @Test
    void slow_bodies_hold_no_thread_and_are_cut_off_after_the_body_timeout() throws Exception {
        String id = api.start(null);
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket("localhost", port);
                socket.getOutputStream().write(("PUT /api/assessments/" + id + "/answers/1 HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 60\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(socket -> {
                try {
                    socket.getOutputStream().write(' '); // one byte a second: 60 bytes would take a minute
                } catch (IOException closedByTheServer) {
                    // cut off: that is the point
                }
            }), 1, 1, TimeUnit.SECONDS);

            // five times as many slow clients as threads, and still every normal request is served at once
            HttpClient impatient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Instant started = Instant.now();
            int served = 0;
            while (Duration.between(started, Instant.now()).toMillis() < 3_000) {
                HttpResponse<String> answered = impatient.send(HttpRequest.newBuilder(
                                api.uri("/api/assessments/" + id + "/answers/2"))
                        .timeout(Duration.ofSeconds(2))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"option\":\"" + (served % 2 == 0 ? "a" : "b") + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                HttpResponse<String> read = impatient.send(HttpRequest.newBuilder(api.uri("/api/assessments/" + id))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).isEqualTo(200);
                served++;
            }
            assertThat(served).as("normal requests served while %d slow clients were connected", SLOW_CLIENTS)
                    .isGreaterThan(5);

            // after the body timeout every slow client gets 408 and its connection is closed
            for (Socket socket : slow) {
                socket.setSoTimeout(15_000);
                String answer = readAll(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 408").contains("Connection: close")
                        .contains("application/problem+json").contains("must arrive within 6 seconds");
            }
            assertThat(api.get("/api/assessments/" + id).json().get("answers").has("1"))
                    .as("nothing of a cut-off body was stored").isFalse();
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void a_body_that_stops_half_way_is_cut_off_and_stores_nothing() throws Exception {
        String id = api.start(null);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/assessments/" + id + "/answers/1 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"option\":").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(15_000);
            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 408");
        }
        assertThat(api.get("/api/assessments/" + id + "/history").json()).hasSize(1);
    }

    @Test
    void requests_to_nowhere_answer_briefly_and_log_next_to_nothing(CapturedOutput output) {
        int before = output.length();
        Response postToRoot = api.send(HttpRequest.newBuilder(api.uri("/")).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(postToRoot.status()).isEqualTo(405);
        assertThat(postToRoot.contentType()).startsWith("text/html");
        assertThat(postToRoot.body()).contains("405").contains("Naar de zelftest").doesNotContain("Exception");

        Response deleteNowhere = api.send(HttpRequest.newBuilder(api.uri("/nowhere")).header("Accept", "text/html")
                .DELETE());
        assertThat(deleteNowhere.status()).isEqualTo(404);
        assertThat(deleteNowhere.contentType()).startsWith("text/html");
        assertThat(deleteNowhere.body()).contains("Deze pagina bestaat niet.");

        Response apiNowhere = api.send(HttpRequest.newBuilder(api.uri("/api/nowhere")).header("Accept", "text/html")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertProblem(apiNowhere, 404, "There is nothing at this address.");

        assertProblem(api.get("/error"), 404, "There is nothing at this address.");
        Response errorPage = api.send(HttpRequest.newBuilder(api.uri("/error")).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(errorPage.status()).isEqualTo(404);
        assertThat(errorPage.body()).contains("Deze pagina bestaat niet.");

        String logged = output.toString().substring(before);
        assertThat(logged).doesNotContain("Circular view path").doesNotContain("ERROR").doesNotContain("\tat ");
        assertThat(logged.length()).as("bytes logged for six refused requests:%n%s", logged).isLessThan(1_000);
    }

    /**
     * The path a load balancer asks by default, and the probes: UP on a healthy node on the embedded database (Spring's
     * Mongo health check sends {@code hello}, which the embedded database answers), and nothing logged per probe.
     */
    @Test
    void health_is_up_and_a_probe_logs_nothing(CapturedOutput output) {
        int before = output.length();
        for (int probe = 0; probe < 3; probe++) {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                Response health = api.get(path);
                assertThat(health.status()).as(path).isEqualTo(200);
                assertThat(health.json().get("status").asText()).as(path).isEqualTo("UP");
            }
        }
        assertThat(output.toString().substring(before)).as("logged by nine probes (beside the product's own work)")
                .doesNotContain("ERROR").doesNotContain("WARN").doesNotContain("\tat ")
                .doesNotContainIgnoringCase("hello").doesNotContainIgnoringCase("health");
    }

    @Test
    void every_response_carries_the_security_headers() {
        String id = api.start(null);
        for (String path : List.of("/", "/index.html", "/js/app.js", "/css/klantspiegel.css", "/api/instrument",
                "/api/assessments/" + id, "/api/assessments/" + id + "/history", "/api/nowhere", "/nowhere",
                "/v3/api-docs", "/actuator/health/readiness")) {
            HttpResponse<String> response = raw(HttpRequest.newBuilder(api.uri(path)).GET());
            Map<String, List<String>> headers = response.headers().map();
            assertThat(headers.get("content-security-policy")).as(path).containsExactly(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                            + "frame-ancestors 'none'");
            assertThat(headers.get("x-content-type-options")).as(path).containsExactly("nosniff");
            assertThat(headers.get("x-frame-options")).as(path).containsExactly("DENY");
            assertThat(headers.get("referrer-policy")).as(path).containsExactly("no-referrer");
        }
    }

    @Test
    void no_answer_about_an_assessment_may_be_cached_the_instrument_may() {
        Response started = api.post("/api/assessments", "{\"language\":\"en\"}");
        String id = started.json().get("id").asText();
        List<HttpRequest.Builder> requests = List.of(
                HttpRequest.newBuilder(api.uri("/api/assessments")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")),
                HttpRequest.newBuilder(api.uri("/api/assessments")).POST(HttpRequest.BodyPublishers.noBody()),
                HttpRequest.newBuilder(api.uri("/api/assessments/" + id)).GET(),
                HttpRequest.newBuilder(api.uri("/api/assessments/" + id + "/history")).GET(),
                HttpRequest.newBuilder(api.uri("/api/assessments/" + id + "/answers/1"))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"option\":\"a\"}")),
                HttpRequest.newBuilder(api.uri("/api/assessments/" + id + "/completion")).POST(HttpRequest.BodyPublishers.noBody()),
                HttpRequest.newBuilder(api.uri("/api/assessments/" + id + "/answers/9"))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"option\":\"a\"}")));
        for (HttpRequest.Builder request : requests) {
            HttpResponse<String> response = raw(request);
            assertThat(response.headers().allValues("cache-control")).as(response.request().method() + " "
                    + response.request().uri() + " -> " + response.statusCode()).hasSize(1)
                    .allSatisfy(value -> assertThat(value).contains("no-store"));
        }
        HttpResponse<String> instrument = raw(HttpRequest.newBuilder(api.uri("/api/instrument")).GET());
        assertThat(instrument.headers().allValues("cache-control")).containsExactly("max-age=300");
    }

    @Test
    void a_change_that_meets_one_from_another_process_is_tried_again_on_the_new_state() {
        String id = api.start(null);
        assertThat(api.answer(id, 1, "a").status()).isEqualTo(200); // the aggregate is now in this process's cache
        // another process stores the next event of the same assessment; this process's cache does not know it
        eventStore.publish(new GenericDomainEventMessage<>("AssessmentAggregate", id, 2,
                new AnswerGiven(id, 2, Option.C, Instant.now())));

        Response answered = api.answer(id, 3, "b");

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("answers").toString()).isEqualTo("{\"1\":\"a\",\"2\":\"c\",\"3\":\"b\"}");
        JsonNode history = api.get("/api/assessments/" + id + "/history").json();
        assertThat(history).hasSize(4);
        assertThat(history.get(3).get("sequence").asInt()).isEqualTo(3);
    }

    @Test
    void refusals_name_no_java() {
        String id = api.start(null);
        for (String body : List.of("{\"option\":NaN}", "{\"option\":1e999}", "{\"option\":\"a\"", "{'option':'a'}",
                "{\"option\":\"a\",\"x\":1}", "{\"option\":\"a\"}{}", "\u0000", "{\"option\":\"\\uZZZZ\"}",
                "{\"option\":true}", "{\"option\":[1,2]}", "[]", "null", "1", "{\"option\":\"a\",\"option\":\"a\"}")) {
            Response refused = api.put("/api/assessments/" + id + "/answers/1", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertNoJavaIn(refused);
        }
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) > 0; ) {
                text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException | java.net.SocketException stoppedHere) {
            // what came so far
        }
        return text.toString();
    }
}
