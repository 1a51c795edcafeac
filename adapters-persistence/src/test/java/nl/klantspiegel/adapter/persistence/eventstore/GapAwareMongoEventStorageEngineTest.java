package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoDatabase;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.function.UnaryOperator;

/**
 * Axon's own contract for storage engines, every test of it, against the embedded MongoDB wire server
 * through the real driver.
 */
class GapAwareMongoEventStorageEngineTest
        extends BatchingEventStorageEngineTest<GapAwareMongoEventStorageEngine, GapAwareMongoEventStorageEngine.Builder> {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("contract");

    MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = embedded.freshDatabase();
        setTestSubject(createEngine());
    }

    @Override
    protected GapAwareMongoEventStorageEngine createEngine(UnaryOperator<GapAwareMongoEventStorageEngine.Builder> customization) {
        GapAwareMongoEventStorageEngine.Builder builder = GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .durability(embedded.server())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer());
        return customization.apply(builder).build();
    }
}
