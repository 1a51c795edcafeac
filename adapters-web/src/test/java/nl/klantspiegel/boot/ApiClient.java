package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small HTTP client for the API, as any outside client would use it. Every response it receives is held to the
 * committed OpenAPI document ({@link ContractCheck}), and a refusal to the log's promise of one short line
 * ({@link RefusalLog}).
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response post(String path, String json) {
        return send(withJson(HttpRequest.newBuilder(uri(path)), json, "POST"));
    }

    Response put(String path, String json) {
        return send(withJson(HttpRequest.newBuilder(uri(path)), json, "PUT"));
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.timeout(Duration.ofSeconds(30)).build();
            RefusalLog.Window log = RefusalLog.open();
            HttpResponse<String> response;
            try {
                response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException | RuntimeException e) {
                log.close(sent.method(), sent.uri().getRawPath(), 0);
                throw e;
            }
            log.close(sent.method(), sent.uri().getRawPath(), response.statusCode());
            ContractCheck.check(sent.method(), sent.uri().getRawPath(), response.statusCode(), response.headers(),
                    response.body());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder request, String json, String method) {
        if (json == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    /** Starts an assessment and returns its id. */
    String start(String language) {
        Response started = post("/api/assessments", language == null ? null : "{\"language\":\"" + language + "\"}");
        if (started.status() != 201) {
            throw new AssertionError("start failed: " + started);
        }
        return started.json().get("id").asText();
    }

    Response answer(String id, int question, String option) {
        return put("/api/assessments/" + id + "/answers/" + question, "{\"option\":\"" + option + "\"}");
    }

    record Response(int status, String contentType, Optional<String> location, Optional<String> retryAfter,
                    String body, java.net.http.HttpHeaders headers) {
        Response(HttpResponse<String> response) {
            this(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location"), response.headers().firstValue("Retry-After"),
                    response.body(), response.headers());
        }

        @Override
        public String toString() {
            return status + " " + body;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
