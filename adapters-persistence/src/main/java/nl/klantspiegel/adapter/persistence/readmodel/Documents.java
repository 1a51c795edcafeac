package nl.klantspiegel.adapter.persistence.readmodel;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The few ways the read models touch MongoDB, all by {@code _id} (the only lookup the embedded database answers
 * from an index): find one, find several, replace one, remove all.
 */
final class Documents {

    private final MongoTemplate mongo;
    private final String collection;

    Documents(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** A read model's collection in a version: version 0 is the plain name, version n ends in {@code _vn}. */
    static String versioned(String collection, int version) {
        if (version < 0) {
            throw new IllegalArgumentException("version " + version);
        }
        return version == 0 ? collection : collection + "_v" + version;
    }

    String name() {
        return collection;
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, collection));
    }

    List<Document> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection);
    }

    /** Inserts or replaces the document with its {@code _id}. */
    void save(Document document) {
        mongo.save(document, collection);
    }

    /** @return false when a document with this {@code _id} exists already */
    boolean insert(Document document) {
        try {
            mongo.insert(document, collection);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            return false;
        }
    }

    void remove(String id) {
        mongo.remove(new BasicQuery(new Document("_id", id)), collection);
    }

    void clear() {
        mongo.remove(new BasicQuery(new Document()), collection);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
