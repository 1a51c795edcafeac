package nl.klantspiegel.adapter.persistence.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database through the real driver. */
class EmbeddedMongoTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keeps_its_data_in_the_data_directory_across_restarts() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient client = MongoClients.create(server.connectionString("test"))) {
            client.getDatabase("test").getCollection("things").insertOne(new Document("_id", 1).append("kept", true));
            assertThat(server.file()).isEqualTo(dataDirectory.resolve("klantspiegel.mv.db").toAbsolutePath());
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient client = MongoClients.create(server.connectionString("test"))) {
            Document kept = client.getDatabase("test").getCollection("things").find(new Document("_id", 1)).first();
            assertThat(kept).isNotNull();
            assertThat(kept.getBoolean("kept")).isTrue();
        }
    }

    @Test
    void listens_on_loopback_only() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory, 0)) {
            assertThat(server.connectionString("x")).startsWith("mongodb://127.0.0.1:");
        }
    }

    @Test
    void concurrent_writers_share_commits() throws Exception {
        int writers = 8;
        int writesEach = 50;
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDirectory, 0);
             MongoClient client = MongoClients.create(server.connectionString("test"))) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < writesEach; i++) {
                        things.insertOne(new Document("_id", writer * 1000 + i));
                        server.awaitDurable();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();

            assertThat(server.durableWrites()).isEqualTo(writers * writesEach);
            System.out.printf("%d durable writes from %d writers took %d commits%n",
                    server.durableWrites(), writers, server.commits());
            assertThat(server.commits()).as("grouped").isLessThan(writers * writesEach);
            assertThat(things.countDocuments()).isEqualTo(writers * writesEach);
        }
    }
}
