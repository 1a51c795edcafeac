package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoDatabase;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An append is acknowledged only once it is durable, and only a duplicate (aggregate, sequence) is a concurrent
 * change: any other write failure is an error of the store, never a {@link ConcurrencyException} (which the
 * application answers by trying the command again).
 */
class AppendFailuresTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("failures");

    private static final ServerAddress SERVER = new ServerAddress("embedded");

    MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = embedded.freshDatabase();
    }

    @Test
    void an_append_returns_only_after_what_it_wrote_was_made_durable() {
        List<String> calls = new ArrayList<>();
        GapAwareMongoEventStorageEngine engine = new GapAwareMongoEventStorageEngine(builder()
                .durability(() -> calls.add("durable with " + stored("a") + " stored"))) {
            @Override
            void insert(List<Document> documents) {
                calls.add("insert");
                super.insert(documents);
            }
        };

        engine.appendEvents(event("a", 0), event("a", 1));

        assertThat(calls).containsExactly("insert", "durable with 2 stored");
    }

    @Test
    void a_snapshot_is_made_durable_too() {
        List<String> calls = new ArrayList<>();
        GapAwareMongoEventStorageEngine engine = builder().durability(() -> calls.add("durable")).build();

        engine.storeSnapshot(event("a", 7));

        assertThat(calls).containsExactly("durable");
        assertThat(engine.readSnapshot("a")).hasValueSatisfying(snapshot ->
                assertThat(snapshot.getSequenceNumber()).isEqualTo(7));
    }

    @Test
    void a_second_event_with_the_same_sequence_is_a_concurrency_exception_and_leaves_nothing_behind() {
        GapAwareMongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("a", 0), event("a", 1));

        // the batch's first event is written, its second collides: the whole batch is refused
        assertThatThrownBy(() -> engine.appendEvents(event("b", 1), event("a", 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(stored("b")).as("the first event of the refused batch was removed again").isZero();
        assertThat(stored("a")).isEqualTo(2);
    }

    @Test
    void another_write_failure_is_a_store_error_not_a_concurrent_change() {
        List<String> durable = new ArrayList<>();
        GapAwareMongoEventStorageEngine engine = new GapAwareMongoEventStorageEngine(builder()
                .durability(() -> durable.add("durable"))) {
            @Override
            void insert(List<Document> documents) {
                throw new MongoWriteException(new WriteError(121, "Document failed validation", new BsonDocument()),
                        SERVER);
            }
        };

        assertThatThrownBy(() -> engine.appendEvents(event("a", 0)))
                .isInstanceOf(EventStoreException.class)
                .isNotInstanceOf(ConcurrencyException.class)
                .hasRootCauseInstanceOf(MongoWriteException.class);
        assertThat(durable).as("a failed append is not acknowledged").isEmpty();
    }

    @Test
    void only_the_duplicate_key_error_counts_as_a_duplicate_in_every_form_the_driver_reports_it() {
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(
                new MongoWriteException(new WriteError(11000, "E11000 duplicate key", new BsonDocument()), SERVER)))
                .isTrue();
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(bulk(11000))).isTrue();
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(new MongoException(11000, "E11000"))).isTrue();
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(new MongoCommandException(
                BsonDocument.parse("{ok: 0, code: 11000, errmsg: 'E11000 duplicate key'}"), SERVER))).isTrue();

        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(
                new MongoWriteException(new WriteError(121, "validation", new BsonDocument()), SERVER))).isFalse();
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(bulk(121))).isFalse();
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(new MongoException(2, "bad value"))).isFalse();
        assertThat(GapAwareMongoEventStorageEngine.isDuplicateKey(new IllegalStateException("E11000"))).isFalse();
    }

    private static MongoBulkWriteException bulk(int code) {
        return new MongoBulkWriteException(BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()),
                List.of(new BulkWriteError(code, "error " + code, new BsonDocument(), 0)), null, SERVER, Set.of());
    }

    private GapAwareMongoEventStorageEngine.Builder builder() {
        return GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .durability(embedded.server())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer());
    }

    private long stored(String aggregate) {
        return database.getCollection(GapAwareMongoEventStorageEngine.EVENTS)
                .countDocuments(eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, aggregate));
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + "#" + sequence,
                MetaData.emptyInstance());
    }
}
