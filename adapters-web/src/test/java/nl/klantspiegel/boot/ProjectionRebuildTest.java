package nl.klantspiegel.boot;

import com.fasterxml.jackson.databind.JsonNode;
import nl.klantspiegel.application.audit.AuditTrailProjection;
import nl.klantspiegel.application.organisation.OrganisationReadModels;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.report.AnswerChangeProjection;
import nl.klantspiegel.application.report.ReportProjection;
import nl.klantspiegel.boot.ApiClient.Response;
import nl.klantspiegel.boot.Organisations.Admin;
import nl.klantspiegel.boot.Organisations.Caller;
import nl.klantspiegel.domain.assessment.Participation;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.klantspiegel.boot.AssessmentApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding every projection while the product keeps serving. Beside the product's own projections a second,
 * untouched live build of each runs throughout (processing groups {@code reference-…}, into version 99 of the read
 * models). A script keeps answering and keeps adding teams while, one after the other, every projection is rebuilt,
 * and the real release timer releases the answers every second meanwhile: a second rebuild is refused while one runs,
 * the status shows it rebuilding with its progress moving, the old version answers meanwhile, and the product ends on
 * a new version of the read models whose documents are, document for document, those of the live build that was
 * never rebuilt — every event applied, the releases' marks and the audit trail's release entries too, also those that
 * arrived during the rebuild — while the old version is dropped (soon after the switch: the grace is a second here).
 */
@SpringBootTest(classes = {KlantspiegelApplication.class, ProjectionRebuildTest.ReferenceBuild.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"klantspiegel.operator.email=" + Organisations.OPERATOR_EMAIL,
                "klantspiegel.operator.password=" + Organisations.OPERATOR_PASSWORD,
                "klantspiegel.reports.release-every=PT1S",
                // the old version is dropped once no node answers from it and this has passed (60 s in production)
                "klantspiegel.projections.drop-after=PT1S", "klantspiegel.projections.balance-every=PT1S",
                "axon.eventhandling.processors.reference-reports.batch-size=100",
                "axon.eventhandling.processors.reference-answer-changes.batch-size=100",
                "axon.eventhandling.processors.reference-organisation-views.batch-size=100",
                "axon.eventhandling.processors.reference-audit-trail.batch-size=100"})
class ProjectionRebuildTest {

    /** The version of every read model the reference build writes. */
    static final int REFERENCE = 99;
    /** Assessments stored before the rebuilds, so that a rebuild lasts long enough to be watched. */
    static final int STORED = 300;

    /** Each projection and the collections of its read models. */
    static final Map<String, List<String>> COLLECTIONS = new LinkedHashMap<>();

    static {
        COLLECTIONS.put(ReportProjection.PROCESSING_GROUP,
                List.of("reportParticipations", "reportRounds", "reportOrganisations"));
        COLLECTIONS.put(OrganisationViewProjection.PROCESSING_GROUP,
                List.of("organisations", "organisationIndex", "invitations", "memberships"));
        COLLECTIONS.put(AnswerChangeProjection.PROCESSING_GROUP,
                List.of("answerChangeAssessments", "answerChangeRounds"));
        COLLECTIONS.put(AuditTrailProjection.PROCESSING_GROUP, List.of("auditHeads", "auditEntries",
                "auditMembers"));
    }

