package nl.klantspiegel.adapter.persistence.shared;

import nl.klantspiegel.application.port.out.OneTimeTasks;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * One-time tasks in the database every node shares, one document per task:
 * <pre>
 * oneTimeTasks: { _id: task, node, claimedAt, renewedAt, done }
 * </pre>
 * A claim is an insert under the task's {@code _id} (of nodes claiming at the same moment, one inserts); taking over a
 * stale claim is an update conditional on the holder and the renewal it was seen with, so of two nodes taking over
 * at the same moment one does. Renewing and finishing are conditional on the node still holding it.
 */
final class MongoOneTimeTasks implements OneTimeTasks {

    static final String COLLECTION = "oneTimeTasks";

    private final MongoOperations mongo;

    MongoOneTimeTasks(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public Claim claim(String task, String node, Instant now, Duration staleAfter) {
        try {
            mongo.insert(new Document("_id", task).append("node", node).append("claimedAt", Date.from(now))
                    .append("renewedAt", Date.from(now)).append("done", false), COLLECTION);
            return Claim.CLAIMED;
        } catch (DuplicateKeyException claimed) {
            Holder holder = holder(task).orElse(null);
            if (holder == null) {
                return claim(task, node, now, staleAfter); // finished and removed meanwhile: not done by this store
            }
            if (holder.done()) {
                return Claim.DONE;
            }
            if (now.isBefore(holder.renewedAt().plus(staleAfter))) {
                return Claim.BUSY_ELSEWHERE;
            }
            boolean takenOver = mongo.updateFirst(Query.query(Criteria.where("_id").is(task)
                            .and("node").is(holder.node()).and("renewedAt").is(Date.from(holder.renewedAt()))
                            .and("done").is(false)),
                    new Update().set("node", node).set("claimedAt", Date.from(now)).set("renewedAt", Date.from(now)),
                    COLLECTION).getMatchedCount() == 1;
            return takenOver ? Claim.TAKEN_OVER : Claim.BUSY_ELSEWHERE;
        }
    }

    @Override
    public boolean renew(String task, String node, Instant now) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(task).and("node").is(node).and("done").is(false)),
                new Update().set("renewedAt", Date.from(now)), COLLECTION).getMatchedCount() == 1;
    }

    @Override
    public void finish(String task, String node, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(task).and("node").is(node)),
                new Update().set("done", true).set("renewedAt", Date.from(now)), COLLECTION);
    }

    /** Marks the claim as renewed long ago: stale at once for whoever looks next. */
    @Override
    public void abandon(String task, String node) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(task).and("node").is(node).and("done").is(false)),
                new Update().set("renewedAt", new Date(0)), COLLECTION);
    }

    @Override
    public Optional<Holder> holder(String task) {
        return Optional.ofNullable(mongo.findById(task, Document.class, COLLECTION))
                .map(found -> new Holder(found.getString("node"), found.getDate("claimedAt").toInstant(),
                        found.getDate("renewedAt").toInstant(), found.getBoolean("done", false)));
    }
}
