package nl.klantspiegel.adapter.persistence.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes what has expired from the state the nodes share: browser sessions past their {@code expireAt}, sign-in
 * throttles past {@code forgetAfter}, rate-limit buckets past {@code expiresAt}. Nothing depends on it for being
 * right (an expired session is refused when it is read, a forgotten throttle counts as none, an expired bucket is
 * full anyway); it keeps the collections small. A real MongoDB would do the same with TTL indexes, but the embedded
 * database ignores every index but {@code _id}, so one periodic delete per collection does it on both (every node
 * runs it; deleting twice is harmless).
 */
final class ExpiredEntriesSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiredEntriesSweeper.class);
    /** Collection and the field holding the moment after which its documents are gone. */
    static final Map<String, String> EXPIRY_FIELDS = Map.of(
            BrowserSessions.COLLECTION, "expireAt",
            MongoSignInThrottles.COLLECTION, MongoSignInThrottles.FORGET_AFTER,
            MongoRateLimitBuckets.COLLECTION, MongoRateLimitBuckets.EXPIRES_AT);

    private final MongoOperations mongo;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "expired-entries-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    ExpiredEntriesSweeper(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::sweepQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes every expired document now. @return how many */
    long sweep() {
        Date now = Date.from(clock.instant());
        long removed = 0;
        for (Map.Entry<String, String> collection : EXPIRY_FIELDS.entrySet()) {
            removed += mongo.remove(Query.query(Criteria.where(collection.getValue()).lt(now)), collection.getKey())
                    .getDeletedCount();
        }
        return removed;
    }

    private void sweepQuietly() {
        try {
            long removed = sweep();
            if (removed > 0) {
                log.debug("Removed {} expired sessions, throttles and rate-limit buckets", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove expired sessions, throttles and rate-limit buckets: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
