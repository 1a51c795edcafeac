package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.ReportFacts.Changes;
import nl.klantspiegel.application.port.out.ReportFacts.CompletedFact;
import nl.klantspiegel.application.port.out.ReportFacts.Facts;
import nl.klantspiegel.application.port.out.ReportFacts.Filed;
import nl.klantspiegel.application.port.out.ReportFacts.Mark;
import nl.klantspiegel.application.port.out.ReportFacts.Started;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The reports' facts through the real MongoDB driver, against the embedded wire-protocol server. */
class MongoReportFactsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("reports");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoReportFacts facts = new MongoReportFacts(mongo);

    private static final String ORG = "org-acme";
    private static final String OTHER_ORG = "org-other";
    private static final String A1 = "5b1f7a5e-8c1d-4f3a-9a2b-0c4d5e6f7a81";
    private static final String A2 = "6c2e8b6f-9d2e-4a4b-8b3c-1d5e6f7a8b92";
    private static final String A3 = "7d3f9c70-ae3f-4b5c-9c4d-2e6f7a8b9ca3";
    private static final String A4 = "8e40ad81-bf40-4c6d-ad5e-3f7a8b9cadb4";
    private static final String A5 = "9f51be92-c051-4d7e-be6f-4a8b9cadbec5";
    private static final String A6 = "a062cfa3-d162-4e8f-cf70-5b9cadbecfd6";
    private static final Instant STARTED_AT = Instant.parse("2026-11-22T09:01:07.456Z");
    private static final Instant AT = Instant.parse("2026-11-22T09:15:42.123Z");
    private static final Instant CUTOFF_1 = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant RELEASED_1 = Instant.parse("2026-11-23T00:00:05.250Z");
    private static final Instant CUTOFF_2 = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant RELEASED_2 = Instant.parse("2026-11-30T00:00:04.750Z");
    private static final Participation SALES = new Participation(ORG, "r-1", "t-sales");
    private static final Participation SERVICE = new Participation(ORG, "r-1", "t-service");
    private static final List<ScoredAnswer> HIGH_ANSWERS = List.of(new ScoredAnswer(1, Option.C, 5),
            new ScoredAnswer(2, Option.B, 5), new ScoredAnswer(3, Option.A, 5), new ScoredAnswer(4, Option.B, 5),
            new ScoredAnswer(5, Option.C, 5), new ScoredAnswer(6, Option.C, 5));
    private static final List<ScoredAnswer> LOW_ANSWERS = List.of(new ScoredAnswer(1, Option.A, 1),
            new ScoredAnswer(2, Option.C, 1), new ScoredAnswer(3, Option.B, 1), new ScoredAnswer(4, Option.C, 1),
            new ScoredAnswer(5, Option.B, 1), new ScoredAnswer(6, Option.A, 1));

    // ----- started and completed ----------------------------------------------------------------------

    @Test
    void a_started_assessment_is_kept_as_its_participation_alone_and_is_no_fact_of_its_round() {
        start(A1, SALES, STARTED_AT);

        assertThat(facts.participation(A1)).contains(SALES);
        assertThat(facts.participation(A2)).isEmpty();
        Document participation = mongo.findById(A1, Document.class, MongoReportFacts.PARTICIPATIONS);
        assertThat(participation).isEqualTo(new Document("_id", A1)
                .append("organisationId", ORG).append("roundId", "r-1").append("teamId", "t-sales"));
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(List.of(), 0, Optional.empty()));
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments())
                .as("a start is written to no round, not even its time").isZero();
    }

    @Test
    void the_participations_of_several_assessments_are_read_at_once() {
        Participation elsewhere = new Participation(OTHER_ORG, "r-9", "t-x");
        apply(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SERVICE, STARTED_AT),
                A3, new Started(elsewhere, STARTED_AT)), List.of());

        assertThat(facts.participations(List.of(A1, A3, A4))).isEqualTo(Map.of(A1, SALES, A3, elsewhere));
        assertThat(facts.participations(List.of())).isEmpty();
    }

    @Test
    void a_completed_assessment_is_read_back_with_every_field() {
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Completion low = new Completion(A2, "r-1", "t-service", AT.plusMillis(1), 1, LOW_ANSWERS, Band.LOW);
        apply(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SERVICE, STARTED_AT)), List.of());

        apply(Map.of(), List.of(new Filed(SALES, high), new Filed(SERVICE, low)));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(sortedCompletions(read.completed())).containsExactly(
                new CompletedFact(high, Optional.empty()), new CompletedFact(low, Optional.empty()));
        Completion readHigh = sortedCompletions(read.completed()).get(0).completion();
        assertThat(readHigh.completedAt()).isEqualTo(Instant.parse("2026-11-22T09:15:42.123Z"));
        assertThat(readHigh.answers()).extracting(ScoredAnswer::question).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(readHigh.answers()).extracting(ScoredAnswer::option)
                .containsExactly(Option.C, Option.B, Option.A, Option.B, Option.C, Option.C);
        assertThat(readHigh.total()).isEqualTo(30);
        assertThat(readHigh.instrumentVersion()).isEqualTo(1);

        Document stored = round(ORG, "r-1");
        Document completed = stored.get("completed", Document.class).get(A2, Document.class);
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
    void the_same_write_twice_changes_nothing() {
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Changes changes = new Changes(Map.of(A1, new Started(SALES, STARTED_AT), A2, new Started(SALES, STARTED_AT)),
                List.of(new Filed(SALES, high)));
        facts.apply(changes);
        Facts once = facts.facts(ORG, List.of("r-1"));
        Document roundOnce = round(ORG, "r-1");

        facts.apply(changes);
        apply(Map.of(A2, new Started(SALES, STARTED_AT)), List.of(new Filed(SALES, high)));

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(once);
        assertThat(once.completed()).containsExactly(new CompletedFact(high, Optional.empty()));
        assertThat(round(ORG, "r-1")).isEqualTo(roundOnce);
        assertThat(facts.participations(List.of(A1, A2))).isEqualTo(Map.of(A1, SALES, A2, SALES));
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
        assertThat(facts.participations(List.of(A1, A2, A3, A4)))
                .isEqualTo(Map.of(A1, SALES, A2, SERVICE, A3, secondRound, A4, otherOrg));
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
    void a_release_marks_the_completions_of_its_batches_and_is_the_last_release() {
        Completion a1 = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion a2 = completedIn(A2, SALES, LOW_ANSWERS, Band.LOW);
        Completion a3 = completedIn(A3, SERVICE, HIGH_ANSWERS, Band.HIGH);
        Completion a4 = completedIn(A4, SERVICE, LOW_ANSWERS, Band.LOW);
        start(A5, SERVICE, STARTED_AT);
        Completion notReleased = completedIn(A6, SALES, HIGH_ANSWERS, Band.HIGH);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 2,
                List.of(new Batch("r-1", "t-sales", List.of(A1, A2)), new Batch("r-1", null, List.of(A3, A4))),
                RELEASED_1));

        Facts read = facts.facts(ORG, List.of("r-1"));
        Mark team = new Mark(1, RELEASED_1, false);
        Mark pooled = new Mark(1, RELEASED_1, true);
        assertThat(sortedCompletions(read.completed())).containsExactly(
                new CompletedFact(a1, Optional.of(team)),
                new CompletedFact(a2, Optional.of(team)),
                new CompletedFact(a3, Optional.of(pooled)),
                new CompletedFact(a4, Optional.of(pooled)),
                new CompletedFact(notReleased, Optional.empty()));
        assertThat(read.lastRelease()).isEqualTo(1);
        assertThat(read.lastCutoff()).contains(CUTOFF_1);

        Document stored = round(ORG, "r-1");
        assertThat(stored.get("rc", Document.class).get(A3, Document.class))
                .isEqualTo(new Document("r", 1L).append("ra", Date.from(RELEASED_1)).append("p", true));
        assertThat(stored.get("rc", Document.class).keySet()).containsExactlyInAnyOrder(A1, A2, A3, A4);
        assertThat(stored).as("completions marked, nothing of starts").containsOnlyKeys("_id", "organisationId",
                "roundId", "completed", "rc");
    }

    @Test
    void a_release_marks_every_round_it_names_and_no_other_organisation() {
        Participation secondRound = new Participation(ORG, "r-2", "t-sales");
        Participation otherOrg = new Participation(OTHER_ORG, "r-1", "t-sales");
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion second = completedIn(A2, secondRound, LOW_ANSWERS, Band.LOW);
        Completion other = completedIn(A3, otherOrg, LOW_ANSWERS, Band.LOW);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1)), new Batch("r-2", "t-sales", List.of(A2))),
                RELEASED_1));

        Mark mark = new Mark(1, RELEASED_1, false);
        assertThat(sortedCompletions(facts.facts(ORG, List.of("r-1", "r-2")).completed())).containsExactly(
                new CompletedFact(first, Optional.of(mark)), new CompletedFact(second, Optional.of(mark)));
        assertThat(facts.facts(OTHER_ORG, List.of("r-1"))).isEqualTo(new Facts(
                List.of(new CompletedFact(other, Optional.empty())), 0, Optional.empty()));
        assertThat(facts.version(OTHER_ORG)).isZero();
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(3);
    }

    @Test
    void the_same_release_written_twice_changes_nothing_but_the_version() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        ResultsReleased release = new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1)), new Batch("r-1", "t-service", List.of(A2))),
                RELEASED_1);
        facts.released(release);
        Facts once = facts.facts(ORG, List.of("r-1"));
        Document roundOnce = round(ORG, "r-1");
        long versionOnce = facts.version(ORG);

        facts.released(release);

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(once);
        assertThat(round(ORG, "r-1")).isEqualTo(roundOnce);
        assertThat(facts.version(ORG)).as("raised: it may change, never lowered").isEqualTo(versionOnce + 1);
        Document organisation = mongo.findById(ORG, Document.class, MongoReportFacts.ORGANISATIONS);
        assertThat(organisation.get("lastRelease", Number.class).longValue()).isEqualTo(1);
        assertThat(organisation.getDate("lastCutoff")).isEqualTo(Date.from(CUTOFF_1));
    }

    @Test
    void an_older_release_arriving_after_a_newer_one_leaves_the_last_release_and_cutoff() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion a2 = completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_2));
        long afterSecond = facts.version(ORG);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-service", List.of(A2))), RELEASED_1));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.lastRelease()).isEqualTo(2);
        assertThat(read.lastCutoff()).contains(CUTOFF_2);
        assertThat(read.completed()).contains(new CompletedFact(a2, Optional.of(new Mark(1, RELEASED_1, false))));
        assertThat(facts.version(ORG)).as("the version rises all the same").isGreaterThan(afterSecond);
    }

    @Test
    void a_newer_release_raises_the_last_release_and_cutoff() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, SERVICE, LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_1));

        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1,
                List.of(new Batch("r-1", "t-service", List.of(A2))), RELEASED_2));

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(read.lastRelease()).isEqualTo(2);
        assertThat(read.lastCutoff()).contains(CUTOFF_2);
        assertThat(sortedCompletions(read.completed())).extracting(CompletedFact::release).containsExactly(
                Optional.of(new Mark(1, RELEASED_1, false)), Optional.of(new Mark(2, RELEASED_2, false)));
    }

    // ----- version ------------------------------------------------------------------------------------

    @Test
    void the_version_rises_with_releases_only_not_with_starts_or_completions() {
        assertThat(facts.version(ORG)).isZero();

        start(A1, SALES, STARTED_AT);
        completedIn(A2, SALES, HIGH_ANSWERS, Band.HIGH);
        assertThat(facts.version(ORG)).as("nothing released yet").isZero();
        assertThat(facts.completions(ORG)).as("a completion filed").isEqualTo(1);

        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A2))),
                RELEASED_1));
        assertThat(facts.version(ORG)).isEqualTo(1);

        completedIn(A3, SALES, LOW_ANSWERS, Band.LOW);
        start(A4, new Participation(ORG, "r-2", "t-service"), STARTED_AT);
        assertThat(facts.version(ORG)).as("completions no release shows leave it").isEqualTo(1);

        facts.released(new ResultsReleased(ORG, 2, CUTOFF_2, 1, List.of(new Batch("r-1", "t-sales", List.of(A3))),
                RELEASED_2));
        assertThat(facts.version(ORG)).isEqualTo(2);
        assertThat(facts.version(OTHER_ORG)).as("its own counter per organisation").isZero();
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

    // ----- reading rounds -----------------------------------------------------------------------------

    @Test
    void the_facts_of_several_rounds_are_read_together_and_only_theirs() {
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, new Participation(ORG, "r-2", "t-sales"), LOW_ANSWERS, Band.LOW);
        Completion third = completedIn(A3, new Participation(ORG, "r-3", "t-service"), LOW_ANSWERS, Band.LOW);
        start(A4, new Participation(ORG, "r-3", "t-sales"), STARTED_AT);

        Facts read = facts.facts(ORG, List.of("r-1", "r-3", "r-never"));

        assertThat(sortedCompletions(read.completed())).extracting(CompletedFact::completion)
                .as("a start alone is no fact").containsExactly(first, third);
    }

    @Test
    void a_round_without_documents_has_no_facts() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Facts none = new Facts(List.of(), 0, Optional.empty());

        assertThat(facts.facts(ORG, List.of("r-never"))).isEqualTo(none);
        assertThat(facts.facts(ORG, List.of())).isEqualTo(none);
        assertThat(facts.facts("org-unknown", List.of("r-1"))).isEqualTo(none);
    }

    @Test
    void an_organisation_never_sees_another_organisations_rounds() {
        Participation other = new Participation(OTHER_ORG, "r-1", "t-sales");
        Completion acme = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        Completion others = completedIn(A2, other, LOW_ANSWERS, Band.LOW);
        start(A3, other, STARTED_AT);

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(
                List.of(new CompletedFact(acme, Optional.empty())), 0, Optional.empty()));
        Facts read = facts.facts(OTHER_ORG, List.of("r-1"));
        assertThat(read.completed()).containsExactly(new CompletedFact(others, Optional.empty()));
        assertThat(facts.participations(List.of(A2, A3))).isEqualTo(Map.of(A2, other, A3, other));
    }

    // ----- clearing -----------------------------------------------------------------------------------

    @Test
    void clear_empties_the_facts_forgets_the_releases_and_raises_every_organisations_version() {
        completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, new Participation(OTHER_ORG, "r-2", "t-sales"), LOW_ANSWERS, Band.LOW);
        facts.released(new ResultsReleased(ORG, 1, CUTOFF_1, 1, List.of(new Batch("r-1", "t-sales", List.of(A1))),
                RELEASED_1));
        facts.released(new ResultsReleased(OTHER_ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-2", "t-sales", List.of(A2))), RELEASED_1));
        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ORGANISATIONS).countDocuments()).isEqualTo(2);
        long before = facts.version(ORG);
        long otherBefore = facts.version(OTHER_ORG);

        facts.clear();

        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isZero();
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isZero();
        assertThat(facts.participation(A1)).isEmpty();
        assertThat(facts.version(ORG)).as("never lowered, so no cache takes new facts for old").isEqualTo(before + 1);
        assertThat(facts.version(OTHER_ORG)).isEqualTo(otherBefore + 1);
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(List.of(), 0, Optional.empty()));
        assertThat(facts.facts(OTHER_ORG, List.of("r-2")).lastCutoff()).isEmpty();
        Document organisation = mongo.findById(ORG, Document.class, MongoReportFacts.ORGANISATIONS);
        assertThat(organisation).as("the counters are kept").containsOnlyKeys("_id", "version", "completions");
    }

    @Test
    void after_a_clear_the_facts_and_releases_are_built_again_from_the_first_write() {
        Completion first = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        ResultsReleased release = new ResultsReleased(ORG, 1, CUTOFF_1, 1,
                List.of(new Batch("r-1", "t-sales", List.of(A1))), RELEASED_1);
        facts.released(release);
        Facts before = facts.facts(ORG, List.of("r-1"));
        facts.clear();

        Completion again = completedIn(A1, SALES, HIGH_ANSWERS, Band.HIGH);
        assertThat(facts.facts(ORG, List.of("r-1")).completed()).as("not released until the release is again")
                .containsExactly(new CompletedFact(first, Optional.empty()));
        facts.released(release);

        assertThat(again).isEqualTo(first);
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(before).isEqualTo(new Facts(
                List.of(new CompletedFact(first, Optional.of(new Mark(1, RELEASED_1, false)))), 1,
                Optional.of(CUTOFF_1)));
        assertThat(facts.version(ORG)).as("a release, raised by the clear, the release again").isEqualTo(3);
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

    /** Started at {@link #STARTED_AT}, then completed at {@link #AT}, in one batch of changes. */
    private Completion completedIn(String assessmentId, Participation participation, List<ScoredAnswer> answers,
                                   Band band) {
        Completion completion = new Completion(assessmentId, participation.roundId(), participation.teamId(), AT, 1,
                answers, band);
        apply(Map.of(assessmentId, new Started(participation, STARTED_AT)),
                List.of(new Filed(participation, completion)));
        return completion;
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
