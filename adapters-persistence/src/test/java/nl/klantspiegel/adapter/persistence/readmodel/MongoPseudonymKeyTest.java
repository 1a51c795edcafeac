package nl.klantspiegel.adapter.persistence.readmodel;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The installation's pseudonym key through the real MongoDB driver, against the embedded wire-protocol server. */
class MongoPseudonymKeyTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("pseudonym-key");

    String database = embedded.freshDatabaseName();
    MongoTemplate mongo = new MongoTemplate(embedded.client(), database);
    MongoPseudonymKey key = new MongoPseudonymKey(mongo);

    @Test
    void the_key_is_32_random_bytes_kept_in_the_settings() {
        byte[] read = key.key();

        assertThat(read).hasSize(32);
        assertThat(read).as("not left empty").isNotEqualTo(new byte[32]);
        Document stored = mongo.findById("pseudonymKey", Document.class, "settings");
        assertThat(stored).isNotNull();
        assertThat(stored.get("key", Binary.class).getData()).isEqualTo(read);
        assertThat(mongo.getCollection("settings").countDocuments()).isEqualTo(1);
    }

    @Test
    void the_key_is_the_same_on_every_call_and_a_caller_cannot_change_it() {
        byte[] first = key.key();
        byte[] copy = first.clone();

        first[0] ^= 0x5a;

        assertThat(key.key()).isEqualTo(copy).isNotEqualTo(first);
        assertThat(mongo.getCollection("settings").countDocuments()).as("made once").isEqualTo(1);
    }

    @Test
    void a_second_node_on_the_same_database_reads_the_same_key() {
        byte[] first = key.key();

        MongoPseudonymKey secondNode = new MongoPseudonymKey(new MongoTemplate(embedded.client(), database));

        assertThat(secondNode.key()).isEqualTo(first);
        assertThat(mongo.getCollection("settings").countDocuments()).isEqualTo(1);
    }

    @Test
    void another_installation_has_another_key() {
        MongoPseudonymKey elsewhere = new MongoPseudonymKey(
                new MongoTemplate(embedded.client(), embedded.freshDatabaseName()));

        assertThat(elsewhere.key()).hasSize(32).isNotEqualTo(key.key());
    }

    @Test
    void a_key_another_node_stored_first_is_the_one_read() {
        byte[] theirs = new byte[32];
        for (int i = 0; i < theirs.length; i++) {
            theirs[i] = (byte) (i * 7 + 3);
        }
        mongo.insert(new Document("_id", "pseudonymKey").append("key", new Binary(theirs)), "settings");

        assertThat(key.key()).isEqualTo(theirs);
        assertThat(mongo.getCollection("settings").countDocuments()).isEqualTo(1);
        assertThat(mongo.findById("pseudonymKey", Document.class, "settings").get("key", Binary.class).getData())
                .as("not replaced").isEqualTo(theirs);
    }

    @Test
    void a_node_that_finds_no_key_and_then_loses_the_race_to_store_one_reads_the_winners() {
        byte[] winners = new byte[32];
        Arrays.fill(winners, (byte) 0x2a);
        AtomicBoolean raced = new AtomicBoolean();
        // this node looks and finds no key; before it stores its own, another node stores one
        MongoTemplate racing = new MongoTemplate(embedded.client(), database) {
            @Override
            public <T> T findById(Object id, Class<T> entityClass, String collectionName) {
                T found = super.findById(id, entityClass, collectionName);
                if (found == null && raced.compareAndSet(false, true)) {
                    mongo.insert(new Document("_id", "pseudonymKey").append("key", new Binary(winners)), "settings");
                }
                return found;
            }
        };

        byte[] read = new MongoPseudonymKey(racing).key();

        assertThat(raced).as("the race took place").isTrue();
        assertThat(read).isEqualTo(winners);
        assertThat(mongo.findById("pseudonymKey", Document.class, "settings").get("key", Binary.class).getData())
                .as("the winner's key is not replaced").isEqualTo(winners);
        assertThat(key.key()).as("so every node names alike").isEqualTo(winners);
    }

    @Test
    void a_key_once_read_is_kept_by_the_node() {
        byte[] first = key.key();
        // the stored key is never changed by the product; a node that read it does not read it again
        mongo.getCollection("settings").replaceOne(new Document("_id", "pseudonymKey"),
                new Document("_id", "pseudonymKey").append("key", new Binary(new byte[32])));

        assertThat(key.key()).isEqualTo(first);
        assertThat(new MongoPseudonymKey(mongo).key()).as("a node starting now reads the store")
                .isEqualTo(new byte[32]);
    }

    @Test
    void nodes_that_make_the_key_at_the_same_time_all_end_with_one_key() throws Exception {
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int node = 0; node < nodes; node++) {
                MongoPseudonymKey ofNode = new MongoPseudonymKey(new MongoTemplate(embedded.client(), database));
                keys.add(pool.submit(() -> {
                    start.await();
                    return ofNode.key();
                }));
            }
            start.countDown();

            List<String> read = new ArrayList<>();
            for (Future<byte[]> future : keys) {
                read.add(HexFormat.of().formatHex(future.get()));
            }
            byte[] stored = mongo.findById("pseudonymKey", Document.class, "settings").get("key", Binary.class)
                    .getData();
            assertThat(read).hasSize(nodes).containsOnly(HexFormat.of().formatHex(stored));
            assertThat(mongo.getCollection("settings").countDocuments()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
