package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.Nodes.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The nodes' heartbeats through the real MongoDB driver against the embedded server. */
class MongoNodesTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("nodes");

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");

    MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());

    @Test
    void every_node_says_it_is_alive_with_the_versions_it_answers_from_and_leaves() {
        MongoNodes a = new MongoNodes(mongo, "a");
        MongoNodes b = new MongoNodes(mongo, "b");

        a.beat(Map.of("reports", 2, "audit-trail", 0), NOW);
        b.beat(Map.of(), NOW.minusSeconds(3));
        a.beat(Map.of("reports", 3, "audit-trail", 0), NOW.plusSeconds(1));

        assertThat(a.self()).isEqualTo("a");
        assertThat(b.all()).containsExactlyInAnyOrder(
                new Node("a", NOW.plusSeconds(1), Map.of("reports", 3, "audit-trail", 0)),
                new Node("b", NOW.minusSeconds(3), Map.of()));

        a.leave();
        b.forget("c");
        assertThat(b.all()).extracting(Node::id).containsExactly("b");
        a.forget("b");
        assertThat(b.all()).isEmpty();
    }
}
