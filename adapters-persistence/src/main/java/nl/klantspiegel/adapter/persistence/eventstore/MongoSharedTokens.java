package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import nl.klantspiegel.application.port.out.SharedTokens;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The token store every node shares, read as axon-mongo's {@link MongoTokenStore} writes it ({@code trackingtokens}:
 * one document per processor and segment with {@code owner}, {@code timestamp} of the claim in epoch milliseconds,
 * and the serialized {@code token} with its {@code tokenType}), without claiming; and the same store for claimants of
 * their own names. Reading a processor's segments looks them up by name: the collection holds a few documents per
 * processor, so even a scan of it is cheap.
 */
public final class MongoSharedTokens implements SharedTokens {

    private final MongoTemplate template;
    private final Serializer serializer;
    private final MongoCollection<Document> events;
    private final Duration claimTimeout;
    private final ConcurrentMap<String, TokenStore> claimants = new ConcurrentHashMap<>();

    /**
     * @param serializer   the token store's serializer
     * @param database     the database of the events (positions are their {@code _id})
     * @param claimTimeout the token store's claim timeout, for claimants
     */
    public MongoSharedTokens(MongoTemplate template, Serializer serializer, MongoDatabase database,
                             Duration claimTimeout) {
        this.template = template;
        this.serializer = serializer;
        this.events = database.getCollection(GapAwareMongoEventStorageEngine.EVENTS);
        this.claimTimeout = claimTimeout;
    }

    @Override
    public Duration claimTimeout() {
        return claimTimeout;
    }

    @Override
    public Map<Integer, StoredSegment> segments(String processor) {
        return read(Filters.eq("processorName", processor)).getOrDefault(processor, Map.of());
    }

    @Override
    public Map<String, Map<Integer, StoredSegment>> all() {
        return read(new Document());
    }

    private Map<String, Map<Integer, StoredSegment>> read(Bson filter) {
        Map<String, Map<Integer, StoredSegment>> found = new TreeMap<>();
        for (Document document : template.trackingTokensCollection().find(filter)) {
            Binary data = document.get("token", Binary.class);
            String type = document.getString("tokenType");
            TrackingToken token = data == null || type == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, type, null));
            Number timestamp = document.get("timestamp", Number.class);
            found.computeIfAbsent(document.getString("processorName"), name -> new TreeMap<>())
                    .put(document.getInteger("segment"), new StoredSegment(token, document.getString("owner"),
                            timestamp == null ? Instant.EPOCH : Instant.ofEpochMilli(timestamp.longValue())));
        }
        return found;
    }

    @Override
    public Set<Long> written(Collection<Long> positions) {
        Set<Long> written = new HashSet<>();
        if (!positions.isEmpty()) {
            for (Document document : events.find(Filters.in("_id", new ArrayList<>(positions)))
                    .projection(Projections.include("_id"))) {
                written.add(document.get("_id", Number.class).longValue());
            }
        }
        return written;
    }

    @Override
    public boolean free(String processor, int segment, String owner, Instant claimedAt) {
        return template.trackingTokensCollection().updateOne(Filters.and(
                        Filters.eq("processorName", processor), Filters.eq("segment", segment),
                        Filters.eq("owner", owner), Filters.eq("timestamp", claimedAt.toEpochMilli())),
                Updates.set("owner", null)).getModifiedCount() == 1;
    }

    @Override
    public TokenStore claimant(String owner) {
        return claimants.computeIfAbsent(owner, name -> MongoTokenStore.builder()
                .mongoTemplate(template)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(name)
                .build());
    }
}
