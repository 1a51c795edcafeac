package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.testing.contract.ReportFactsContract;
import nl.klantspiegel.application.port.out.ReportFacts.Changes;
import nl.klantspiegel.application.port.out.ReportFacts.CompletedFact;
import nl.klantspiegel.application.port.out.ReportFacts.Facts;
import nl.klantspiegel.application.port.out.ReportFacts.Filed;
import nl.klantspiegel.application.port.out.ReportFacts.Mark;
import nl.klantspiegel.application.port.out.ReportFacts.Started;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import nl.klantspiegel.domain.report.Completion;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static nl.klantspiegel.application.testing.contract.ReportFactsContract.A1;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.A2;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.A3;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.A4;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.A6;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.AT;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.CUTOFF_1;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.CUTOFF_2;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.HIGH_ANSWERS;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.LOW_ANSWERS;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.ORG;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.OTHER_ORG;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.RELEASED_1;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.RELEASED_2;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.SALES;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.SERVICE;
import static nl.klantspiegel.application.testing.contract.ReportFactsContract.STARTED_AT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports' facts through the real MongoDB driver, against the embedded wire-protocol server: what only storage can
 * get wrong (documents, shards, times, versions in collections of their own, documents of earlier builds). The port's
 * promises: {@link MongoReportFactsContractTest}.
 */
class MongoReportFactsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("reports");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoReportFacts facts = new MongoReportFacts(mongo);


    // ----- started and completed ----------------------------------------------------------------------

    @Test
    void a_start_is_stored_as_its_participation_alone_and_in_no_round() {
        start(A1, SALES, STARTED_AT);

        Document participation = mongo.findById(A1, Document.class, MongoReportFacts.PARTICIPATIONS);
        assertThat(participation).isEqualTo(new Document("_id", A1)
                .append("organisationId", ORG).append("roundId", "r-1").append("teamId", "t-sales"));
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments())
                .as("a start is written to no round, not even its time").isZero();
    }

    @Test
    void a_completion_is_stored_readably_in_its_rounds_shard() {
        Completion low = new Completion(A2, "r-1", "t-service", AT, 1, LOW_ANSWERS, Band.LOW);

        apply(Map.of(A2, new Started(SERVICE, STARTED_AT)), List.of(new Filed(SERVICE, low)));

        Document stored = round(ORG, "r-1");
        Document completed = stored.get("completed", Document.class).get(A2, Document.class);
        assertThat(completed.getString("teamId")).isEqualTo("t-service");
        assertThat(completed.getDate("at")).isEqualTo(Date.from(AT));
        assertThat(completed.getList("questions", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(completed.getString("options")).isEqualTo("acbcba");
        assertThat(completed.getList("points", Integer.class)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(completed.getString("band")).isEqualTo("LOW");
        assertThat(stored).as("no starts beside the completions").containsOnlyKeys("_id", "organisationId",
                "roundId", "completed");
    }

    @Test
    void completion_times_are_kept_to_the_millisecond() {
        Instant startedAt = Instant.parse("2026-11-22T09:01:07.456789Z");
        Instant completedAt = Instant.parse("2026-11-22T09:15:42.123456789Z");

        apply(Map.of(A1, new Started(SALES, startedAt)),
                List.of(new Filed(SALES, new Completion(A1, "r-1", "t-sales", completedAt, 1, HIGH_ANSWERS,
                        Band.HIGH))));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.completed()).extracting(fact -> fact.completion().completedAt())
                .containsExactly(Instant.parse("2026-11-22T09:15:42.123Z"));
    }

    @Test
    void the_same_write_twice_rewrites_no_document() {
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Changes changes = new Changes(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SALES, STARTED_AT)),
                List.of(new Filed(SALES, high)));
        facts.apply(changes);
        Document roundOnce = round(ORG, "r-1");

        facts.apply(changes);
        apply(Map.of(A2, new Started(SALES, STARTED_AT)), List.of(new Filed(SALES, high)));

        assertThat(round(ORG, "r-1")).isEqualTo(roundOnce);
        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(1);
    }

    @Test
    void one_batch_of_changes_fills_one_document_per_round_with_completions() {
        Participation secondRound = new Participation(ORG, "r-2", "t-sales");
        Participation otherOrg = new Participation(OTHER_ORG, "r-1", "t-sales");
        Map<String, Started> started = new LinkedHashMap<>();
        started.put(A1, new Started(SALES, STARTED_AT));
        started.put(A2, new Started(SERVICE, STARTED_AT));
        started.put(A3, new Started(secondRound, STARTED_AT));
        started.put(A4, new Started(otherOrg, STARTED_AT));

        apply(started, List.of(new Filed(SALES, new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH)),
                new Filed(otherOrg, new Completion(A4, "r-1", "t-sales", AT, 1, LOW_ANSWERS, Band.LOW))));

        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(2);
        assertThat(mongo.findById(RoundShards.key(ORG, "r-1", A1), Document.class, MongoReportFacts.ROUNDS))
                .as("the completion's shard of its round").isNotNull();
        Document first = round(ORG, "r-1");
        assertThat(first.getString("organisationId")).isEqualTo(ORG);
        assertThat(first.getString("roundId")).isEqualTo("r-1");
        assertThat(first.get("completed", Document.class).keySet()).containsExactly(A1);
        assertThat(first.get("started")).isNull();
        assertThat(round(ORG, "r-2")).as("a round with a start alone has no document").isNull();
        assertThat(round(OTHER_ORG, "r-1").get("completed", Document.class).keySet()).containsExactly(A4);
    }

    @Test
    void nothing_to_write_writes_nothing() {
        Changes none = new Changes(Map.of(), List.of());
        assertThat(none.isEmpty()).isTrue();

        facts.apply(none);

        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("report"));
    }

    // ----- releases -----------------------------------------------------------------------------------

    @Test
    void a_release_is_stored_as_marks_beside_the_completions_it_showed() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, SALES, LOW_ANSWERS, Band.LOW);
        completedIn(A3, SERVICE, HIGH_ANSWERS, Band.HIGH);
        completedIn(A4, SERVICE, LOW_ANSWERS, Band.LOW);
        completedIn(A6, SALES, HIGH_ANSWERS, Band.HIGH);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 2,
                List.of(new Batch("r-1", "t-sales", List.of(A1, A2)), new Batch("r-1", null, List.of(A3, A4))),
                RELEASED_1));

        Document stored = round(ORG, "r-1");
        assertThat(stored.get("rc", Document.class).get(A3, Document.class))
                .isEqualTo(new Document("r", 1L).append("ra", Date.from(RELEASED_1)).append("p", true));
        assertThat(stored.get("rc", Document.class).keySet()).containsExactlyInAnyOrder(A1, A2, A3, A4);
        assertThat(stored).as("completions marked, nothing of starts").containsOnlyKeys("_id", "organisationId",
                "roundId", "completed", "rc");
        Document organisation = mongo.findById(ORG, Document.class, MongoReportFacts.ORGANISATIONS);
        assertThat(organisation.get("lastRelease", Number.class).longValue()).isEqualTo(1);
        assertThat(organisation.getDate("lastCutoff")).isEqualTo(Date.from(CUTOFF_1));
    }

    @Test
    void the_same_release_written_twice_rewrites_no_round() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        ResultsReleased release = new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1)), new Batch("r-1", "t-service", List.of(A2))),
                RELEASED_1);
        facts.released(release);
        Document roundOnce = round(ORG, "r-1");

        facts.released(release);

        assertThat(round(ORG, "r-1")).isEqualTo(roundOnce);
        Document organisation = mongo.findById(ORG, Document.class, MongoReportFacts.ORGANISATIONS);
        assertThat(organisation.get("lastRelease", Number.class).longValue()).isEqualTo(1);
        assertThat(organisation.getDate("lastCutoff")).isEqualTo(Date.from(CUTOFF_1));
    }

    // ----- older documents ----------------------------------------------------------------------------

    @Test
    void a_round_written_by_an_earlier_version_is_read_without_its_starts_and_its_completions_and_marks_come_back() {
        // as earlier versions wrote a round: its starts beside the completions (first the team alone, later team and
        // time) and the releases of starts (rs) beside those of completions (rc)
        Document released1 = new Document("r", 1L).append("ra", Date.from(RELEASED_1)).append("p", false);
        Document started = new Document(A1, "t-sales").append(A2, "t-service")
                .append(A3, new Document("team", "t-sales").append("at", Date.from(STARTED_AT)))
                .append(A4, new Document("team", "t-service").append("at", Date.from(STARTED_AT)));
        Document startMarks = new Document(A1, released1).append(A2, released1).append(A3, released1);
        mongo.insert(new Document("_id", ORG + "/r-1").append("organisationId", ORG).append("roundId", "r-1")
                .append("started", started)
                .append("completed", new Document(A1, completedAsStored("t-sales", AT, "cbabcc", 5, "HIGH"))
                        .append(A2, completedAsStored("t-service", AT.plusSeconds(1), "acbcba", 1, "LOW")))
                .append("rc", new Document(A1, released1))
                .append("rs", startMarks), MongoReportFacts.ROUNDS);
        mongo.insert(new Document("_id", ORG).append("lastRelease", 1L).append("lastCutoff", Date.from(CUTOFF_1))
                .append("version", 1L), MongoReportFacts.ORGANISATIONS);
        Completion a1 = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Completion a2 = new Completion(A2, "r-1", "t-service", AT.plusSeconds(1), 1, LOW_ANSWERS, Band.LOW);

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(List.of(
                new CompletedFact(a1, Optional.of(new Mark(1, RELEASED_1, false))),
                new CompletedFact(a2, Optional.empty())), 1, Optional.of(CUTOFF_1)));

        Completion a3 = completedIn(A3, SALES, HIGH_ANSWERS, Band.HIGH);
        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1,
                List.of(new Batch("r-1", "t-service", List.of(A2))), RELEASED_2));

        assertThat(sortedCompletions(facts.facts(ORG, List.of("r-1")).completed())).containsExactly(
                new CompletedFact(a1, Optional.of(new Mark(1, RELEASED_1, false))),
                new CompletedFact(a2, Optional.of(new Mark(2, RELEASED_2, false))),
                new CompletedFact(a3, Optional.empty()));
        assertThat(facts.facts(ORG, List.of("r-1")).lastRelease()).isEqualTo(2);
        assertThat(facts.version(ORG)).isEqualTo(2);
        Document stored = mongo.findById(ORG + "/r-1", Document.class, MongoReportFacts.ROUNDS);
        assertThat(stored.get("started", Document.class)).as("left as it was").isEqualTo(started);
        assertThat(stored.get("rs", Document.class)).as("left as it was").isEqualTo(startMarks);
        assertThat(stored.get("completed", Document.class).keySet()).as("never written again")
                .containsExactlyInAnyOrder(A1, A2);
        assertThat(stored.get("rc", Document.class).keySet()).as("never written again").containsExactly(A1);
        assertThat(round(ORG, "r-1").get("completed", Document.class).keySet()).containsExactly(A3);
        assertThat(round(ORG, "r-1").get("rc", Document.class).keySet()).containsExactly(A2);
    }

    @Test
    void a_round_is_spread_over_its_shards_so_that_a_completion_rewrites_a_part_of_it() {
        Map<String, Started> started = new LinkedHashMap<>();
        List<Filed> completed = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = java.util.UUID.nameUUIDFromBytes(("assessment " + i).getBytes()).toString();
            started.put(id, new Started(SALES, STARTED_AT));
            completed.add(new Filed(SALES, new Completion(id, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH)));
        }
        apply(started, completed);
        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales",
                List.copyOf(started.keySet()))), RELEASED_1));

        long documents = mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments();
        assertThat(documents).as("200 completions over the round's shards").isBetween(50L, (long) RoundShards.SHARDS);
        for (Document shard : mongo.findAll(Document.class, MongoReportFacts.ROUNDS)) {
            assertThat(shard.get("completed", Document.class).keySet()).as(shard.getString("_id"))
                    .isNotEmpty().hasSizeLessThan(15)
                    .isEqualTo(shard.get("rc", Document.class).keySet())
                    .allSatisfy(id -> assertThat(RoundShards.key(ORG, "r-1", id)).isEqualTo(shard.getString("_id")));
        }
        assertThat(facts.facts(ORG, List.of("r-1")).completed()).hasSize(200)
                .allSatisfy(fact -> assertThat(fact.release()).contains(new Mark(1, RELEASED_1, false)));
    }

    // ----- clearing and versions ----------------------------------------------------------------------

    @Test
    void a_clear_removes_the_facts_documents_and_keeps_only_the_counters() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, new Participation(OTHER_ORG, "r-2", "t-sales"), LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_1));
        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ORGANISATIONS).countDocuments()).isEqualTo(2);

        facts.clear();

        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isZero();
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isZero();
        Document organisation = mongo.findById(ORG, Document.class, MongoReportFacts.ORGANISATIONS);
        assertThat(organisation).as("the counters are kept").containsOnlyKeys("_id", "version", "completions");
    }

    @Test
    void a_version_of_the_facts_lives_in_its_own_collections() {
        MongoReportFacts second = new MongoReportFacts(mongo, 2);
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion inSecond = new Completion(A2, "r-1", "t-service", AT, 1, LOW_ANSWERS, Band.LOW);
        second.apply(new Changes(Map.of(A2, new Started(SERVICE, STARTED_AT)), List.of(new Filed(SERVICE, inSecond))));
        second.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-service", List.of(A2))), RELEASED_1));

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(
                List.of(new CompletedFact(first, Optional.empty())), 0, Optional.empty()));
        assertThat(facts.participation(A2)).isEmpty();
        assertThat(facts.version(ORG)).isZero();
        assertThat(second.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(
                List.of(new CompletedFact(inSecond, Optional.of(new Mark(1, RELEASED_1, false)))), 1,
                Optional.of(CUTOFF_1)));
        assertThat(second.participation(A2)).contains(SERVICE);
        assertThat(second.participation(A1)).isEmpty();
        assertThat(second.version(ORG)).isEqualTo(1);
        assertThat(mongo.collectionExists("reportOrganisations_v2")).isTrue();
        assertThat(mongo.getCollection(MongoReportFacts.ORGANISATIONS).find(new Document("version",
                new Document("$exists", true))).first()).as("no release in version 0").isNull();
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private void apply(Map<String, Started> started, List<Filed> completed) {
        facts.apply(new Changes(started, completed));
    }

    private void start(String assessmentId, Participation participation, Instant at) {
        apply(Map.of(assessmentId, new Started(participation, at)), List.of());
    }

    private Completion completedIn(String assessmentId, Participation participation, List<ScoredAnswer> answers,
                                   Band band) {
        return ReportFactsContract.completedIn(facts, assessmentId, participation, answers, band);
    }

    /** A round as one document: its shards' fields together, their entries merged (null when it has none). */
    private Document round(String organisationId, String roundId) {
        Document round = null;
        for (int shard = 0; shard < RoundShards.SHARDS; shard++) {
            Document stored = mongo.findById(organisationId + "/" + roundId + "#" + shard, Document.class,
                    MongoReportFacts.ROUNDS);
            if (stored != null) {
                if (round == null) {
                    round = new Document("_id", organisationId + "/" + roundId);
                }
                for (var field : stored.entrySet()) {
                    if (field.getKey().equals("completed") || field.getKey().equals("rc")) {
                        ((Document) round.computeIfAbsent(field.getKey(), key -> new Document()))
                                .putAll((Document) field.getValue());
                    } else if (!field.getKey().equals("_id")) {
                        round.put(field.getKey(), field.getValue());
                    }
                }
            }
        }
        return round;
    }

    private static List<CompletedFact> sortedCompletions(List<CompletedFact> completed) {
        return completed.stream().sorted(Comparator.comparing(fact -> fact.completion().assessmentId())).toList();
    }

    /** A completion as every version so far stored it: six questions, the same points for each. */
    private static Document completedAsStored(String teamId, Instant at, String options, int points, String band) {
        return new Document("teamId", teamId).append("at", Date.from(at)).append("instrumentVersion", 1)
                .append("questions", List.of(1, 2, 3, 4, 5, 6)).append("options", options)
                .append("points", List.of(points, points, points, points, points, points)).append("band", band);
    }
}
