package nl.klantspiegel.adapter.persistence.eventstore;

import nl.klantspiegel.adapter.persistence.settings.PersistenceSettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import nl.klantspiegel.adapter.persistence.durability.WriteDurability;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.Nodes;
import nl.klantspiegel.application.port.out.SharedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;


/**
 * The event store and the token store, in one place: the {@link GapAwareMongoEventStorageEngine} (durable
 * before it acknowledges) and axon-mongo's token store. Indexes are created at start.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /**
     * The JSON of stored events, messages and tokens, owned here and not shared with the web API, so that a
     * change to the API's JSON can never change what is stored. Readable: times as ISO-8601 strings.
     * Tolerant: a field an older reader does not know is ignored (events only ever gain fields).
     * Axon's Spring Boot support picks the serializers' mapper by this bean name.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The revision of every event's shape; Axon's serializers write it beside each payload. */
    @Bean
    RevisionResolver revisionResolver() {
        return new EventRevisions();
    }

    /** Reads the first shape of AssessmentStarted as the current one (Axon collects upcaster beans in its chain). */
    @Bean
    AssessmentStartedUpcaster assessmentStartedUpcaster() {
        return new AssessmentStartedUpcaster();
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, MongoDatabaseFactory databaseFactory) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, databaseFactory.getMongoDatabase().getName())
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoDatabaseFactory databaseFactory,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer,
                                          WriteDurability durability,
                                          ObjectProvider<org.axonframework.config.Configuration> axon,
                                          PersistenceSettings settings) {
        return GapAwareMongoEventStorageEngine.builder()
                .database(databaseFactory.getMongoDatabase())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axon.getIfAvailable() == null
                        ? NoOpEventUpcaster.INSTANCE : axon.getObject().upcasterChain())
                .durability(durability)
                .batchSize(settings.eventStore().batchSize())
                .build();
    }

    /** The event store read as a log: for exports. */
    @Bean
    EventLog eventLog(MongoDatabaseFactory databaseFactory, @Qualifier("eventSerializer") Serializer eventSerializer,
                      ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new MongoEventLog(databaseFactory.getMongoDatabase(), eventSerializer,
                () -> axon.getIfAvailable() == null ? NoOpEventUpcaster.INSTANCE : axon.getObject().upcasterChain());
    }

    /**
     * axon-mongo's token store, claiming in this node's name (so that every node, also several in one JVM, holds its
     * own claims), with the claim timeout after which another node takes over a segment whose node stopped extending
     * it ({@code klantspiegel.projections.claim-timeout}, 10 s).
     */
    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, Nodes nodes,
                          PersistenceSettings settings) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(nodes.self())
                .claimTimeout(settings.projections().claimTimeout())
                .build();
    }

    /** The token store read by every node without claiming: readiness, balance and the switch of a rebuild. */
    @Bean
    SharedTokens sharedTokens(MongoTemplate axonMongoTemplate, Serializer serializer,
                              MongoDatabaseFactory databaseFactory, PersistenceSettings settings) {
        return new MongoSharedTokens(axonMongoTemplate, serializer, databaseFactory.getMongoDatabase(),
                settings.projections().claimTimeout());
    }
}
