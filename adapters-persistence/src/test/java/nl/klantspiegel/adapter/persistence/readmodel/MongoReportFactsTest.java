package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.ReportFacts.Facts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.report.Completion;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
    private static final Instant AT = Instant.parse("2026-11-22T09:15:42.123Z");
    private static final List<ScoredAnswer> HIGH_ANSWERS = List.of(new ScoredAnswer(1, Option.C, 5),
            new ScoredAnswer(2, Option.B, 5), new ScoredAnswer(3, Option.A, 5), new ScoredAnswer(4, Option.B, 5),
            new ScoredAnswer(5, Option.C, 5), new ScoredAnswer(6, Option.C, 5));
    private static final List<ScoredAnswer> LOW_ANSWERS = List.of(new ScoredAnswer(1, Option.A, 1),
            new ScoredAnswer(2, Option.C, 1), new ScoredAnswer(3, Option.B, 1), new ScoredAnswer(4, Option.C, 1),
            new ScoredAnswer(5, Option.B, 1), new ScoredAnswer(6, Option.A, 1));

    // ----- started and completed ----------------------------------------------------------------------

    @Test
    void a_started_assessment_is_read_back_with_its_participation() {
        Participation participation = new Participation(ORG, "r-1", "t-sales");

        facts.started(A1, participation);

        assertThat(facts.participation(A1)).contains(participation);
        assertThat(facts.participation(A2)).isEmpty();
        assertThat(facts.facts(ORG, List.of("r-1")))
                .isEqualTo(new Facts(List.of(), Map.of("r-1", Map.of("t-sales", 1))));
    }

    @Test
    void started_assessments_are_counted_per_round_and_team() {
        facts.started(A1, new Participation(ORG, "r-1", "t-sales"));
        facts.started(A2, new Participation(ORG, "r-1", "t-sales"));
        facts.started(A3, new Participation(ORG, "r-1", "t-service"));
        facts.started(A4, new Participation(ORG, "r-2", "t-service"));

        assertThat(facts.facts(ORG, List.of("r-1", "r-2"))).isEqualTo(new Facts(List.of(), Map.of(
                "r-1", Map.of("t-sales", 2, "t-service", 1),
                "r-2", Map.of("t-service", 1))));
    }

    @Test
    void a_completed_assessment_is_read_back_with_every_field() {
        Participation sales = new Participation(ORG, "r-1", "t-sales");
        Participation service = new Participation(ORG, "r-1", "t-service");
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        Completion low = new Completion(A2, "r-1", "t-service", AT.plusMillis(1), 1, LOW_ANSWERS, Band.LOW);
        facts.started(A1, sales);
        facts.started(A2, service);

        facts.completed(sales, high);
        facts.completed(service, low);

        Facts read = facts.facts(ORG, List.of("r-1"));
        assertThat(sorted(read.completions())).containsExactly(high, low);
        Completion readHigh = sorted(read.completions()).get(0);
        assertThat(readHigh.completedAt()).isEqualTo(Instant.parse("2026-11-22T09:15:42.123Z"));
        assertThat(readHigh.answers()).extracting(ScoredAnswer::question).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(readHigh.answers()).extracting(ScoredAnswer::option)
                .containsExactly(Option.C, Option.B, Option.A, Option.B, Option.C, Option.C);
        assertThat(readHigh.total()).isEqualTo(30);
        assertThat(readHigh.instrumentVersion()).isEqualTo(1);
        assertThat(read.started()).isEqualTo(Map.of("r-1", Map.of("t-sales", 1, "t-service", 1)));

        Document stored = mongo.findById(ORG + "/r-1", Document.class, MongoReportFacts.ROUNDS);
        Document completed = stored.get("completed", Document.class).get(A2, Document.class);
        assertThat(completed.getString("options")).isEqualTo("acbcba");
        assertThat(completed.getList("points", Integer.class)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(completed.getString("band")).isEqualTo("LOW");
    }

    @Test
    void a_completion_time_is_kept_to_the_millisecond() {
        Participation sales = new Participation(ORG, "r-1", "t-sales");
        facts.started(A1, sales);

        facts.completed(sales, new Completion(A1, "r-1", "t-sales", Instant.parse("2026-11-22T09:15:42.123456789Z"),
                1, HIGH_ANSWERS, Band.HIGH));

        assertThat(facts.facts(ORG, List.of("r-1")).completions()).extracting(Completion::completedAt)
                .containsExactly(Instant.parse("2026-11-22T09:15:42.123Z"));
    }

    @Test
    void the_same_write_twice_changes_nothing() {
        Participation sales = new Participation(ORG, "r-1", "t-sales");
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        facts.started(A1, sales);
        facts.started(A2, sales);
        facts.completed(sales, high);
        Facts once = facts.facts(ORG, List.of("r-1"));

        facts.started(A1, sales);
        facts.completed(sales, high);
        facts.started(A2, sales);
        facts.completed(sales, high);

        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(once)
                .isEqualTo(new Facts(List.of(high), Map.of("r-1", Map.of("t-sales", 2))));
        assertThat(facts.participation(A1)).contains(sales);
        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(1);
    }

    @Test
    void the_version_rises_on_every_write() {
        Participation sales = new Participation(ORG, "r-1", "t-sales");
        Completion high = new Completion(A1, "r-1", "t-sales", AT, 1, HIGH_ANSWERS, Band.HIGH);
        assertThat(facts.version(ORG)).isZero();

        facts.started(A1, sales);
        assertThat(facts.version(ORG)).isEqualTo(1);
        facts.completed(sales, high);
        assertThat(facts.version(ORG)).isEqualTo(2);
        facts.completed(sales, high);
        assertThat(facts.version(ORG)).as("a redelivery raises it too").isEqualTo(3);
        facts.started(A2, new Participation(ORG, "r-2", "t-service"));
        assertThat(facts.version(ORG)).isEqualTo(4);

        assertThat(facts.version(OTHER_ORG)).isZero();
        facts.started(A3, new Participation(OTHER_ORG, "r-1", "t-sales"));
        assertThat(facts.version(OTHER_ORG)).isEqualTo(1);
        assertThat(facts.version(ORG)).isEqualTo(4);
    }

    // ----- reading rounds -----------------------------------------------------------------------------

    @Test
    void the_facts_of_several_rounds_are_read_together_and_only_theirs() {
        Completion first = completedIn(A1, "r-1", "t-sales", HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, "r-2", "t-sales", LOW_ANSWERS, Band.LOW);
        Completion third = completedIn(A3, "r-3", "t-service", LOW_ANSWERS, Band.LOW);
        facts.started(A4, new Participation(ORG, "r-3", "t-sales"));

        Facts read = facts.facts(ORG, List.of("r-1", "r-3", "r-never"));

        assertThat(sorted(read.completions())).containsExactly(first, third);
        assertThat(read.started()).isEqualTo(Map.of(
                "r-1", Map.of("t-sales", 1),
                "r-3", Map.of("t-service", 1, "t-sales", 1)));
    }

    @Test
    void a_round_without_documents_has_no_facts() {
        completedIn(A1, "r-1", "t-sales", HIGH_ANSWERS, Band.HIGH);

        assertThat(facts.facts(ORG, List.of("r-never"))).isEqualTo(new Facts(List.of(), Map.of()));
        assertThat(facts.facts(ORG, List.of())).isEqualTo(new Facts(List.of(), Map.of()));
        assertThat(facts.facts("org-unknown", List.of("r-1"))).isEqualTo(new Facts(List.of(), Map.of()));
    }

    @Test
    void an_organisation_never_sees_another_organisations_rounds() {
        Completion acme = completedIn(A1, ORG, "r-1", "t-sales", HIGH_ANSWERS, Band.HIGH);
        Completion other = completedIn(A2, OTHER_ORG, "r-1", "t-sales", LOW_ANSWERS, Band.LOW);
        facts.started(A3, new Participation(OTHER_ORG, "r-1", "t-sales"));

        assertThat(facts.facts(ORG, List.of("r-1")))
                .isEqualTo(new Facts(List.of(acme), Map.of("r-1", Map.of("t-sales", 1))));
        assertThat(facts.facts(OTHER_ORG, List.of("r-1")))
                .isEqualTo(new Facts(List.of(other), Map.of("r-1", Map.of("t-sales", 2))));
        assertThat(facts.participation(A2)).contains(new Participation(OTHER_ORG, "r-1", "t-sales"));
    }

    // ----- clearing -----------------------------------------------------------------------------------

    @Test
    void clear_empties_the_facts_and_raises_every_organisations_version() {
        completedIn(A1, "r-1", "t-sales", HIGH_ANSWERS, Band.HIGH);
        completedIn(A2, OTHER_ORG, "r-2", "t-sales", LOW_ANSWERS, Band.LOW);
        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isEqualTo(2);
        assertThat(mongo.getCollection(MongoReportFacts.ORGANISATIONS).countDocuments()).isEqualTo(2);
        long before = facts.version(ORG);

        facts.clear();

        assertThat(mongo.getCollection(MongoReportFacts.PARTICIPATIONS).countDocuments()).isZero();
        assertThat(mongo.getCollection(MongoReportFacts.ROUNDS).countDocuments()).isZero();
        assertThat(facts.participation(A1)).isEmpty();
        assertThat(facts.version(ORG)).as("never lowered, so no cache takes new facts for old").isEqualTo(before + 1);
        assertThat(facts.facts(ORG, List.of("r-1"))).isEqualTo(new Facts(List.of(), Map.of()));
    }

    @Test
    void after_a_clear_the_facts_are_built_again_from_the_first_write() {
        Completion first = completedIn(A1, "r-1", "t-sales", HIGH_ANSWERS, Band.HIGH);
        facts.clear();

        Completion again = completedIn(A1, "r-1", "t-sales", HIGH_ANSWERS, Band.HIGH);

        assertThat(again).isEqualTo(first);
        assertThat(facts.facts(ORG, List.of("r-1")))
                .isEqualTo(new Facts(List.of(first), Map.of("r-1", Map.of("t-sales", 1))));
        assertThat(facts.version(ORG)).as("two writes, raised by the clear, two writes again").isEqualTo(5);
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private Completion completedIn(String assessmentId, String roundId, String teamId, List<ScoredAnswer> answers,
                                   Band band) {
        return completedIn(assessmentId, ORG, roundId, teamId, answers, band);
    }

    /** Started, then completed at {@link #AT}. */
    private Completion completedIn(String assessmentId, String organisationId, String roundId, String teamId,
                                   List<ScoredAnswer> answers, Band band) {
        Participation participation = new Participation(organisationId, roundId, teamId);
        Completion completion = new Completion(assessmentId, roundId, teamId, AT, 1, answers, band);
        facts.started(assessmentId, participation);
        facts.completed(participation, completion);
        return completion;
    }

    private static List<Completion> sorted(List<Completion> completions) {
        return completions.stream().sorted(Comparator.comparing(Completion::assessmentId)).toList();
    }
}
