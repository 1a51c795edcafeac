package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several identical nodes on one database behind a round-robin load balancer, without sticky sessions, behave as one:
 * two real nodes in this JVM, each with its own HTTP port and data directory. Node A serves its embedded database on a
 * loopback port as well, node B is told that database's URI. Every request goes over real HTTP with real cookies,
 * CSRF tokens and API tokens; whatever a node kept for itself (browser sessions, sign-in throttles, rate limits, the
 * start-up one-offs) shows here as a difference between the nodes.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwoNodesTest {

    /** Small, so that the test reaches it; the same on both nodes, as a deployment would have it. */
    private static final int STARTS_PER_HOUR = 4;
    private static final String DEMO = "Demo: Zorgverzekeraar Zuid";
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static int a;
    static int b;

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        nodeA = node("--klantspiegel.data-dir=" + TestData.freshDirectory("two-nodes-a"),
                "--klantspiegel.embedded-mongo.port=0",
                "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "--klantspiegel.rate-limit.assessment-starts.capacity=" + STARTS_PER_HOUR);
        int database = nodeA.getBean(EmbeddedMongo.class).tcpAddress().orElseThrow().getPort();
        nodeB = node("--klantspiegel.data-dir=" + TestData.freshDirectory("two-nodes-b"),
                "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + database + "/klantspiegel?journal=true",
                "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "--klantspiegel.rate-limit.assessment-starts.capacity=" + STARTS_PER_HOUR);
        a = port(nodeA);
        b = port(nodeB);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void a_browser_signed_in_on_one_node_is_signed_in_on_the_other_until_it_signs_out_on_either() {
        String email = "sessie" + PEOPLE.incrementAndGet() + "@example.nl";
        Admin admin = new Organisations(new ApiClient(a)).organisationWithAdmin("Twee knopen " + UUID.randomUUID(),
                email);
        Browser onA = new Browser(a);
        Browser onB = onA.at(b);

        assertThat(onA.signIn(email, "admin password " + email).status()).isEqualTo(200);
        String session = onA.cookie("KLANTSPIEGEL_SESSION");
        assertThat(session).isNotBlank();
        assertThat(onB.get("/api/session").json().get("signedIn").asBoolean()).as("node B knows the session")
                .isTrue();
        // a change on B with the session and the CSRF token that A handed out; without the token it is refused
        assertThat(onB.send("POST", admin.path("/teams"), Map.of("name", "Van knoop B")).status()).isEqualTo(201);
        assertProblem(onB.sendWithoutCsrf("POST", admin.path("/teams"), Map.of("name", "Vervalst")), 403,
                "needs the CSRF token");
        assertThat(onA.get(admin.path("/teams")).json()).extracting(team -> team.get("name").asText())
                .containsExactly("Van knoop B");

        assertThat(onB.send("POST", "/api/session/sign-out", null).status()).isEqualTo(204);
        assertProblem(onA.get(admin.path("/teams")), 401, "Sign in first");
        // not only because the browser forgot its cookie: the session itself is gone on A too
        Response withOldCookie = onA.send(HttpRequest.newBuilder(new ApiClient(a).uri(admin.path("/teams")))
                .header("Cookie", "KLANTSPIEGEL_SESSION=" + session).GET());
        assertProblem(withOldCookie, 401, "Sign in first");
    }

    /**
     * Spring Session writes a session back at the end of every request that read it: a request under way on A while B
     * signs the session out must not bring it back (someone who stole the cookie keeps sending requests).
     */
    @Test
    void requests_under_way_on_one_node_do_not_bring_back_a_session_signed_out_on_the_other() throws Exception {
        String email = "bezig" + PEOPLE.incrementAndGet() + "@example.nl";
        new Organisations(new ApiClient(a)).organisationWithAdmin("Bezig " + UUID.randomUUID(), email);
        Browser onA = new Browser(a);
        assertThat(onA.signIn(email, "admin password " + email).status()).isEqualTo(200);
        String cookie = "KLANTSPIEGEL_SESSION=" + onA.cookie("KLANTSPIEGEL_SESSION");
        ApiClient stolen = new ApiClient(a);

        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        ExecutorService hammering = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                hammering.submit(() -> {
                    while (!done.get()) {
                        stolen.send(HttpRequest.newBuilder(stolen.uri("/api/session")).header("Cookie", cookie).GET());
                        requests.incrementAndGet();
                    }
                    return null;
                });
            }
            Thread.sleep(500);
            assertThat(onA.at(b).send("POST", "/api/session/sign-out", null).status()).isEqualTo(204);
            Thread.sleep(500);
        } finally {
            done.set(true);
            hammering.shutdown();
            assertThat(hammering.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(requests).as("requests on A around the sign-out").hasValueGreaterThan(20);
        for (ApiClient node : List.of(new ApiClient(a), new ApiClient(b))) {
            JsonNode session = node.send(HttpRequest.newBuilder(node.uri("/api/session")).header("Cookie", cookie)
                    .GET()).json();
            assertThat(session.get("signedIn").asBoolean()).as("signed in after signing out").isFalse();
        }
    }

    @Test
    void five_failed_sign_ins_on_one_node_throttle_the_address_on_the_other() {
        String email = "gegokt" + PEOPLE.incrementAndGet() + "@example.nl";
        new Organisations(new ApiClient(a)).organisationWithAdmin("Gegokt " + UUID.randomUUID(), email);
        Organisations onA = new Organisations(new ApiClient(a));
        for (int i = 0; i < 5; i++) {
            assertThat(onA.token(email, "a wrong guess " + i).status()).as("guess %d on A", i + 1).isEqualTo(401);
        }
        Response onB = new Organisations(new ApiClient(b)).token(email, "another wrong guess");
        assertProblem(onB, 429, "There were too many failed tries");
        assertThat(onB.retryAfter()).isPresent();
        // the browser's way in on B is throttled the same
        Browser browser = new Browser(b);
        assertProblem(browser.signIn(email, "admin password " + email), 429, "There were too many failed tries");
    }

    @Test
    void assessment_starts_from_one_address_count_on_every_node() {
        ApiClient onA = new ApiClient(a);
        ApiClient onB = new ApiClient(b);
        assertThat(onA.post("/api/assessments", null).status()).isEqualTo(201);
        assertThat(onA.post("/api/assessments", null).status()).isEqualTo(201);
        assertThat(onB.post("/api/assessments", null).status()).isEqualTo(201);
        assertThat(onB.post("/api/assessments", null).status()).isEqualTo(201);
        Response refused = onB.post("/api/assessments", null);
        assertProblem(refused, 429, "at most " + STARTS_PER_HOUR + " per hour");
        assertThat(refused.retryAfter()).isPresent();
        assertThat(onA.post("/api/assessments", null).status()).isEqualTo(429);
    }

    /**
     * Two nodes of a new installation started together, with the demo: exactly one setup link is printed (and it
     * works, on either node), the other node says that one exists, and one demo organisation is made. Both nodes
     * decide at the same moment: each waits for the other before its start-up work.
     */
    @Test
    void two_nodes_started_together_make_one_setup_link_and_one_demo_organisation(CapturedOutput output)
            throws Exception {
        int database = freePort();
        CyclicBarrier sameMoment = new CyclicBarrier(2);
        ExecutorService starting = Executors.newFixedThreadPool(2);
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        try {
            Future<ConfigurableApplicationContext> first = starting.submit(() -> node(sameMoment,
                    "--klantspiegel.data-dir=" + TestData.freshDirectory("together-a"),
                    "--klantspiegel.embedded-mongo.port=" + database,
                    "--klantspiegel.demo=true", "--klantspiegel.demo.password=demo password 2026"));
            Future<ConfigurableApplicationContext> second = starting.submit(() -> node(sameMoment,
                    "--klantspiegel.data-dir=" + TestData.freshDirectory("together-b"),
                    "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + database + "/klantspiegel?journal=true",
                    "--klantspiegel.demo=true", "--klantspiegel.demo.password=demo password 2026"));
            nodes.add(first.get(3, TimeUnit.MINUTES));
            nodes.add(second.get(3, TimeUnit.MINUTES));

            // distinct: with several Spring Boot applications in one JVM, a log line can reach the console twice
            java.util.Set<String> printed = new java.util.LinkedHashSet<>();
            Matcher link = Pattern.compile("/beheer/#/installatie/([A-Za-z0-9_-]+)").matcher(output.getOut());
            while (link.find()) {
                printed.add(link.group(1));
            }
            List<String> links = List.copyOf(printed);
            assertThat(links).as("setup links printed").hasSize(1);
            assertThat(output.getOut()).contains("A setup link for the operator exists already");
            // the printed link works, on the other node as well as on its own
            ApiClient api = new ApiClient(port(nodes.get(1)));
            Response setUp = api.post("/api/setup/operator", Organisations.json(Map.of("setupToken", links.get(0),
                    "email", Organisations.OPERATOR_EMAIL, "password", Organisations.OPERATOR_PASSWORD)));
            assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);

            Organisations.Caller operator = new Organisations(api).operator();
            Await.until("the demo organisation", () -> demoOrganisations(operator), count -> count >= 1);
            Thread.sleep(3000); // long enough for a second one to show, had the other node made one too
            assertThat(demoOrganisations(operator)).as("demo organisations").isEqualTo(1);
        } finally {
            starting.shutdownNow();
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    @Test
    void a_node_in_a_cluster_refuses_to_start_on_an_embedded_database_of_its_own() throws IOException {
        Path data = TestData.freshDirectory("alone");
        assertThatThrownBy(() -> node("--klantspiegel.data-dir=" + data))
                .rootCause()
                .hasMessageContaining("klantspiegel.cluster=true")
                .hasMessageContaining("spring.data.mongodb.uri")
                .hasMessageContaining("klantspiegel.embedded-mongo.port");
        try (var files = Files.list(data)) {
            assertThat(files).as("no database was opened").isEmpty();
        }
    }

    private static long demoOrganisations(Organisations.Caller operator) {
        JsonNode organisations = operator.get("/api/organisations").json();
        return StreamSupport.stream(organisations.spliterator(), false)
                .filter(organisation -> organisation.get("name").asText().equals(DEMO))
                .count();
    }

    private static ConfigurableApplicationContext node(String... arguments) {
        return node(null, arguments);
    }

    /** A node in cluster mode on a random HTTP port; arguments, not default properties (those lose to the file). */
    private static ConfigurableApplicationContext node(CyclicBarrier sameMoment, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--klantspiegel.cluster=true"));
        all.addAll(List.of(arguments));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(KlantspiegelApplication.class);
        if (sameMoment != null) {
            builder.listeners(new OneThroughLoggingAtATime(), new SameMoment(sameMoment));
        }
        return builder.run(all.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets one application at a time through Spring Boot's logging set-up: two started at once in one JVM race in it
     * (seen once: "Unable to find Spring Environment in logger context", and that node never started). The nodes
     * still meet at {@link SameMoment} before their start-up work.
     */
    private static final class OneThroughLoggingAtATime
            implements ApplicationListener<org.springframework.boot.context.event.SpringApplicationEvent> {
        private static final java.util.concurrent.Semaphore LOGGING = new java.util.concurrent.Semaphore(1);
        private boolean holding;

        @Override
        public synchronized void onApplicationEvent(
                org.springframework.boot.context.event.SpringApplicationEvent event) {
            if (event instanceof org.springframework.boot.context.event.ApplicationStartingEvent) {
                LOGGING.acquireUninterruptibly();
                holding = true;
            } else if (holding && (event instanceof org.springframework.boot.context.event.ApplicationPreparedEvent
                    || event instanceof org.springframework.boot.context.event.ApplicationFailedEvent)) {
                holding = false;
                LOGGING.release();
            }
        }
    }

    /** Holds a node's start-up work (operator, demo) until the other node is ready too: both decide together. */
    private record SameMoment(CyclicBarrier barrier) implements ApplicationListener<ApplicationReadyEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            try {
                barrier.await(3, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("the other node did not start", e);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
