package nl.klantspiegel.adapter.persistence.readmodel;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import org.bson.conversions.Bson;

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

    /**
     * Inserts or replaces the document with its {@code _id} unless one of the same or a later version is stored:
     * writers in any order (a use case writing through, a projection catching up) leave the latest.
     *
     * @param versionField the field that holds a document's version (a number)
     * @return whether this document is stored now
     */
    boolean saveIfNewer(Document document, String versionField) {
        Object id = document.get("_id");
        long version = document.get(versionField, Number.class).longValue();
        MongoCollection<Document> documents = mongo.getCollection(collection);
        while (true) {
            if (documents.replaceOne(Filters.and(Filters.eq("_id", id), Filters.lt(versionField, version)), document)
                    .getMatchedCount() > 0) {
                return true;
            }
            try {
                documents.insertOne(document);
                return true;
            } catch (MongoWriteException exists) {
                if (exists.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw exists;
                }
            }
            if (documents.find(Filters.and(Filters.eq("_id", id), Filters.gte(versionField, version))).first()
                    != null) {
                return false; // the same or a later version is stored
            }
            // replaced by an earlier version between the two tries: try again
        }
    }

    /** Applies an update to the document with this {@code _id} if it matches {@code condition}. */
    boolean updateIf(String id, Bson condition, Bson update) {
        return mongo.getCollection(collection).updateOne(Filters.and(Filters.eq("_id", id), condition), update)
                .getMatchedCount() > 0;
    }

    /** Makes sure a document with this {@code _id} exists, created as {@code initial} if not. */
    void ensure(Document initial) {
        Document fields = new Document(initial);
        Object id = fields.remove("_id");
        try {
            mongo.getCollection(collection).updateOne(Filters.eq("_id", id), new Document("$setOnInsert", fields),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException exists) {
            if (exists.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw exists;
            }
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
