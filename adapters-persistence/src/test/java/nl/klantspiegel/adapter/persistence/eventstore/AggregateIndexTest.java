package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where each aggregate's events lie: read by {@code _id} alone, complete for an acknowledged append, made once for a
 * store written before it, repaired after a writer died between its events and its entry, and shared by processes
 * that append to one database.
 */
class AggregateIndexTest {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("aggregate-index");

    MongoDatabase database;

    @BeforeEach
    void freshDatabase() {
        database = embedded.freshDatabase();
    }

    @Test
    void an_aggregate_is_read_and_its_last_sequence_known_from_its_entry() {
        GapAwareMongoEventStorageEngine engine = engine(database);
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("other", 0));
        engine.appendEvents(event("a", 2));

        assertThat(engine.lastSequenceNumberFor("a")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("other")).contains(0L);
        assertThat(engine.lastSequenceNumberFor("never")).isEmpty();
        assertThat(payloads(engine, "a")).containsExactly("a#0", "a#1", "a#2");
        Document entry = index().find(eq("_id", "a")).first();
        assertThat(entry.get("last", Number.class).longValue()).isEqualTo(2);
        assertThat(entry.get("seq", Document.class)).isEqualTo(new Document("0", 1L).append("1", 2L).append("2", 4L));
    }

    @Test
    void the_entry_is_what_aggregates_are_read_from() {
        GapAwareMongoEventStorageEngine engine = engine(database);
        engine.appendEvents(event("a", 0), event("a", 1));
        // an entry that shows only the first event: the second is not read, and not known as the last
        index().updateOne(eq("_id", "a"), Updates.combine(Updates.unset("seq.1"), Updates.set("last", 0L)));

        assertThat(payloads(engine, "a")).containsExactly("a#0");
        assertThat(engine.lastSequenceNumberFor("a")).contains(0L);
    }

    @Test
    void an_event_of_no_aggregate_gets_no_entry() {
        GapAwareMongoEventStorageEngine engine = engine(database);
        engine.appendEvents(GenericEventMessage.asEventMessage("signed in"));

        assertThat(index().countDocuments()).isZero();
    }

    @Test
    void a_store_written_before_the_index_gets_it_at_the_next_start() {
        GapAwareMongoEventStorageEngine before = engine(database);
        for (int i = 0; i < 5; i++) {
            before.appendEvents(event("a", i), event("b-" + i, 0));
        }
        index().drop();
        database.getCollection(GapAwareMongoEventStorageEngine.POSITIONS).deleteOne(eq("_id", AggregateIndex.COMPLETE_ID));
        GapAwareMongoEventStorageEngine withoutIndex = engine(database, false);
        assertThat(payloads(withoutIndex, "a")).as("read by querying the events meanwhile").hasSize(5);

        GapAwareMongoEventStorageEngine after = engine(database);

        assertThat(index().countDocuments()).isEqualTo(6);
        assertThat(database.getCollection(GapAwareMongoEventStorageEngine.POSITIONS)
                .find(eq("_id", AggregateIndex.COMPLETE_ID)).first()).isNotNull();
        assertThat(payloads(after, "a")).containsExactly("a#0", "a#1", "a#2", "a#3", "a#4");
        assertThat(after.lastSequenceNumberFor("b-3")).contains(0L);
    }

    @Test
    void the_newest_events_a_dead_writer_left_out_are_recorded_at_the_next_start() {
        GapAwareMongoEventStorageEngine engine = engine(database);
        engine.appendEvents(event("a", 0), event("a", 1));
        forget("a", 1, 0);

        GapAwareMongoEventStorageEngine restarted = engine(database);

        assertThat(restarted.lastSequenceNumberFor("a")).contains(1L);
        assertThat(payloads(restarted, "a")).containsExactly("a#0", "a#1");
    }

    @Test
    void an_append_colliding_with_an_event_left_out_repairs_the_entry_and_the_next_attempt_sees_it() {
        GapAwareMongoEventStorageEngine engine = engine(database);
        engine.appendEvents(event("a", 0), event("a", 1));
        forget("a", 1, 0);
        assertThat(engine.lastSequenceNumberFor("a")).contains(0L);

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1))).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.lastSequenceNumberFor("a")).contains(1L);
        assertThat(payloads(engine, "a")).containsExactly("a#0", "a#1");
        engine.appendEvents(event("a", 2));
        assertThat(payloads(engine, "a")).containsExactly("a#0", "a#1", "a#2");
    }

    @Test
    void an_ordinary_collision_leaves_the_entry_as_it_is() {
        GapAwareMongoEventStorageEngine engine = engine(database);
        engine.appendEvents(event("a", 0), event("a", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1))).isInstanceOf(ConcurrencyException.class);

        assertThat(index().find(eq("_id", "a")).first().get("seq", Document.class)).hasSize(2);
        assertThat(engine.lastSequenceNumberFor("a")).contains(1L);
    }

    /**
     * Three "processes" — each its own client over TCP to the embedded database, as nodes reach it — append at once:
     * every event gets a position of its own, every aggregate's events are all in its entry, and for each sequence
     * number of a contended aggregate exactly one append wins.
     */
    @Test
    void processes_appending_to_one_database_get_distinct_positions_and_complete_entries() throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "index-tcp");
        try (EmbeddedMongo server = EmbeddedMongo.start(directory, 0)) {
            String uri = server.tcpConnectionString("nodes").orElseThrow();
            List<MongoClient> clients = List.of(MongoClients.create(uri), MongoClients.create(uri),
                    MongoClients.create(uri));
            ExecutorService threads = Executors.newFixedThreadPool(9);
            try {
                List<GapAwareMongoEventStorageEngine> engines = clients.stream()
                        .map(client -> engine(client.getDatabase("nodes"))).toList();
                List<Future<Integer>> appenders = new ArrayList<>();
                for (int thread = 0; thread < 9; thread++) {
                    GapAwareMongoEventStorageEngine engine = engines.get(thread % 3);
                    int me = thread;
                    appenders.add(threads.submit(() -> {
                        int won = 0;
                        for (int i = 0; i < 40; i++) {
                            engine.appendEvents(event("own-" + me + "-" + i, 0), event("own-" + me + "-" + i, 1));
                            long next = engine.lastSequenceNumberFor("contended").map(last -> last + 1).orElse(0L);
                            try {
                                engine.appendEvents(event("contended", next));
                                won++;
                            } catch (ConcurrencyException | AggregateStreamCreationException lost) {
                                // another process took this sequence number first (the first: creation)
                            }
                        }
                        return won;
                    }));
                }
                int won = 0;
                for (Future<Integer> appender : appenders) {
                    won += appender.get(2, TimeUnit.MINUTES);
                }

                MongoDatabase shared = clients.get(0).getDatabase("nodes");
                List<Document> stored = shared.getCollection(GapAwareMongoEventStorageEngine.EVENTS).find()
                        .into(new ArrayList<>());
                Set<Long> positions = new HashSet<>();
                stored.forEach(event -> positions.add(event.get("_id", Number.class).longValue()));
                assertThat(stored).hasSize(9 * 40 * 2 + won);
                assertThat(positions).as("a position of its own").hasSize(stored.size());
                GapAwareMongoEventStorageEngine reader = engines.get(1);
                assertThat(reader.lastSequenceNumberFor("contended")).contains((long) won - 1);
                assertThat(payloads(reader, "contended")).hasSize(won);
                assertThat(payloads(reader, "own-4-39")).containsExactly("own-4-39#0", "own-4-39#1");
            } finally {
                threads.shutdownNow();
                clients.forEach(MongoClient::close);
            }
        }
    }

    /** What a writer that died after writing its events but before recording them leaves. */
    private void forget(String aggregate, long sequence, long last) {
        index().updateOne(eq("_id", aggregate), Updates.combine(Updates.unset("seq." + sequence),
                Updates.set("last", last)));
    }

    private com.mongodb.client.MongoCollection<Document> index() {
        return database.getCollection(AggregateIndex.COLLECTION);
    }

    private static List<Object> payloads(GapAwareMongoEventStorageEngine engine, String aggregate) {
        return engine.readEvents(aggregate).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    private static GapAwareMongoEventStorageEngine engine(MongoDatabase database) {
        return engine(database, true);
    }

    /** @param indexed false: as an engine that does not know the index yet reads (by querying the events) */
    private static GapAwareMongoEventStorageEngine engine(MongoDatabase database, boolean indexed) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        GapAwareMongoEventStorageEngine.Builder builder = GapAwareMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
        return indexed ? builder.build() : builder.withoutAggregateIndex().build();
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + "#" + sequence,
                MetaData.emptyInstance());
    }
}
