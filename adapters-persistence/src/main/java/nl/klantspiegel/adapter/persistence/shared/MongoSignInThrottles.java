package nl.klantspiegel.adapter.persistence.shared;

import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.domain.account.SignInThrottle;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

/**
 * The sign-in throttles in the database every node shares, one document per key, looked up by {@code _id}:
 * <pre>
 * signInThrottles: { _id: key, failures, lastFailure, version, forgetAfter }
 * </pre>
 * A change is one single-document update conditional on the version read (or an insert, which the {@code _id} makes
 * fail when another node inserted first): atomic on the embedded database too, which has no transactions. Each write
 * gives a new random version, so a key forgotten and made again never repeats a version someone may still hold.
 * {@link ExpiredEntriesSweeper} removes documents past {@code forgetAfter}.
 */
final class MongoSignInThrottles implements SignInThrottles {

    static final String COLLECTION = "signInThrottles";
    static final String FORGET_AFTER = "forgetAfter";
    private static final SecureRandom VERSIONS = new SecureRandom();

    private final MongoOperations mongo;

    MongoSignInThrottles(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public Versioned find(String key) {
        Document stored = mongo.findById(key, Document.class, COLLECTION);
        if (stored == null) {
            return Versioned.ABSENT;
        }
        Date lastFailure = stored.getDate("lastFailure");
        return new Versioned(new SignInThrottle(stored.getInteger("failures", 0),
                lastFailure == null ? null : lastFailure.toInstant()), stored.getLong("version"));
    }

    @Override
    public boolean replace(String key, long expectedVersion, SignInThrottle next, Instant forgetAfter) {
        long version = newVersion();
        Date lastFailure = next.lastFailure() == null ? null : Date.from(next.lastFailure());
        if (expectedVersion == Versioned.ABSENT.version()) {
            try {
                mongo.insert(new Document("_id", key).append("failures", next.failures())
                        .append("lastFailure", lastFailure).append("version", version)
                        .append(FORGET_AFTER, Date.from(forgetAfter)), COLLECTION);
                return true;
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                return false;
            }
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("version").is(expectedVersion)),
                new Update().set("failures", next.failures()).set("lastFailure", lastFailure)
                        .set("version", version).set(FORGET_AFTER, Date.from(forgetAfter)),
                COLLECTION).getMatchedCount() == 1;
    }

    private static long newVersion() {
        long version;
        do {
            version = VERSIONS.nextLong();
        } while (version == Versioned.ABSENT.version());
        return version;
    }
}
