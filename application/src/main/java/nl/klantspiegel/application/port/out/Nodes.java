package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The nodes (instances of the product) on one database, each with a heartbeat and the version of every read model it
 * answers from: what tells a node how many share the projections' work, and when an old version can be dropped.
 */
public interface Nodes {

    /** This node's name: also its name as the owner of claims in the token store. */
    String self();

    /** This node is alive at {@code at} and answers from these versions (by projection). */
    void beat(Map<String, Integer> answering, Instant at);

    /** Every node that has said it is alive and has not left, however long ago. */
    List<Node> all();

    /** This node leaves (stopping): it no longer counts. */
    void leave();

    /** Forgets a node that has long stopped beating. */
    void forget(String node);

    /** One node as it last said. */
    record Node(String id, Instant heartbeat, Map<String, Integer> answering) {
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(heartbeat, "heartbeat");
            answering = Map.copyOf(answering);
        }
    }
}
