package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.application.port.out.Nodes;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.port.out.SharedTokens.StoredSegment;
import nl.klantspiegel.application.projection.ActiveVersions;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import nl.klantspiegel.domain.assessment.Participation;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the product on one database, as behind a round-robin balancer, in one JVM: node A runs the embedded
 * database and serves it on a loopback port, node B uses it through {@code spring.data.mongodb.uri}. Node B, started
 * after the events exist, is ready as soon as its web server is; both take segments of the projections; a rebuild
 * asked of A switches B too, while B answers reports from a version that is never dropped under it, and a second
 * rebuild asked of B meanwhile is refused; and when B dies holding claims (it never releases them), A takes them over
 * once they run out. {@code -Dtwo-nodes.assessments=N} stores more history (about 8.5 events each) to measure how
 * long a node joining a large store takes to be ready.
 */
class ProjectionsOnTwoNodesTest {

    static final int STORED = Integer.getInteger("two-nodes.assessments", 300);
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    static final int MINIMUM = 5;
    static final List<String> OLD_REPORT_COLLECTIONS = List.of("reportParticipations", "reportRounds",
            "reportOrganisations");

    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void two_nodes_share_readiness_segments_a_rebuild_and_take_over_from_each_other() throws Exception {
        int databasePort = freePort();
        B_DIED.set(false);
        ConfigurableApplicationContext a = start(new Class<?>[]{KlantspiegelApplication.class},
                "--klantspiegel.data-dir=" + TestData.freshDirectory("two-nodes-a"),
                "--klantspiegel.embedded-mongo.port=" + databasePort);
        ApiClient apiA = client(a);
        Organisations organisations = new Organisations(apiA);
        Admin admin = organisations.organisationWithAdmin("Twee knopen " + UUID.randomUUID(),
                "twee" + UUID.randomUUID() + "@example.nl");
        String team = admin.caller().post(admin.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
        JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
        String round = opened.get("id").asText();
        String invitation = opened.get("invitationToken").asText();
        String reportPath = admin.path("/reports/rounds/" + round);
        AtomicInteger completed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            respond(apiA, invitation, team, completed);
        }
        long storing = System.nanoTime();
        StoredHistories.store(a.getBean(EventStore.class), new Participation(admin.organisation(), round, team), STORED);
        completed.addAndGet(STORED);
        Caller operatorA = organisations.operator();
        awaitAllCaughtUp(operatorA);
        long head = operatorA.get("/api/projections").json().get(0).get("head").asLong();
        System.out.printf("%,d assessments (%,d events) stored and projected by node A in %.1f s%n", STORED, head,
                (System.nanoTime() - storing) / 1e9);
        awaitAllReleased(admin.caller(), apiA, reportPath, invitation, team, completed);

        // ----- B joins a store with events: ready once its web server is, from what the token store says
        long starting = System.nanoTime();
        ConfigurableApplicationContext b = start(new Class<?>[]{KlantspiegelApplication.class, MortalTokenStore.class},
                "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + databasePort + "/klantspiegel?journal=true",
                "--klantspiegel.data-dir=" + TestData.freshDirectory("two-nodes-b-unused"));
        long webServerUp = System.nanoTime();
        ApiClient apiB = client(b);
        Response readiness = apiB.get("/actuator/health/readiness");
        long ready = System.nanoTime();
        System.out.printf("node B joined a store of %,d events: started in %.1f s, ready %.0f ms after its web "
                + "server%n", head, (webServerUp - starting) / 1e9, (ready - webServerUp) / 1e6);
        assertThat(readiness.status()).as("ready at once: " + readiness).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        Caller adminOnB = new Caller(apiB, admin.caller().token());
        Caller operatorOnB = new Caller(apiB, operatorA.token());
        assertThat(released(adminOnB, reportPath)).as("B answers at once from the views A built")
                .isEqualTo(completed.get());

        // ----- both take segments
        String nodeA = a.getBean(Nodes.class).self();
        String nodeB = b.getBean(Nodes.class).self();
        SharedTokens tokens = a.getBean(SharedTokens.class);
        awaitUntil("both nodes hold segments", Duration.ofSeconds(30), () -> {
            Set<String> owners = owners(tokens).keySet();
            return owners.contains(nodeA) && owners.contains(nodeB);
        });
        awaitUntil("every segment held, evenly", Duration.ofSeconds(30), () -> {
            Map<String, List<String>> held = owners(tokens);
            return held.keySet().equals(Set.of(nodeA, nodeB))
                    && held.get(nodeA).size() + held.get(nodeB).size() == liveSegments(tokens)
                    && Math.abs(held.get(nodeA).size() - held.get(nodeB).size()) <= 1;
        });
        System.out.println("segments held: " + owners(tokens));

        // ----- a rebuild asked of A, while B answers reports and answers keep coming through B
        int before = released(adminOnB, reportPath);
        MongoTemplate mongo = a.getBean(MongoTemplate.class);
        AtomicBoolean reading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean rebuildingSeenOnB = new AtomicBoolean();
        CompletableFuture<Void> readerOnB = CompletableFuture.runAsync(() -> {
            while (reading.get()) {
                Response report = adminOnB.get(reportPath);
                reads.incrementAndGet();
                if (report.status() != 200) {
                    wrong.add(report.toString());
                } else if (report.json().get("organisation").get("n").asInt() < before) {
                    wrong.add("n " + report.json().get("organisation").get("n") + " < " + before);
                }
                rebuildingSeenOnB.compareAndSet(false, status(operatorOnB, ReportProjection.PROCESSING_GROUP)
                        .get("status").asText().equals("REBUILDING"));
                respond(apiB, invitation, team, completed);
            }
        });
        Response started = operatorA.post("/api/projections/reports/rebuild", null);
        Response again = operatorOnB.post("/api/projections/reports/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertProblem(again, 409, "being rebuilt already");
        ReadModelVersions versions = a.getBean(ReadModelVersions.class);
        awaitUntil("version 1 of the reports answers", Duration.ofSeconds(60),
                () -> versions.active(ReportProjection.PROCESSING_GROUP) == 1);
        long switched = System.nanoTime();
        ActiveVersions activeOnB = b.getBean(ActiveVersions.class);
        awaitUntil("B follows the switch", Duration.ofSeconds(5),
                () -> activeOnB.answering().getOrDefault(ReportProjection.PROCESSING_GROUP, 0) == 1);
        System.out.printf("B followed the switch %.0f ms after it was stored (bound: 1 s and a heartbeat)%n",
                (System.nanoTime() - switched) / 1e6);
        for (String collection : OLD_REPORT_COLLECTIONS) {
            awaitUntil(collection + " (version 0) dropped once no node answers from it", Duration.ofSeconds(30),
                    () -> !mongo.collectionExists(collection));
        }
        reading.set(false);
        readerOnB.get(60, TimeUnit.SECONDS);
        System.out.printf("B answered the report %d times during the rebuild%n", reads.get());
        assertThat(wrong).as("B answered every time, never less than before").isEmpty();
        assertThat(reads.get()).isGreaterThan(3);
        assertThat(rebuildingSeenOnB).as("B's status showed A's rebuild").isTrue();
        awaitAllReleased(adminOnB, apiB, reportPath, invitation, team, completed);
        assertThat(released(adminOnB, reportPath)).as("B answers from version 1, with every answer")
                .isEqualTo(completed.get());
        assertThat(activeOnB.version(ReportProjection.PROCESSING_GROUP)).isEqualTo(1);

        // ----- B dies holding claims: A takes them over once they have run out
        awaitUntil("B holds segments again", Duration.ofSeconds(30),
                () -> owners(tokens).getOrDefault(nodeB, List.of()).size() >= 2);
        List<String> heldByB = owners(tokens).get(nodeB);
        long died = System.nanoTime();
        B_DIED.set(true);
        b.close();
        awaitUntil("A holds every segment", CLAIM_TIMEOUT.plusSeconds(10),
                () -> owners(tokens).keySet().equals(Set.of(nodeA)));
        double takeover = (System.nanoTime() - died) / 1e9;
        System.out.printf("A took over %s %.1f s after B died (claim timeout %d s)%n", heldByB, takeover,
                CLAIM_TIMEOUT.toSeconds());
        assertThat(takeover).as("within the claim timeout and a claim interval")
                .isGreaterThan(CLAIM_TIMEOUT.toSeconds() - 3).isLessThan(CLAIM_TIMEOUT.toSeconds() + 3);
        awaitAllReleased(admin.caller(), apiA, reportPath, invitation, team, completed);
        assertThat(released(admin.caller(), reportPath)).isEqualTo(completed.get());
    }

    // ----- nodes --------------------------------------------------------------------------------------

    private ConfigurableApplicationContext start(Class<?>[] sources, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0",
                "--klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "--klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "--klantspiegel.reports.release-every=PT1S",
                "--klantspiegel.projections.claim-timeout=" + CLAIM_TIMEOUT,
                // quicker than in production (5 s and 60 s), so that the test sees the drop soon
                "--klantspiegel.projections.balance-every=PT1S", "--klantspiegel.projections.drop-after=PT2S"));
        all.addAll(List.of(arguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources)
                .run(all.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether node B has died: from then on its token store neither stores, extends nor releases a claim. */
    static final AtomicBoolean B_DIED = new AtomicBoolean();

    /** Added to node B's sources (not scanned: no stereotype): its token store, able to die. */
    static class MortalTokenStore {

        @Bean
        static BeanPostProcessor mortalTokenStore() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof TokenStore store)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[]{TokenStore.class},
                            (proxy, method, args) -> {
                                if (B_DIED.get()) {
                                    throw new IllegalStateException("this node is dead");
                                }
                                try {
                                    return method.invoke(store, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

    // ----- the shared state --------------------------------------------------------------------------

    /** Who holds which live segment (claims that have not run out), by node. */
    private static Map<String, List<String>> owners(SharedTokens tokens) {
        Map<String, List<String>> owners = new HashMap<>();
        Instant since = Instant.now().minus(CLAIM_TIMEOUT);
        tokens.all().forEach((processor, segments) -> {
            if (!processor.contains("@")) {
                for (Map.Entry<Integer, StoredSegment> segment : segments.entrySet()) {
                    StoredSegment stored = segment.getValue();
                    if (stored.owner() != null && stored.claimedAt().isAfter(since)) {
                        owners.computeIfAbsent(stored.owner(), owner -> new ArrayList<>())
                                .add(processor + "/" + segment.getKey());
                    }
                }
            }
        });
        return owners;
    }

    /** How many segments the live projections have. */
    private static int liveSegments(SharedTokens tokens) {
        return tokens.all().entrySet().stream().filter(processor -> !processor.getKey().contains("@"))
                .mapToInt(processor -> processor.getValue().size()).sum();
    }

    private static void awaitUntil(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit + " for " + what);
            }
            Thread.sleep(50);
        }
    }

    // ----- the product, over HTTP --------------------------------------------------------------------

    private static void awaitAllCaughtUp(Caller operator) throws InterruptedException {
        JsonNode all = null;
        for (int attempt = 0; attempt < 3_000; attempt++) {
            all = operator.get("/api/projections").json();
            boolean caughtUp = all.size() >= 4;
            for (JsonNode projection : all) {
                caughtUp &= projection.get("status").asText().equals("CAUGHT_UP")
                        && projection.get("position").asLong() >= projection.get("head").asLong();
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not caught up: " + all);
    }

    private static JsonNode status(Caller operator, String name) {
        for (JsonNode projection : operator.get("/api/projections").json()) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private static int released(Caller admin, String reportPath) {
        return admin.get(reportPath).json().get("organisation").get("n").asInt();
    }

    /** Until every completion is released (what the timer leaves waiting is topped up to exactly the minimum). */
    private static void awaitAllReleased(Caller admin, ApiClient api, String reportPath, String invitation,
                                         String team, AtomicInteger completed) {
        int released = Await.until("all but fewer than the minimum released",
                () -> released(admin, reportPath), n -> completed.get() - n < MINIMUM);
        int waiting = completed.get() - released;
        if (waiting > 0) {
            for (int i = waiting; i < MINIMUM; i++) {
                respond(api, invitation, team, completed);
            }
        }
        Await.until("every completion released", () -> released(admin, reportPath), n -> n == completed.get());
    }

    private static void respond(ApiClient api, String invitation, String team, AtomicInteger completed) {
        String id = api.post("/api/invitations/" + invitation + "/assessments",
                Organisations.json(Map.of("team", team))).json().get("id").asText();
        for (int question = 1; question <= 6; question++) {
            api.answer(id, question, "b");
        }
        if (api.post("/api/assessments/" + id + "/completion", null).status() == 200) {
            completed.incrementAndGet();
        }
    }
}
