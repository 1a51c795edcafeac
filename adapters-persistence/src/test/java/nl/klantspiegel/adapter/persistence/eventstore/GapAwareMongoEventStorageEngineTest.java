package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Axon's own contract for storage engines, every test of it, against the embedded MongoDB wire server
 * through the real driver.
 */
class GapAwareMongoEventStorageEngineTest
        extends BatchingEventStorageEngineTest<GapAwareMongoEventStorageEngine, GapAwareMongoEventStorageEngine.Builder> {

    @TempDir
    static Path dataDirectory;
    static EmbeddedMongo server;
    static MongoClient client;
    static final AtomicInteger databases = new AtomicInteger();

    MongoDatabase database;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongo.start(dataDirectory, 0);
        client = MongoClients.create(server.connectionString("contract"));
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("contract" + databases.incrementAndGet());
        setTestSubject(createEngine());
    }

    @Override
    protected GapAwareMongoEventStorageEngine createEngine(UnaryOperator<GapAwareMongoEventStorageEngine.Builder> customization) {
        GapAwareMongoEventStorageEngine.Builder builder = GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .durability(server)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer());
        return customization.apply(builder).build();
    }
}
