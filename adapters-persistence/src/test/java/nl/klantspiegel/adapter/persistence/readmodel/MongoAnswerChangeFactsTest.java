package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.AnswerChanges.Completed;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer-change facts through the real driver on the embedded database: what only storage can get wrong (a round
 * spread over shards, documents of earlier builds). The port's promises: {@link MongoAnswerChangeFactsContractTest}.
 */
class MongoAnswerChangeFactsTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("answer-changes");

    private static final Participation WHERE = new Participation("org", "r-1", "t-1");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());
    MongoAnswerChangeFacts facts = new MongoAnswerChangeFacts(mongo);

    @Test
    void a_round_is_spread_over_its_shards_and_its_whole_document_of_an_earlier_build_is_still_read() {
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
}
