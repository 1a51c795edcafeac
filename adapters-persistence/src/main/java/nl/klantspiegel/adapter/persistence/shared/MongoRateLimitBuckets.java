package nl.klantspiegel.adapter.persistence.shared;

import nl.klantspiegel.domain.integrity.Sha256;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The rate limits' token buckets (Bucket4j) in the database every node shares, so that a limit per client address
 * counts the requests to every node: Bucket4j's own compare-and-swap proxy manager over one document per bucket.
 * (Bucket4j's MongoDB module does the same with the driver; it is not published where this build gets its
 * libraries.)
 * <pre>
 * rateLimitBuckets: { _id: key, state: Bucket4j's state (binary), stateHash, expiresAt }
 * </pre>
 * Bucket4j reads the state, computes the next one and asks to swap: an insert when there was none (the {@code _id}
 * makes a second insert fail), otherwise an update conditional on the state read, compared by its SHA-256 (a string
 * is compared alike on every MongoDB, embedded or not). A bucket is kept until it would be full again;
 * {@link ExpiredEntriesSweeper} removes those past {@code expiresAt}. Time is each node's own clock: nodes must agree
 * on it (NTP), as for every other expiry.
 */
final class MongoRateLimitBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    static final String COLLECTION = "rateLimitBuckets";
    static final String EXPIRES_AT = "expiresAt";

    private final MongoOperations mongo;
    private final ExpirationAfterWriteStrategy expiration;

    MongoRateLimitBuckets(MongoOperations mongo) {
        this(mongo, ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)));
    }

    private MongoRateLimitBuckets(MongoOperations mongo, ExpirationAfterWriteStrategy expiration) {
        super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiration));
        this.mongo = mongo;
        this.expiration = expiration;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Document stored = mongo.findById(key, Document.class, COLLECTION);
                return Optional.ofNullable(stored).map(found -> found.get("state", Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                long nowMillis = currentTimeNanos() / 1_000_000;
                Date expiresAt = new Date(nowMillis + expiration.calculateTimeToLiveMillis(newState,
                        currentTimeNanos()));
                if (originalData == null) {
                    try {
                        mongo.insert(new Document("_id", key).append("state", new Binary(newData))
                                .append("stateHash", sha256(newData)).append(EXPIRES_AT, expiresAt), COLLECTION);
                        return true;
                    } catch (DuplicateKeyException anotherNodeWasFirst) {
                        return false;
                    }
                }
                return mongo.updateFirst(Query.query(Criteria.where("_id").is(key)
                                .and("stateHash").is(sha256(originalData))),
                        new Update().set("state", new Binary(newData)).set("stateHash", sha256(newData))
                                .set(EXPIRES_AT, expiresAt),
                        COLLECTION).getMatchedCount() == 1;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("rate limits are taken synchronously");
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("rate limits are taken synchronously");
    }

    @Override
    public void removeProxy(String key) {
        mongo.remove(Query.query(Criteria.where("_id").is(key)), COLLECTION);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    private static String sha256(byte[] data) {
        return Sha256.hex(data);
    }
}
