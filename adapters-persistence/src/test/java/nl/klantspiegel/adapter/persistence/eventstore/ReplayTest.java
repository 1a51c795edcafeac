package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongo;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay after {@code resetTokens()}: every replayed event is flagged as a replay (so {@code @DisallowReplay}
 * handlers are skipped), the stored token stays small, and the replay ends. (Axon 4.13.0 broke the first two
 * with axon-mongo's tracking token; with this engine's gap-aware token they hold, which is why the product moved
 * to 4.13.0. Run this test again before any Axon upgrade.)
 */
class ReplayTest {

    private static final int EVENTS = 5_000;
    private static final String PROCESSOR = "replayed-projection";

    @TempDir
    Path dataDirectory;
    EmbeddedMongo server;
    MongoClient client;
    Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        client.close();
        server.close();
    }

    @Test
    void every_replayed_event_is_flagged_the_token_stays_small_and_the_replay_ends() {
        server = EmbeddedMongo.start(dataDirectory);
        client = server.newClient("replay");
        MongoDatabase database = client.getDatabase("replay");
        Serializer serializer = JacksonSerializer.defaultSerializer();
        TokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "replay").build())
                .serializer(serializer)
                .build();
        Projection projection = new Projection();
        SideEffects sideEffects = new SideEffects();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> GapAwareMongoEventStorageEngine.builder()
                        .database(database)
                        .durability(server)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .batchSize(500)
                        .build())
                .eventProcessing(processing -> processing
                        .registerTokenStore(c -> tokens)
                        .registerTrackingEventProcessor(PROCESSOR, Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(500)
                                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                        .registerEventHandler(c -> projection)
                        .registerEventHandler(c -> sideEffects)
                        .assignHandlerInstancesMatching(PROCESSOR, handler -> true))
                .buildConfiguration();
        axon.start();
        EventStore store = axon.eventStore();
        for (int batch = 0; batch < EVENTS / 100; batch++) {
            List<GenericDomainEventMessage<String>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(new GenericDomainEventMessage<>("Test", "aggregate-" + batch, i, "event " + i,
                        MetaData.emptyInstance()));
            }
            store.publish(events);
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(projection.live.get()).as("events handled live").isEqualTo(EVENTS));
        assertThat(sideEffects.count.get()).isEqualTo(EVENTS);

        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(PROCESSOR, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(projection.replayed.get()).as("events replayed").isEqualTo(EVENTS));
        assertThat(projection.live.get()).as("no replayed event handled as live").isEqualTo(EVENTS);
        assertThat(sideEffects.count.get()).as("@DisallowReplay handlers skipped").isEqualTo(EVENTS);
        int tokenBytes = storedTokenBytes(database);
        System.out.printf("stored token after replaying %d events: %d bytes%n", EVENTS, tokenBytes);
        assertThat(tokenBytes).as("bytes, not kilobytes per event").isLessThan(2_000);

        // the replay ends: the next new event is live again, and handled by every handler
        store.publish(new GenericDomainEventMessage<>("Test", "after-replay", 0, "new", MetaData.emptyInstance()));
        await().atMost(Duration.ofSeconds(30)).until(() -> projection.live.get() == EVENTS + 1);
        assertThat(projection.replayed.get()).isEqualTo(EVENTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sideEffects.count.get() == EVENTS + 1);
        assertThat(processor.processingStatus().get(0).isReplaying()).isFalse();
    }

    private static int storedTokenBytes(MongoDatabase database) {
        Document stored = database.getCollection("trackingtokens").find(new Document("processorName", PROCESSOR)).first();
        assertThat(stored).isNotNull();
        return RawBsonDocument.parse(stored.toJson()).getByteBuffer().remaining();
    }

    static final class Projection {
        final AtomicInteger live = new AtomicInteger();
        final AtomicInteger replayed = new AtomicInteger();

        @EventHandler
        void on(String event, ReplayStatus status) {
            (status.isReplay() ? replayed : live).incrementAndGet();
        }
    }

    @DisallowReplay
    static final class SideEffects {
        final AtomicInteger count = new AtomicInteger();

        @EventHandler
        void on(String event) {
            count.incrementAndGet();
        }
    }
}
