package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.klantspiegel.boot.ApiClient.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Test helpers for organisations through the real API: callers with API tokens or browser sessions, and the steps
 * an operator and an admin take (register, first admin, activation, teams, rounds).
 */
final class Organisations {

    static final String OPERATOR_EMAIL = "operator@klantspiegel.test";
    static final String OPERATOR_PASSWORD = "operator password 2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api;

    Organisations(ApiClient api) {
        this.api = api;
    }

    /** An API token for an e-mail address and password, by HTTP Basic on POST /api/tokens. */
    Response token(String email, String password) {
        return api.send(HttpRequest.newBuilder(api.uri("/api/tokens"))
                .header("Authorization", basic(email, password))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    Caller caller(String email, String password) {
        Response token = token(email, password);
        if (token.status() != 201) {
            throw new AssertionError("no token for " + email + ": " + token);
        }
        return new Caller(api, token.json().get("token").asText());
    }

    Caller operator() {
        return caller(OPERATOR_EMAIL, OPERATOR_PASSWORD);
    }

    /** A new organisation with an active first admin; the admin's caller. */
    Admin organisationWithAdmin(String name, String adminEmail) {
        Caller operator = operator();
        String organisation = operator.post("/api/organisations", Map.of("name", name)).json().get("id").asText();
        JsonNode admin = operator.post("/api/organisations/" + organisation + "/members",
                Map.of("email", adminEmail, "role", "ADMIN")).json();
        activate(admin.get("activationToken").asText(), "admin password " + adminEmail);
        return new Admin(organisation, admin.get("id").asText(), caller(adminEmail, "admin password " + adminEmail));
    }

    /** Adds a member and activates their account; the member's caller. */
    Caller member(Admin admin, String email, String role, List<String> teams) {
        JsonNode member = admin.caller().post("/api/organisations/" + admin.organisation() + "/members",
                Map.of("email", email, "role", role, "teams", teams)).json();
        activate(member.get("activationToken").asText(), "member password " + email);
        return caller(email, "member password " + email);
    }

    void activate(String token, String password) {
        Response activated = api.post("/api/accounts/activation",
                json(Map.of("activationToken", token, "password", password)));
        if (activated.status() != 204) {
            throw new AssertionError("activation failed: " + activated);
        }
    }

    static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Admin(String organisation, String memberId, Caller caller) {
        String path(String rest) {
            return "/api/organisations/" + organisation + rest;
        }
    }

    /** A script with a Bearer token. */
    record Caller(ApiClient api, String token) {

        Response get(String path) {
            return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token).GET());
        }

        Response post(String path, Object body) {
            return send("POST", path, body);
        }

        Response put(String path, Object body) {
            return send("PUT", path, body);
        }

        Response delete(String path) {
            return send("DELETE", path, null);
        }

        Response send(String method, String path, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
            }
            return api.send(request);
        }
    }

    /** A browser: cookies kept, the CSRF token sent as the page's scripts send it. */
    static final class Browser {
        private final String base;
        private final CookieManager cookies;
        private final HttpClient http;

        Browser(int port) {
            this(port, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        }

        private Browser(int port, CookieManager cookies) {
            this.base = "http://localhost:" + port;
            this.cookies = cookies;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
        }

        /**
         * The same browser, with the same cookies, talking to another port: another node behind a load balancer
         * (cookies do not tell ports apart).
         */
        Browser at(int port) {
            return new Browser(port, cookies);
        }

        Response get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        /** With the CSRF header, as the web client sends it. */
        Response send(String method, String path, Object body) {
            return send(request(method, path, body).header("X-XSRF-TOKEN", csrf()));
        }

        /** Without the CSRF header: what a forged request would look like. */
        Response sendWithoutCsrf(String method, String path, Object body) {
            return send(request(method, path, body));
        }

        private HttpRequest.Builder request(String method, String path, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (body == null) {
                return request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }

        Response signIn(String email, String password) {
            get("/api/session");
            return send("POST", "/api/session", Map.of("email", email, "password", password));
        }

        String csrf() {
            return cookie("XSRF-TOKEN");
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse("");
        }

        List<HttpCookie> allCookies() {
            return cookies.getCookieStore().getCookies();
        }

        Response send(HttpRequest.Builder request) {
            try {
                return new Response(http.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
