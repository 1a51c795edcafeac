package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Nodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The nodes in memory: one of them is this one; {@link #another} is a node on the same store. */
public class InMemoryNodes implements Nodes {

    private final String self;
    private final Map<String, Node> nodes;

    public InMemoryNodes(String self) {
        this(self, new TreeMap<>());
    }

    private InMemoryNodes(String self, Map<String, Node> nodes) {
        this.self = Objects.requireNonNull(self, "self");
        this.nodes = nodes;
    }

    /** Another node, sharing this store: what either says, both see. */
    public InMemoryNodes another(String name) {
        return new InMemoryNodes(name, nodes);
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public void beat(Map<String, Integer> answering, Instant at) {
        synchronized (nodes) {
            nodes.put(self, new Node(self, at, answering));
        }
    }

    /** Another node said it is alive. */
    public InMemoryNodes put(Node node) {
        synchronized (nodes) {
            nodes.put(node.id(), node);
        }
        return this;
    }

    @Override
    public List<Node> all() {
        synchronized (nodes) {
            return new ArrayList<>(nodes.values());
        }
    }

    @Override
    public void leave() {
        forget(self);
    }

    @Override
    public void forget(String node) {
        synchronized (nodes) {
            nodes.remove(node);
        }
    }
}
