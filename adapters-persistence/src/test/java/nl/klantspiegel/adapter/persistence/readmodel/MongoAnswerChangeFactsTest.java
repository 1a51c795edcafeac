package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.Changes;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.Filed;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.InProgress;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.AnswerChanges.Completed;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;

/** The answer-change facts through the real driver on the embedded database. */
class MongoAnswerChangeFactsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("answer-changes");

    private static final Participation WHERE = new Participation("org", "r-1", "t-1");

    MongoAnswerChangeFacts facts;

    @BeforeEach
    void fresh() {
        facts = new MongoAnswerChangeFacts(new MongoTemplate(embedded.client(), embedded.freshDatabase().getName()));
    }

    @Test
    void an_assessment_under_way_is_kept_as_it_was_saved() {
        InProgress saved = new InProgress("a-1", WHERE, 7, Map.of(1, B, 6, C, 12, A),
                List.of(new Change(1, A, B), new Change(12, C, A)));
        facts.save(saved);

        assertThat(facts.inProgress("a-1")).contains(saved);
        assertThat(facts.inProgress("a-2")).isEmpty();
    }

    @Test
    void a_completed_assessment_is_filed_under_its_round_once_and_forgotten_as_under_way() {
        facts.save(new InProgress("a-1", WHERE, 3, Map.of(1, B), List.of(new Change(1, A, B))));
        Completed completed = new Completed("a-1", "r-1", Band.HIGH, List.of(new Change(1, A, B)));
        Completed other = new Completed("a-2", "r-1", Band.LOW, List.of());

        facts.complete(WHERE, completed);
        facts.complete(WHERE, completed);
        facts.complete(WHERE, other);
        facts.complete(new Participation("org", "r-2", "t-1"), new Completed("a-3", "r-2", Band.LOW, List.of()));
        facts.complete(new Participation("elsewhere", "r-1", "t-1"), new Completed("a-4", "r-1", Band.LOW, List.of()));

        assertThat(facts.inProgress("a-1")).isEmpty();
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrder(completed, other);
        assertThat(facts.completed("org", List.of("r-1", "r-2"))).hasSize(3);
        assertThat(facts.completed("org", List.of("r-9"))).isEmpty();
    }

    @Test
    void a_round_is_spread_over_its_shards_and_its_whole_document_of_an_earlier_build_is_still_read() {
        MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabase().getName());
        facts = new MongoAnswerChangeFacts(mongo);
        mongo.insert(new Document("_id", "org/r-1").append("organisationId", "org").append("roundId", "r-1")
                .append("completed", new Document("old-1", new Document("band", "AVERAGE").append("changes",
                        List.of("2ba"))).append("old-2", new Document("band", "LOW").append("changes", List.of()))),
                MongoAnswerChangeFacts.ROUNDS);
        List<Completed> filed = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Completed one = new Completed("a-" + i, "r-1", Band.HIGH, List.of(new Change(1 + i % 6, A, C)));
            facts.complete(WHERE, one);
            filed.add(one);
        }
        // one filed by the earlier build and again (a redelivery) by this one counts once
        facts.complete(WHERE, new Completed("old-2", "r-1", Band.LOW, List.of()));

        assertThat(mongo.getCollection(MongoAnswerChangeFacts.ROUNDS).countDocuments())
                .as("the whole-round document and the shards the completions fell in").isBetween(30L, 66L);
        assertThat(mongo.findById("org/r-1", Document.class, MongoAnswerChangeFacts.ROUNDS)
                .get("completed", Document.class).keySet()).as("never written again")
                .containsExactlyInAnyOrder("old-1", "old-2");
        filed.add(new Completed("old-1", "r-1", Band.AVERAGE, List.of(new Change(2, B, A))));
        filed.add(new Completed("old-2", "r-1", Band.LOW, List.of()));
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrderElementsOf(filed);
    }

    @Test
    void a_batch_is_written_at_once_and_its_assessments_are_read_at_once() {
        facts.save(new InProgress("a-1", WHERE, 3, Map.of(1, B), List.of()));
        facts.save(new InProgress("a-2", WHERE, 5, Map.of(1, A, 2, C), List.of(new Change(1, B, A))));
        InProgress a1 = new InProgress("a-1", WHERE, 4, Map.of(1, C), List.of(new Change(1, B, C)));
        InProgress a3 = new InProgress("a-3", new Participation("org", "r-2", "t-2"), 0, Map.of(), List.of());
        Completed a2 = new Completed("a-2", "r-1", Band.HIGH, List.of(new Change(1, B, A)));
        Completed a4 = new Completed("a-4", "r-1", Band.LOW, List.of());

        facts.apply(new Changes(List.of(a1, a3), List.of(new Filed(WHERE, a2), new Filed(WHERE, a4))));

        assertThat(facts.inProgress(List.of("a-1", "a-2", "a-3", "a-4", "a-9")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a-1", a1, "a-3", a3));
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrder(a2, a4);
        assertThat(facts.inProgress(List.of())).isEmpty();

        facts.apply(new Changes(List.of(a1, a3), List.of(new Filed(WHERE, a2), new Filed(WHERE, a4)))); // again
        assertThat(facts.inProgress(List.of("a-1", "a-2", "a-3", "a-4")).keySet()).containsExactlyInAnyOrder("a-1", "a-3");
        assertThat(facts.completed("org", List.of("r-1"))).containsExactlyInAnyOrder(a2, a4);
    }

    @Test
    void clear_forgets_everything() {
        facts.save(new InProgress("a-1", WHERE, 3, Map.of(), List.of()));
        facts.complete(WHERE, new Completed("a-2", "r-1", Band.LOW, List.of()));

        facts.clear();

        assertThat(facts.inProgress("a-1")).isEmpty();
        assertThat(facts.completed("org", List.of("r-1"))).isEmpty();
    }
}
