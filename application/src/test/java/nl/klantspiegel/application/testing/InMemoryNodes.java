package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Nodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The nodes in memory: one of them is this one. */
public class InMemoryNodes implements Nodes {

    private final String self;
    private final Map<String, Node> nodes = new TreeMap<>();

    public InMemoryNodes(String self) {
        this.self = self;
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public synchronized void beat(Map<String, Integer> answering, Instant at) {
        nodes.put(self, new Node(self, at, answering));
    }

    /** Another node said it is alive. */
    public synchronized InMemoryNodes put(Node node) {
        nodes.put(node.id(), node);
        return this;
    }

    @Override
    public synchronized List<Node> all() {
        return new ArrayList<>(nodes.values());
    }

    @Override
    public synchronized void leave() {
        nodes.remove(self);
    }

    @Override
    public synchronized void forget(String node) {
        nodes.remove(node);
    }
}
