package nl.klantspiegel.adapter.persistence.eventstore;

import nl.klantspiegel.adapter.persistence.embedded.EmbeddedMongoExtension;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.testing.contract.SharedTokensContract;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token store read as every node shares it keeps the port's contract, through the real driver against the
 * embedded server, beside axon-mongo's own token store writing it (the nodes' processors), as the in-memory fake does;
 * the events a gap may hide are found by their {@code _id} in {@code events}.
 */
class MongoSharedTokensContractTest extends SharedTokensContract {

    @RegisterExtension
    static final EmbeddedMongoExtension embedded = new EmbeddedMongoExtension("shared-tokens");

    private MongoSharedTokens shared;

    @Override
    protected Store newStore() {
        String database = embedded.freshDatabaseName();
        MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(embedded.client(), database).build();
        Serializer serializer = JacksonSerializer.defaultSerializer();
        shared = new MongoSharedTokens(template, serializer, embedded.client().getDatabase(database),
                Duration.ofSeconds(10));
        return new Store() {
            @Override
            public SharedTokens shared() {
                return shared;
            }

            @Override
            public TokenStore node(String name) {
                return MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).nodeId(name)
                        .claimTimeout(Duration.ofSeconds(10)).build();
            }

            @Override
            public void storeEventsAt(long... positions) {
                embedded.client().getDatabase(database).getCollection("events").insertMany(Arrays.stream(positions)
                        .mapToObj(position -> new Document("_id", position)).toList());
            }
        };
    }

    @Test
    void one_claimant_per_name() {
        newStore();
        assertThat(shared.claimant("node-b#switch")).isSameAs(shared.claimant("node-b#switch"));
    }
}
