package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.application.port.out.RebuildClaims;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rebuild claims in the {@code projectionRebuilds} collection, one document per projection ({@code _id}: its name)
 * with the owner, the version it builds, the stage, the position and the heartbeat (epoch milliseconds, so a claim
 * compares exactly with what was stored). A claim is made by inserting (the {@code _id} is unique, so of two nodes
 * asking at once one gets it) or by replacing a stale one on condition that it is unchanged; every other write is
 * conditional on the owner too. Each is one single-document operation.
 */
final class MongoRebuildClaims implements RebuildClaims {

    static final String COLLECTION = "projectionRebuilds";

    private final MongoTemplate mongo;

    MongoRebuildClaims(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Claim> claim(Claim claim, Instant staleBefore) {
        while (true) {
            try {
                mongo.insert(document(claim), COLLECTION);
                return Optional.empty();
            } catch (DuplicateKeyException taken) {
                Document stored = mongo.findById(claim.projection(), Document.class, COLLECTION);
                if (stored == null) {
                    continue; // released meanwhile: try again
                }
                Claim holder = claim(stored);
                if (!holder.heartbeat().isBefore(staleBefore)) {
                    throw new Taken(claim.projection() + " is being rebuilt by " + holder.owner());
                }
                if (mongo.replace(exactly(holder), document(claim), COLLECTION).getMatchedCount() > 0) {
                    return Optional.of(holder);
                }
            }
        }
    }

    @Override
    public boolean beat(Claim claim) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(claim.projection()).and("owner")
                        .is(claim.owner()).and("version").is(claim.version())),
                new Update().set("stage", claim.stage().name()).set("position", claim.position())
                        .set("heartbeat", claim.heartbeat().toEpochMilli()), COLLECTION).getMatchedCount() > 0;
    }

    @Override
    public boolean release(Claim claim) {
        return mongo.remove(exactly(claim), COLLECTION).getDeletedCount() > 0;
    }

    @Override
    public Map<String, Claim> find(Collection<String> projections) {
        Map<String, Claim> found = new TreeMap<>();
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(projections)), Document.class,
                COLLECTION)) {
            Claim claim = claim(document);
            found.put(claim.projection(), claim);
        }
        return found;
    }

    /** The claim as it is: owner, version and heartbeat unchanged. */
    private static Query exactly(Claim claim) {
        return Query.query(Criteria.where("_id").is(claim.projection()).and("owner").is(claim.owner())
                .and("version").is(claim.version()).and("heartbeat").is(claim.heartbeat().toEpochMilli()));
    }

    private static Document document(Claim claim) {
        return new Document("_id", claim.projection()).append("owner", claim.owner())
                .append("version", claim.version()).append("stage", claim.stage().name())
                .append("position", claim.position()).append("heartbeat", claim.heartbeat().toEpochMilli());
    }

    private static Claim claim(Document document) {
        return new Claim(document.getString("_id"), document.getString("owner"),
                document.get("version", Number.class).intValue(), Stage.valueOf(document.getString("stage")),
                document.get("position", Number.class).longValue(),
                Instant.ofEpochMilli(document.get("heartbeat", Number.class).longValue()));
    }
}
