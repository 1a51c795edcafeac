package nl.klantspiegel.boot;

import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which endpoint, for every endpoint the application has: the list is taken from its own request
 * mappings, so an endpoint added without a rule here fails this test. Each endpoint is tried without credentials,
 * as the operator, as an admin, a team lead and an analyst of the organisation, and as the admin of another
 * organisation; every cell must give the answer the rules say: allowed, 401, 403 or 404.
 */
@SpringBootTest(classes = KlantspiegelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD})
class AuthorizationMatrixTest {

    /** What a caller gets: allowed (a 2xx), or refused with this status. */
    enum Outcome {ALLOWED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_401_OR_403}

    enum Who {NOBODY, OPERATOR, ADMIN, TEAM_LEAD, ANALYST, OTHER_ADMIN}

    /** How to call an endpoint; {@code fresh} makes what a destructive call needs for itself. */
    record Call(String method, String path, Object body) {
    }

    record Rule(Function<Fixture, Call> call, Map<Who, Outcome> outcomes) {
    }

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "authorization-test-data");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ApiClient api;
    Fixture fixture;

    @BeforeEach
    void organisations() {
        api = new ApiClient(port);
        fixture = new Fixture(api);
    }

    @Test
    void every_endpoint_has_a_rule_and_every_caller_gets_what_the_rule_says() {
        Map<String, Rule> rules = rules();
        TreeSet<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        }
        assertThat(rules.keySet()).as("endpoints without a rule in this test (add one)")
                .containsAll(endpoints);
        assertThat(endpoints).as("rules for endpoints that do not exist (remove them)")
                .containsAll(rules.keySet());

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Rule> endpoint : rules.entrySet()) {
            for (Map.Entry<Who, Outcome> cell : endpoint.getValue().outcomes().entrySet()) {
                Call call = endpoint.getValue().call().apply(fixture);
                Response response = fixture.send(cell.getKey(), call);
                if (!matches(cell.getValue(), response.status())) {
                    wrong.add(endpoint.getKey() + " as " + cell.getKey() + ": expected " + cell.getValue() + ", got "
                            + response.status() + " " + abbreviated(response.body()));
                }
            }
        }
        assertThat(wrong).as("cells of the matrix that do not hold").isEmpty();
    }

    private static boolean matches(Outcome outcome, int status) {
        return switch (outcome) {
            case ALLOWED -> status >= 200 && status < 300;
            case UNAUTHENTICATED -> status == 401;
            case FORBIDDEN -> status == 403;
            case NOT_FOUND -> status == 404;
            case NOT_401_OR_403 -> status != 401 && status != 403 && status < 500;
        };
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    // ----- the rules ----------------------------------------------------------------------------------

    private static Map<Who, Outcome> cells(Outcome nobody, Outcome operator, Outcome admin, Outcome lead,
                                           Outcome analyst, Outcome otherAdmin) {
        Map<Who, Outcome> cells = new LinkedHashMap<>();
        cells.put(Who.NOBODY, nobody);
        cells.put(Who.OPERATOR, operator);
        cells.put(Who.ADMIN, admin);
        cells.put(Who.TEAM_LEAD, lead);
        cells.put(Who.ANALYST, analyst);
        cells.put(Who.OTHER_ADMIN, otherAdmin);
        return cells;
    }

    /** Anyone, with or without credentials: never refused for who they are. */
    private static Map<Who, Outcome> open() {
        Outcome any = Outcome.NOT_401_OR_403;
        return cells(any, any, any, any, any, any);
    }

    /** An organisation's management: its admins only; outsiders do not learn it exists. */
    private static Map<Who, Outcome> operatorOnly() {
        return cells(Outcome.UNAUTHENTICATED, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.FORBIDDEN,
                Outcome.FORBIDDEN, Outcome.FORBIDDEN);
    }

    private static Map<Who, Outcome> adminsOnly() {
        return cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.FORBIDDEN,
                Outcome.FORBIDDEN, Outcome.NOT_FOUND);
    }

    /** The members: the admins see them all, the operator (who adds the first admin) the admins only. */
    private static Map<Who, Outcome> adminsAndTheOperator() {
        return cells(Outcome.UNAUTHENTICATED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.FORBIDDEN,
                Outcome.FORBIDDEN, Outcome.NOT_FOUND);
    }

    /** What every member may read (a team lead a part of it); the operator is no member and sees none of it. */
    private static Map<Who, Outcome> members() {
        return cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED,
                Outcome.NOT_FOUND);
    }

    private static Map<Who, Outcome> anyAccount() {
        return cells(Outcome.UNAUTHENTICATED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED,
                Outcome.ALLOWED);
    }

    private Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        String organisations = "/api/organisations/{organisationId}";

        // respondents and the public
        rules.put("GET /api/instrument", new Rule(f -> new Call("GET", "/api/instrument", null), open()));
        rules.put("POST /api/assessments", new Rule(f -> new Call("POST", "/api/assessments", null), open()));
        rules.put("GET /api/assessments/{id}", new Rule(f -> new Call("GET", "/api/assessments/" + f.assessment, null), open()));
        rules.put("GET /api/assessments/{id}/history", new Rule(f -> new Call("GET", "/api/assessments/" + f.assessment + "/history", null), open()));
        rules.put("PUT /api/assessments/{id}/answers/{question}", new Rule(f -> new Call("PUT", "/api/assessments/" + f.assessment + "/answers/1", Map.of("option", "a")), open()));
        rules.put("POST /api/assessments/{id}/completion", new Rule(f -> new Call("POST", "/api/assessments/" + UUID.randomUUID() + "/completion", null), open()));
        rules.put("GET /api/invitations/{token}", new Rule(f -> new Call("GET", "/api/invitations/" + f.invitation, null), open()));
        rules.put("POST /api/invitations/{token}/assessments", new Rule(f -> new Call("POST", "/api/invitations/" + f.invitation + "/assessments", Map.of("team", f.team)), open()));
        rules.put("POST /api/accounts/activation", new Rule(f -> new Call("POST", "/api/accounts/activation", Map.of("activationToken", "x".repeat(43), "password", "twelve chars!")), open()));
        rules.put("POST /api/setup/operator", new Rule(f -> new Call("POST", "/api/setup/operator", Map.of("setupToken", "x".repeat(43), "email", "a@b.nl", "password", "twelve chars!")), open()));
        rules.put("GET /api/session", new Rule(f -> new Call("GET", "/api/session", null), open()));
        // a browser signs in with the CSRF token (none here: 403); a script with a token needs none; signing out
        // without a session changes nothing
        rules.put("POST /api/session", new Rule(f -> new Call("POST", "/api/session", Map.of("email", "wrong@example.nl", "password", "wrong password")),
                cells(Outcome.FORBIDDEN, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED)));
        rules.put("POST /api/session/sign-out", new Rule(f -> new Call("POST", "/api/session/sign-out", null),
                cells(Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED)));
        rules.put("ANY /error", new Rule(f -> new Call("GET", "/error", null), open()));
        rules.put("GET /v3/api-docs", new Rule(f -> new Call("GET", "/v3/api-docs", null), open()));
        rules.put("GET /v3/api-docs.yaml", new Rule(f -> new Call("GET", "/v3/api-docs.yaml", null), open()));
        rules.put("GET /v3/api-docs/swagger-config", new Rule(f -> new Call("GET", "/v3/api-docs/swagger-config", null), open()));
        rules.put("GET /api-docs.html", new Rule(f -> new Call("GET", "/api-docs.html", null), open()));

        // one's own account
        rules.put("POST /api/tokens", new Rule(f -> new Call("POST", "/api/tokens", null),
                cells(Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED)));
        rules.put("GET /api/me", new Rule(f -> new Call("GET", "/api/me", null), anyAccount()));
        rules.put("GET /api/me/tokens", new Rule(f -> new Call("GET", "/api/me/tokens", null), anyAccount()));
        rules.put("DELETE /api/me/tokens/{tokenId}", new Rule(f -> new Call("DELETE", "/api/me/tokens/" + UUID.randomUUID(), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.NOT_FOUND, Outcome.NOT_FOUND, Outcome.NOT_FOUND, Outcome.NOT_FOUND, Outcome.NOT_FOUND)));

        // organisations
        rules.put("POST /api/organisations", new Rule(f -> new Call("POST", "/api/organisations", Map.of("name", "Nieuw " + UUID.randomUUID())),
                cells(Outcome.UNAUTHENTICATED, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.FORBIDDEN, Outcome.FORBIDDEN, Outcome.FORBIDDEN)));
        rules.put("GET /api/organisations", new Rule(f -> new Call("GET", "/api/organisations", null), anyAccount()));
        rules.put("GET " + organisations, new Rule(f -> new Call("GET", f.path(""), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.NOT_FOUND)));
        rules.put("PUT " + organisations + "/minimum-group-size", new Rule(f -> new Call("PUT", f.path("/minimum-group-size"), Map.of("minimumGroupSize", 6)), adminsOnly()));
        rules.put("GET " + organisations + "/teams", new Rule(f -> new Call("GET", f.path("/teams"), null), members()));
        rules.put("POST " + organisations + "/teams", new Rule(f -> new Call("POST", f.path("/teams"), Map.of("name", "T " + UUID.randomUUID())), adminsOnly()));
        rules.put("PUT " + organisations + "/teams/{teamId}", new Rule(f -> new Call("PUT", f.path("/teams/" + f.freshTeam()), Map.of("name", "R " + UUID.randomUUID())), adminsOnly()));
        rules.put("POST " + organisations + "/teams/{teamId}/retirement", new Rule(f -> new Call("POST", f.path("/teams/" + f.freshTeam() + "/retirement"), null), adminsOnly()));
        rules.put("GET " + organisations + "/members", new Rule(f -> new Call("GET", f.path("/members"), null), adminsAndTheOperator()));
        rules.put("POST " + organisations + "/members", new Rule(f -> new Call("POST", f.path("/members"), Map.of("email", "m" + UUID.randomUUID() + "@example.nl", "role", "ANALYST")), adminsOnly()));
        rules.put("PUT " + organisations + "/members/{memberId}", new Rule(f -> new Call("PUT", f.path("/members/" + f.freshMember()), Map.of("role", "ADMIN")), adminsOnly()));
        rules.put("DELETE " + organisations + "/members/{memberId}", new Rule(f -> new Call("DELETE", f.path("/members/" + f.freshMember()), null), adminsOnly()));
        rules.put("POST " + organisations + "/members/{memberId}/activation", new Rule(f -> new Call("POST", f.path("/members/" + f.freshMember() + "/activation"), null), adminsOnly()));
        rules.put("GET " + organisations + "/rounds", new Rule(f -> new Call("GET", f.path("/rounds"), null), members()));
        rules.put("POST " + organisations + "/rounds", new Rule(f -> new Call("POST", f.path("/rounds"), Map.of("name", "Ronde")), adminsOnly()));
        rules.put("POST " + organisations + "/rounds/{roundId}/closure", new Rule(f -> new Call("POST", f.path("/rounds/" + f.freshRound() + "/closure"), null), adminsOnly()));
        rules.put("GET " + organisations + "/rounds/{roundId}/invitation.svg", new Rule(f -> new Call("GET", f.path("/rounds/" + f.round + "/invitation.svg"), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.NOT_FOUND)));
        rules.put("PUT " + organisations + "/teams/{teamId}/headcount", new Rule(f -> new Call("PUT", f.path("/teams/" + f.freshTeam() + "/headcount"), Map.of("headcount", 9)), adminsOnly()));
        // reports: every member (a team lead their own team and what the anonymity floor lets through)
        rules.put("GET " + organisations + "/reports/trend", new Rule(f -> new Call("GET", f.path("/reports/trend?granularity=month"), null), members()));
        rules.put("GET " + organisations + "/reports/rounds/{roundId}", new Rule(f -> new Call("GET", f.path("/reports/rounds/" + f.round), null), members()));
        rules.put("GET " + organisations + "/reports/rounds/{roundId}/comparison", new Rule(f -> new Call("GET", f.path("/reports/rounds/" + f.round + "/comparison?with=" + f.freshRound()), null), members()));
        rules.put("GET " + organisations + "/reports/rounds/{roundId}/participation", new Rule(f -> new Call("GET", f.path("/reports/rounds/" + f.round + "/participation"), null), members()));
        rules.put("GET " + organisations + "/reports/rounds/{roundId}/focus", new Rule(f -> new Call("GET", f.path("/reports/rounds/" + f.round + "/focus"), null), members()));
        rules.put("GET " + organisations + "/reports/heatmap", new Rule(f -> new Call("GET", f.path("/reports/heatmap?round=" + f.round), null), members()));
        rules.put("GET " + organisations + "/audit", new Rule(f -> new Call("GET", f.path("/audit"), null), adminsOnly()));
        rules.put("GET " + organisations + "/reports/answer-changes", new Rule(f -> new Call("GET", f.path("/reports/answer-changes"), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.NOT_FOUND)));
        rules.put("GET " + organisations + "/events", new Rule(f -> new Call("GET", f.path("/events?type=TeamAdded"), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.NOT_FOUND)));
        rules.put("GET " + organisations + "/assessments", new Rule(f -> new Call("GET", f.path("/assessments"), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.NOT_FOUND)));
        rules.put("GET " + organisations + "/reports/rescoring", new Rule(f -> new Call("GET", f.path("/reports/rescoring?scoring=alleen-klantgericht"), null),
                cells(Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.FORBIDDEN, Outcome.ALLOWED, Outcome.NOT_FOUND)));
        rules.put("GET /api/scorings", new Rule(f -> new Call("GET", "/api/scorings", null), anyAccount()));
        rules.put("GET /api/events", new Rule(f -> new Call("GET", "/api/events?type=TeamAdded", null), operatorOnly()));
        rules.put("POST /api/projections/{name}/rebuild", new Rule(f -> new Call("POST", "/api/projections/audit-trail/rebuild", null),
                cells(Outcome.UNAUTHENTICATED, Outcome.NOT_401_OR_403, Outcome.FORBIDDEN, Outcome.FORBIDDEN, Outcome.FORBIDDEN, Outcome.FORBIDDEN)));
        rules.put("GET /api/projections", new Rule(f -> new Call("GET", "/api/projections", null), operatorOnly()));
        rules.put("GET " + organisations + "/audit.csv", new Rule(f -> new Call("GET", f.path("/audit.csv"), null), adminsOnly()));
        return rules;
    }

    // ----- the people and things of the organisation ----------------------------------------------------

    /** One organisation with an admin, a team lead of its team and an analyst; another organisation's admin. */
    static final class Fixture {
        final ApiClient api;
        final Organisations organisations;
        final Admin admin;
        final Caller operator;
        final Caller teamLead;
        final Caller analyst;
        final Admin other;
        final String team;
        final String round;
        final String invitation;
        final String assessment;

        Fixture(ApiClient api) {
            this.api = api;
            this.organisations = new Organisations(api);
            this.operator = organisations.operator();
            this.admin = organisations.organisationWithAdmin("Matrix " + UUID.randomUUID(), "admin" + UUID.randomUUID() + "@example.nl");
            this.team = admin.caller().post(admin.path("/teams"), Map.of("name", "Team")).json().get("id").asText();
            this.teamLead = organisations.member(admin, "lead" + UUID.randomUUID() + "@example.nl", "TEAM_LEAD", List.of(team));
            this.analyst = organisations.member(admin, "analyst" + UUID.randomUUID() + "@example.nl", "ANALYST", List.of());
            this.other = organisations.organisationWithAdmin("Elders " + UUID.randomUUID(), "other" + UUID.randomUUID() + "@example.nl");
            var opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Ronde")).json();
            this.round = opened.get("id").asText();
            this.invitation = opened.get("invitationToken").asText();
            this.assessment = api.start(null);
        }

        String path(String rest) {
            return admin.path(rest);
        }

        String freshTeam() {
            return admin.caller().post(admin.path("/teams"), Map.of("name", "T " + UUID.randomUUID())).json().get("id").asText();
        }

        String freshMember() {
            return admin.caller().post(admin.path("/members"), Map.of("email", "x" + UUID.randomUUID() + "@example.nl",
                    "role", "ANALYST")).json().get("id").asText();
        }

        String freshRound() {
            return admin.caller().post(admin.path("/rounds"), Map.of("name", "R " + UUID.randomUUID())).json().get("id").asText();
        }

        Response send(Who who, Call call) {
            return switch (who) {
                case NOBODY -> anonymous(call);
                case OPERATOR -> operator.send(call.method(), call.path(), call.body());
                case ADMIN -> admin.caller().send(call.method(), call.path(), call.body());
                case TEAM_LEAD -> teamLead.send(call.method(), call.path(), call.body());
                case ANALYST -> analyst.send(call.method(), call.path(), call.body());
                case OTHER_ADMIN -> other.caller().send(call.method(), call.path(), call.body());
            };
        }

        private Response anonymous(Call call) {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(call.path()));
            if (call.body() == null) {
                request.method(call.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(call.method(), HttpRequest.BodyPublishers.ofString(Organisations.json(call.body())));
            }
            return api.send(request);
        }
    }
}
