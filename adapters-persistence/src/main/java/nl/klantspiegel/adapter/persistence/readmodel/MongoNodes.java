package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.Nodes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The nodes in the {@code nodes} collection, one document per node ({@code _id}: its name) with its heartbeat (epoch
 * milliseconds) and, per projection, the version it answers from. The collection holds a few documents (the nodes
 * running and those stopped lately), so listing it is cheap on any database.
 */
final class MongoNodes implements Nodes {

    static final String COLLECTION = "nodes";

    private final MongoTemplate mongo;
    private final String self;

    MongoNodes(MongoTemplate mongo, String self) {
        this.mongo = mongo;
        this.self = Objects.requireNonNull(self, "self");
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public void beat(Map<String, Integer> answering, Instant at) {
        mongo.upsert(byId(self), new Update().set("heartbeat", at.toEpochMilli())
                .set("answering", new Document(Map.copyOf(answering))), COLLECTION);
    }

    @Override
    public List<Node> all() {
        List<Node> nodes = new ArrayList<>();
        for (Document document : mongo.findAll(Document.class, COLLECTION)) {
            Map<String, Integer> answering = new TreeMap<>();
            Document versions = document.get("answering", Document.class);
            if (versions != null) {
                versions.forEach((projection, version) -> answering.put(projection, ((Number) version).intValue()));
            }
            nodes.add(new Node(document.getString("_id"),
                    Instant.ofEpochMilli(document.get("heartbeat", Number.class).longValue()), answering));
        }
        return nodes;
    }

    @Override
    public void leave() {
        forget(self);
    }

    @Override
    public void forget(String node) {
        mongo.remove(byId(node), COLLECTION);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