    /** Collections of the audit trail's day counts, which earlier versions kept and no version writes any more. */
    static final List<String> GONE = List.of("auditActivity", "auditActivityIndex", "auditParticipations");
    /** The organisation's minimum group size: the size of the batches the top-up makes. */
    static final int MINIMUM = 5;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry properties) {
        TestData.freshDataDirectory(properties, "rebuild-test-data");
    }

    /** The live build that is never rebuilt: a second instance of every projection, in a processing group of its own. */
    @TestConfiguration
    static class ReferenceBuild {
        @Bean
        ConfigurerModule referenceProjections(ReadModelVersions versions) {
            return configurer -> configurer.eventProcessing(processing -> {
                reference(processing, ReportProjection.PROCESSING_GROUP,
                        new ReportProjection(versions.open(ReportFacts.class, REFERENCE)));
                reference(processing, OrganisationViewProjection.PROCESSING_GROUP, new OrganisationViewProjection(
                        new OrganisationReadModels(versions.open(OrganisationViews.class, REFERENCE),
                                versions.open(Invitations.class, REFERENCE), versions.open(Memberships.class, REFERENCE))));
                reference(processing, AnswerChangeProjection.PROCESSING_GROUP,
                        new AnswerChangeProjection(versions.open(AnswerChangeFacts.class, REFERENCE)));
                reference(processing, AuditTrailProjection.PROCESSING_GROUP,
                        new AuditTrailProjection(versions.open(AuditTrail.class, REFERENCE)));
            });
        }

        private static void reference(EventProcessingConfigurer processing, String projection, Object handler) {
            processing.registerEventHandler(configuration -> handler)
                    .assignHandlerInstancesMatching("reference-" + projection, 1, candidate -> candidate == handler);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventStore eventStore;

    @Test
    void every_projection_is_rebuilt_beside_the_answering_one_into_the_documents_of_the_live_build() throws Exception {
        ApiClient api = new ApiClient(port);
        Organisations organisations = new Organisations(api);
        Admin admin = organisations.organisationWithAdmin("Herbouw " + UUID.randomUUID(),
                "herbouw" + UUID.randomUUID() + "@example.nl");
        String team = admin.caller().post(admin.path("/teams"), Map.of("name", "Balie")).json().get("id").asText();
        JsonNode opened = admin.caller().post(admin.path("/rounds"), Map.of("name", "Voorjaar")).json();
        String round = opened.get("id").asText();
        String invitation = opened.get("invitationToken").asText();
        AtomicInteger completed = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            respond(api, invitation, team, completed);
        }
        long seeding = System.nanoTime();
        StoredHistories.store(eventStore, new Participation(admin.organisation(), round, team), STORED);
        completed.addAndGet(STORED);
        Caller operator = organisations.operator();
        awaitAllCaughtUp(operator);
        System.out.printf("%,d assessments stored and projected twice in %.1f s%n", STORED,
                (System.nanoTime() - seeding) / 1e9);
        String reportPath = admin.path("/reports/rounds/" + round);
        awaitAllReleased(api, admin, reportPath, invitation, team, completed);

        AtomicBoolean answering = new AtomicBoolean(true);
        AtomicInteger teams = new AtomicInteger();
        CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
            while (answering.get()) {
                respond(api, invitation, team, completed);
                admin.caller().post(admin.path("/teams"), Map.of("name", "Team " + teams.incrementAndGet()));
                pause(100); // a steady stream, not a flood: the machine that runs the tests may have two cores
            }
        });
        boolean etaSeen = false;
        long releaseBeforeRebuilds = release(admin, reportPath);
        for (String projection : COLLECTIONS.keySet()) {
            int before = released(admin, reportPath); // released results only grow
            long releaseBefore = release(admin, reportPath);
            Response started = operator.post("/api/projections/" + projection + "/rebuild", null);
            Response again = operator.post("/api/projections/" + projection + "/rebuild", null);

            assertThat(started.status()).as(projection + ": " + started.body()).isEqualTo(202);
            assertProblem(again, 409, "being rebuilt already");
            List<CompletableFuture<Void>> burst = new ArrayList<>();
            if (projection.equals(ReportProjection.PROCESSING_GROUP)) {
                // a batch at once, beside the script's: most likely released while the facts are rebuilt
                for (int i = 0; i < MINIMUM; i++) {
                    burst.add(CompletableFuture.runAsync(() -> respond(api, invitation, team, completed)));
                }
            }
            boolean releasedWhileRebuilding = false;
            List<String> seen = new ArrayList<>();
            TreeSet<Double> percents = new TreeSet<>();
            long since = System.nanoTime();
            JsonNode last = null;
            while (System.nanoTime() - since < TimeUnit.SECONDS.toNanos(60)) {
                JsonNode status = status(operator, projection);
                last = status;
                seen.add(status.get("status").asText());
                if (status.get("status").asText().equals("REBUILDING")) {
                    percents.add(status.get("percent").asDouble());
                    etaSeen |= status.hasNonNull("etaSeconds") && status.get("etaSeconds").asLong() >= 0;
                    if (projection.equals(ReportProjection.PROCESSING_GROUP)) {
                        assertThat(admin.caller().get(reportPath).json().get("organisation").get("n").asInt())
                                .as("the old version answers during the rebuild").isGreaterThanOrEqualTo(before);
                    }
                    releasedWhileRebuilding |= release(admin, reportPath) > releaseBefore;
                } else if (seen.contains("REBUILDING")) {
                    break;
                }
                Thread.sleep(20);
            }
            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            System.out.printf("%s rebuilt in %.1f s: %d looks, progress seen %s, releases %d to %d%s%n",
                    projection, (System.nanoTime() - since) / 1e9, seen.size(), percents, releaseBefore,
                    release(admin, reportPath), releasedWhileRebuilding ? ", one seen while rebuilding" : "");
            assertThat(seen).as(projection + ": rebuilding, then caught up; last " + last).contains("REBUILDING")
                    .endsWith("CAUGHT_UP");
            assertThat(percents).as(projection + ": the progress moves").hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(percent -> assertThat(percent).isBetween(0.0, 100.0));
            assertThat(mongo.findById("readModelVersion:" + projection, Document.class, "settings").get("version"))
                    .as(projection + ": the new version answers after a restart too").isEqualTo(1);
            for (String collection : COLLECTIONS.get(projection)) {
                Await.until(collection + " (the old version) dropped, soon after the switch",
                        () -> mongo.collectionExists(collection), exists -> !exists);
            }
        }
        assertThat(etaSeen).as("a time left was shown while rebuilding").isTrue();
        assertThat(release(admin, reportPath)).as("releases were made while the projections were rebuilt")
                .isGreaterThan(releaseBeforeRebuilds);
        respond(api, invitation, team, completed); // at least one answer after the last switch
        answering.set(false);
        script.get(60, TimeUnit.SECONDS);
        assertThat(teams.get()).as("organisation events came during the rebuilds too").isGreaterThan(5);
        awaitAllCaughtUp(operator);

        awaitAllReleased(api, admin, reportPath, invitation, team, completed);
        awaitAllCaughtUp(operator);
        assertThat(released(admin, reportPath)).as("every answer, also those given during the rebuilds, released")
                .isEqualTo(completed.get());
        long lastRelease = release(admin, reportPath);
        assertThat(lastRelease).as("releases were made before, during and after the rebuilds").isGreaterThan(2);
        for (var projection : COLLECTIONS.entrySet()) {
            int compared = 0;
            for (String collection : projection.getValue()) {
                List<Document> rebuilt = documents(collection + "_v1");
                List<Document> live = documents(collection + "_v" + REFERENCE);
                assertThat(rebuilt).as(collection + ": the rebuilt documents are those of the live build")
                        .isEqualTo(live);
                compared += rebuilt.size();
            }
            System.out.printf("%s: %,d documents alike%n", projection.getKey(), compared);
            assertThat(compared).as(projection.getKey() + " compared documents").isPositive();
        }
        // what was compared holds the releases: every completion of the round marked, the organisation's last release
        Document completions = new Document();
        Document marks = new Document();
        for (Document shard : mongo.find(Query.query(Criteria.where("_id").regex("^" + java.util.regex.Pattern
                .quote(admin.organisation() + "/" + round + "#"))), Document.class, "reportRounds_v1")) {
            completions.putAll(shard.get("completed", Document.class));
            marks.putAll(shard.get("rc", Document.class));
        }
        assertThat(completions).hasSize(completed.get());
        assertThat(marks).as("a release mark per completion").hasSize(completed.get())
                .containsOnlyKeys(completions.keySet());
        assertThat(marks.values()).allSatisfy(mark -> assertThat(((Document) mark)
                .keySet()).containsExactlyInAnyOrder("r", "ra", "p"));
        Document organisationFacts = mongo.findById(admin.organisation(), Document.class, "reportOrganisations_v1");
        assertThat(((Number) organisationFacts.get("lastRelease")).longValue()).isEqualTo(lastRelease);
        assertThat(organisationFacts.get("lastCutoff")).isNotNull();
        assertThat(mongo.find(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("type")
                .is("ResultsReleased").and("organisationId").is(admin.organisation())), Document.class,
                "auditEntries_v1")).as("the releases in the rebuilt audit trail").hasSize((int) lastRelease);
        for (String collection : mongo.getCollectionNames()) {
            assertThat(GONE).as(collection + ": day counts are kept in no version")
                    .noneMatch(gone -> collection.equals(gone) || collection.startsWith(gone + "_"));
        }
        assertProblem(operator.post("/api/projections/nope/rebuild", null), 404, "Projection nope");
        assertProblem(admin.caller().post("/api/projections/reports/rebuild", null), 403, "operator");
    }

    /**
     * A collection's documents in {@code _id} order; of the report facts' change counters only that every release
     * raised the one and every completion the other. (The release marks {@code rc.<id>} and the organisations' {@code lastRelease} and
     * {@code lastCutoff} are facts, compared as they are.)
     */
    private List<Document> documents(String collection) {
        List<Document> documents = new ArrayList<>();
        for (Document document : mongo.find(new Query().with(org.springframework.data.domain.Sort.by("_id")),
                Document.class, collection)) {
            if (collection.startsWith("reportOrganisations")) {
                // a counter raised by every release written, also a redelivered one, and by a reset: what the
                // reports' cache is checked against, not a fact
                long releases = document.get("lastRelease") == null ? 0
                        : ((Number) document.get("lastRelease")).longValue();
                assertThat(document.get("version", Number.class).longValue()).as(collection + " " + document)
                        .isPositive().isGreaterThanOrEqualTo(releases);
                document.remove("version");
                // the completions counter too: raised by every completion written, also a redelivered one, so at
                // least the number of completions the organisation's rounds hold
                long filed = 0;
                for (Document round : mongo.find(Query.query(Criteria.where("_id")
                                .regex("^" + java.util.regex.Pattern.quote(document.getString("_id")) + "/")),
                        Document.class, collection.replace("reportOrganisations", "reportRounds"))) {
                    Document completed = round.get("completed", Document.class);
                    filed += completed == null ? 0 : completed.size();
                }
                assertThat(document.get("completions", Number.class).longValue()).as(collection + " " + document)
                        .isPositive().isGreaterThanOrEqualTo(filed);
                document.remove("completions");
            }
            documents.add(document);
        }
        return documents;
    }

    /** The number of the organisation's last release, as the report shows it. */
    private static long release(Admin admin, String reportPath) {
        return admin.caller().get(reportPath).json().get("provenance").get("release").get("number").asLong();
    }

    /** The organisation's released completed assessments in the round, as the report shows them. */
    private static int released(Admin admin, String reportPath) {
        return admin.caller().get(reportPath).json().get("organisation").get("n").asInt();
    }

    /**
     * Waits until every completion is released. What waits when the timer has released all it could is fewer than
     * the minimum (one team answers here); as many more respondents as make it exactly the minimum are released
     * together, whenever the timer looks.
     */
    private static void awaitAllReleased(ApiClient api, Admin admin, String reportPath, String invitation,
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitAllCaughtUp(Caller operator) throws InterruptedException {
        JsonNode all = null;
        for (int attempt = 0; attempt < 1_200; attempt++) {
            all = operator.get("/api/projections").json();
            boolean caughtUp = all.size() == 2 * COLLECTIONS.size();
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
