package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.Nodes;
import nl.klantspiegel.application.port.out.Nodes.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Nodes} promises, held to the MongoDB adapter and the in-memory fake alike: every node on one
 * database sees every node that has said it is alive and has not left, however long ago, each as it last said (its
 * heartbeat and the versions it answers from, replaced whole); a node that leaves or is forgotten no longer counts.
 * Times are whole milliseconds, as the shared store keeps them.
 */
public abstract class NodesContract {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123Z");

    /** One database the nodes share. */
    protected interface Store {
        /** The node of this name on the store. */
        Nodes node(String name);
    }

    private Store store;

    /** A new database no node has said anything on. */
    protected abstract Store newStore();

    @BeforeEach
    void noNodesYet() {
        store = newStore();
    }

    @Test
    void a_node_is_named_as_it_was_made_and_none_counts_before_it_says_it_is_alive() {
        Nodes a = store.node("node-a");

        assertThat(a.self()).isEqualTo("node-a");
        assertThat(a.all()).isEmpty();
    }

    @Test
    void every_node_sees_every_node_that_said_it_is_alive_with_the_versions_it_answers_from() {
        Nodes a = store.node("a");
        Nodes b = store.node("b");

        a.beat(Map.of("reports", 2, "audit-trail", 0), NOW);
        b.beat(Map.of(), NOW.minusSeconds(3));

        Node nodeA = new Node("a", NOW, Map.of("reports", 2, "audit-trail", 0));
        Node nodeB = new Node("b", NOW.minusSeconds(3), Map.of());
        assertThat(a.all()).containsExactlyInAnyOrder(nodeA, nodeB);
        assertThat(b.all()).containsExactlyInAnyOrder(nodeA, nodeB);
        assertThat(store.node("c").all()).as("also one that never beat").containsExactlyInAnyOrder(nodeA, nodeB);
    }

    @Test
    void a_node_is_seen_as_it_last_said_its_versions_replaced_whole() {
        Nodes a = store.node("a");
        a.beat(Map.of("reports", 2, "audit-trail", 0), NOW);

        a.beat(Map.of("reports", 3), NOW.plusSeconds(1));

        assertThat(store.node("b").all()).containsExactly(new Node("a", NOW.plusSeconds(1), Map.of("reports", 3)));
    }

    @Test
    void a_node_counts_however_long_ago_it_beat() {
        store.node("a").beat(Map.of("reports", 1), NOW.minusSeconds(400 * 86_400));
        store.node("b").beat(Map.of("reports", 1), NOW);

        assertThat(store.node("b").all()).extracting(Node::id).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void a_node_that_leaves_or_is_forgotten_no_longer_counts() {
        Nodes a = store.node("a");
        Nodes b = store.node("b");
        a.beat(Map.of("reports", 3), NOW);
        b.beat(Map.of(), NOW);

        a.leave();
        b.forget("c"); // no such node: nothing to do
        assertThat(b.all()).extracting(Node::id).containsExactly("b");

        a.forget("b");
        assertThat(b.all()).isEmpty();

        a.beat(Map.of("reports", 4), NOW.plusSeconds(5));
        assertThat(b.all()).as("back after leaving").containsExactly(new Node("a", NOW.plusSeconds(5),
                Map.of("reports", 4)));
    }
}
