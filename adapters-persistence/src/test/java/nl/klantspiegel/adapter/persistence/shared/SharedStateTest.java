package nl.klantspiegel.adapter.persistence.shared;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.OneTimeTasks.Claim;
import nl.klantspiegel.application.port.out.SignInThrottles.Versioned;
import nl.klantspiegel.domain.account.SignInThrottle;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.data.mongo.MongoSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state the nodes share, through the real driver against the embedded database (which has no transactions and no
 * index but {@code _id}): every store here is used as two nodes would, through two instances on one database, and
 * the compare-and-set ones by many threads at once.
 */
class SharedStateTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("shared");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final MongoTemplate mongo = new MongoTemplate(embedded.client(), embedded.freshDatabaseName());

    // ----- sign-in throttles --------------------------------------------------------------------------

    @Test
    void a_throttle_is_replaced_only_in_the_version_it_was_read() {
        MongoSignInThrottles nodeA = new MongoSignInThrottles(mongo);
        MongoSignInThrottles nodeB = new MongoSignInThrottles(mongo);
        assertThat(nodeA.find("account:x")).isEqualTo(Versioned.ABSENT);

        SignInThrottle one = SignInThrottle.none().failedAt(T0);
        assertThat(nodeA.replace("account:x", 0, one, T0.plusSeconds(1800))).isTrue();
        assertThat(nodeB.replace("account:x", 0, one, T0.plusSeconds(1800))).as("B inserting too").isFalse();

        Versioned read = nodeB.find("account:x");
        assertThat(read.throttle()).isEqualTo(one);
        SignInThrottle two = one.failedAt(T0.plusSeconds(5));
        assertThat(nodeA.replace("account:x", read.version(), two, T0.plusSeconds(1805))).isTrue();
        assertThat(nodeB.replace("account:x", read.version(), one.failedAt(T0.plusSeconds(6)), T0))
                .as("B with what it read before A's change").isFalse();
        assertThat(nodeB.find("account:x").throttle()).isEqualTo(two);
        assertThat(mongo.findById("account:x", Document.class, MongoSignInThrottles.COLLECTION).getDate("forgetAfter"))
                .isEqualTo(java.util.Date.from(T0.plusSeconds(1805)));
    }

    @Test
    void many_tries_at_once_on_two_nodes_are_all_counted() throws Exception {
        MongoSignInThrottles[] nodes = {new MongoSignInThrottles(mongo), new MongoSignInThrottles(mongo)};
        AtomicInteger conflicts = new AtomicInteger();
        List<Callable<Void>> tries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            MongoSignInThrottles node = nodes[i % 2];
            tries.add(() -> {
                while (true) {
                    Versioned read = node.find("address:busy");
                    if (node.replace("address:busy", read.version(), read.throttle().failedAt(T0), T0)) {
                        return null;
                    }
                    conflicts.incrementAndGet();
                }
            });
        }
        runAtOnce(tries);

        assertThat(nodes[0].find("address:busy").throttle().failures()).isEqualTo(40);
        assertThat(conflicts).as("the threads did run into each other").hasPositiveValue();
    }

    // ----- rate-limit buckets -------------------------------------------------------------------------

    @Test
    void a_bucket_counts_what_every_node_takes_from_it() throws Exception {
        BucketConfiguration fivePerHour = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(50).refillGreedy(50, Duration.ofHours(1))).build();
        BucketProxy onA = new MongoRateLimitBuckets(mongo).builder().build("starts:192.0.2.1", () -> fivePerHour);
        BucketProxy onB = new MongoRateLimitBuckets(mongo).builder().build("starts:192.0.2.1", () -> fivePerHour);

        AtomicInteger taken = new AtomicInteger();
        List<Callable<Void>> tries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            BucketProxy bucket = i % 2 == 0 ? onA : onB;
            tries.add(() -> {
                if (bucket.tryConsume(1)) {
                    taken.incrementAndGet();
                }
                return null;
            });
        }
        runAtOnce(tries);

        assertThat(taken).as("of 60 tries at once on two nodes, the capacity").hasValue(50);
        assertThat(onA.tryConsume(1)).isFalse();
        Document stored = mongo.findById("starts:192.0.2.1", Document.class, MongoRateLimitBuckets.COLLECTION);
        assertThat(stored.get("state", Binary.class).getData()).isNotEmpty();
        assertThat(stored.getDate("expiresAt").toInstant()).as("kept until it would be full again, and a minute")
                .isAfter(Instant.now().plus(Duration.ofMinutes(59))).isBefore(Instant.now().plus(Duration.ofMinutes(62)));
    }

    // ----- one-time tasks -----------------------------------------------------------------------------

    @Test
    void of_nodes_claiming_a_task_at_once_one_gets_it() throws Exception {
        AtomicInteger claimed = new AtomicInteger();
        List<Callable<Void>> nodes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String node = "node-" + i;
            nodes.add(() -> {
                if (new MongoOneTimeTasks(mongo).claim("demo", node, T0, Duration.ofMinutes(2)) == Claim.CLAIMED) {
                    claimed.incrementAndGet();
                }
                return null;
            });
        }
        runAtOnce(nodes);
        assertThat(claimed).hasValue(1);
    }

    @Test
    void a_claim_is_held_while_renewed_taken_over_when_stale_and_never_done_twice() {
        MongoOneTimeTasks tasks = new MongoOneTimeTasks(mongo);
        Duration stale = Duration.ofMinutes(2);
        assertThat(tasks.holder("demo")).isEmpty();
        assertThat(tasks.claim("demo", "a", T0, stale)).isEqualTo(Claim.CLAIMED);
        assertThat(tasks.claim("demo", "b", T0.plusSeconds(100), stale)).isEqualTo(Claim.BUSY_ELSEWHERE);
        assertThat(tasks.renew("demo", "a", T0.plusSeconds(110))).isTrue();
        assertThat(tasks.claim("demo", "b", T0.plusSeconds(200), stale)).as("renewed at 110 s").isEqualTo(
                Claim.BUSY_ELSEWHERE);

        // a stopped: its claim goes stale, b takes over (once), and a no longer holds it
        assertThat(tasks.claim("demo", "b", T0.plusSeconds(231), stale)).isEqualTo(Claim.TAKEN_OVER);
        assertThat(tasks.claim("demo", "c", T0.plusSeconds(231), stale)).isEqualTo(Claim.BUSY_ELSEWHERE);
        assertThat(tasks.renew("demo", "a", T0.plusSeconds(232))).isFalse();
        assertThat(tasks.holder("demo")).hasValueSatisfying(holder -> {
            assertThat(holder.node()).isEqualTo("b");
            assertThat(holder.done()).isFalse();
        });

        tasks.finish("demo", "b", T0.plusSeconds(300));
        assertThat(tasks.claim("demo", "c", T0.plusSeconds(10_000), stale)).isEqualTo(Claim.DONE);
        assertThat(tasks.renew("demo", "b", T0.plusSeconds(10_000))).isFalse();
    }

    @Test
    void an_abandoned_claim_is_taken_over_at_once() {
        MongoOneTimeTasks tasks = new MongoOneTimeTasks(mongo);
        assertThat(tasks.claim("demo", "a", T0, Duration.ofMinutes(2))).isEqualTo(Claim.CLAIMED);
        tasks.abandon("demo", "a");
        assertThat(tasks.claim("demo", "b", T0.plusSeconds(1), Duration.ofMinutes(2))).isEqualTo(Claim.TAKEN_OVER);
    }

    // ----- browser sessions ---------------------------------------------------------------------------

    @Test
    void a_session_is_read_on_another_node_and_not_brought_back_after_it_was_deleted() {
        BrowserSessions nodeA = sessions();
        BrowserSessions nodeB = sessions();
        MongoSession made = nodeA.createSession();
        made.setAttribute("who", "ann");
        nodeA.save(made);

        MongoSession onB = nodeB.findById(made.getId());
        assertThat(onB).isNotNull();
        assertThat((String) onB.getAttribute("who")).isEqualTo("ann");
        // a request on B read the session; meanwhile A signs it out; then B's request ends and writes it back
        MongoSession alsoOnA = nodeA.findById(made.getId());
        nodeA.deleteById(alsoOnA.getId());
        onB.setLastAccessedTime(Instant.now());
        nodeB.save(onB);

        assertThat(nodeA.findById(made.getId())).as("signed out stays signed out").isNull();
        assertThat(mongo.getCollection(BrowserSessions.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void an_expired_session_is_refused_and_swept() {
        BrowserSessions node = sessions();
        MongoSession session = node.createSession();
        session.setLastAccessedTime(Instant.now().minus(Duration.ofMinutes(61)));
        node.save(session);

        assertThat(mongo.getCollection(BrowserSessions.COLLECTION).countDocuments()).isOne();
        assertThat(new ExpiredEntriesSweeper(mongo, Clock.systemUTC()).sweep()).isOne();
        assertThat(mongo.getCollection(BrowserSessions.COLLECTION).countDocuments()).isZero();

        MongoSession another = node.createSession();
        another.setLastAccessedTime(Instant.now().minus(Duration.ofMinutes(61)));
        node.save(another);
        assertThat(node.findById(another.getId())).as("refused on reading, before any sweep").isNull();
    }

    @Test
    void session_attributes_of_a_class_outside_the_product_are_not_read() throws Exception {
        BrowserSessions node = sessions();
        MongoSession session = node.createSession();
        session.setAttribute("harmless", "yes");
        node.save(session);
        // someone with write access to the database puts an object of another library into the session
        HashMap<String, Object> attributes = new HashMap<>();
        attributes.put("harmless", "yes");
        attributes.put("foreign", new javax.management.ObjectName("a:b=c")); // of the JDK, but not its base module
        mongo.getCollection(BrowserSessions.COLLECTION).updateOne(new Document("_id", session.getId()),
                new Document("$set", new Document("attr", new Binary(serialised(attributes)))));

        MongoSession read = node.findById(session.getId());
        assertThat(read).isNotNull();
        assertThat(read.getAttributeNames()).as("unreadable attributes count as none").isEmpty();
    }

    private BrowserSessions sessions() {
        BrowserSessions sessions = new BrowserSessions(mongo, Duration.ofMinutes(60), getClass().getClassLoader());
        sessions.setApplicationEventPublisher(event -> { });
        return sessions;
    }

    private static byte[] serialised(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    // ----- the sweeper --------------------------------------------------------------------------------

    @Test
    void the_sweeper_removes_what_has_expired_and_nothing_else() {
        Clock now = Clock.fixed(T0, ZoneOffset.UTC);
        mongo.insert(new Document("_id", "old").append("forgetAfter", java.util.Date.from(T0.minusSeconds(1))),
                MongoSignInThrottles.COLLECTION);
        mongo.insert(new Document("_id", "new").append("forgetAfter", java.util.Date.from(T0.plusSeconds(1))),
                MongoSignInThrottles.COLLECTION);
        mongo.insert(new Document("_id", "old").append("expiresAt", java.util.Date.from(T0.minusSeconds(1))),
                MongoRateLimitBuckets.COLLECTION);
        mongo.insert(new Document("_id", "new").append("expiresAt", java.util.Date.from(T0.plusSeconds(1))),
                MongoRateLimitBuckets.COLLECTION);

        assertThat(new ExpiredEntriesSweeper(mongo, now).sweep()).isEqualTo(2);

        assertThat(mongo.findAll(Document.class, MongoSignInThrottles.COLLECTION)).extracting(d -> d.get("_id"))
                .containsExactly("new");
        assertThat(mongo.findAll(Document.class, MongoRateLimitBuckets.COLLECTION)).extracting(d -> d.get("_id"))
                .containsExactly("new");
    }

    private static void runAtOnce(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Void>> done = pool.invokeAll(tasks, 60, TimeUnit.SECONDS);
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
