package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import nl.klantspiegel.application.port.out.EventLog;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The event store read as a log, straight from its documents: windows of positions looked up by {@code _id} (the one
 * index the embedded database has), each event as stored (its payload's JSON and revision) and as the application
 * reads it today (deserialized through the upcasters).
 */
public final class MongoEventLog implements EventLog {

    /** How long a position reserved but not yet written may hold up an export's head. */
    static final Duration SETTLING = Duration.ofSeconds(2);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> positions;
    private final AggregateIndex index;
    private final Serializer serializer;
    private final Supplier<EventUpcaster> upcasters;

    public MongoEventLog(MongoDatabase database, Serializer serializer, Supplier<EventUpcaster> upcasters) {
        this.events = database.getCollection(GapAwareMongoEventStorageEngine.EVENTS);
        this.positions = database.getCollection(GapAwareMongoEventStorageEngine.POSITIONS);
        this.index = new AggregateIndex(database, GapAwareMongoEventStorageEngine.EVENTS,
                GapAwareMongoEventStorageEngine.POSITIONS);
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.upcasters = Objects.requireNonNull(upcasters, "upcasters");
    }

    /**
     * The newest position reserved, once the positions just below it are written: an append under way gets a moment
     * to finish, so an export that ends at the head leaves nothing behind it that a resumed export would miss. A
     * position still empty after {@link #SETTLING} belongs to an append that failed and is never written.
     */
    @Override
    public long head() {
        Document counter = positions.find(eq("_id", "last")).first();
        long reserved = counter == null ? 0 : counter.get("position", Number.class).longValue();
        long deadline = System.nanoTime() + SETTLING.toNanos();
        List<Long> recent = LongStream.rangeClosed(Math.max(1, reserved - 200), reserved).boxed().toList();
        while (System.nanoTime() < deadline) {
            Set<Long> written = new HashSet<>();
            events.find(in("_id", recent)).projection(Projections.include("_id"))
                    .forEach(document -> written.add(document.get("_id", Number.class).longValue()));
            if (written.size() == recent.size()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return reserved;
    }

    @Override
    public List<StoredEvent> read(long after, long upTo, int window) {
        long last = Math.min(after + window, upTo);
        if (last <= after) {
            return List.of();
        }
        List<Long> wanted = LongStream.rangeClosed(after + 1, last).boxed().toList();
        List<Document> found = events.find(in("_id", wanted)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(document -> document.get("_id", Number.class).longValue()));
        List<StoredEvent> read = new ArrayList<>(found.size());
        for (Document document : found) {
            read.add(stored(document));
        }
        return read;
    }

    /** By the {@link AggregateIndex}: lookups by {@code _id} (while a store is first indexed: a query). */
    @Override
    public List<StoredEvent> aggregate(String aggregateId) {
        if (index.complete()) {
            return aggregates(List.of(aggregateId)).getOrDefault(aggregateId, List.of());
        }
        List<StoredEvent> read = new ArrayList<>();
        events.find(eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, aggregateId))
                .sort(new Document(GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER, 1))
                .forEach(document -> read.add(stored(document)));
        return read;
    }

    /** By the {@link AggregateIndex}: two lookups by {@code _id} for all of them. */
    @Override
    public Map<String, List<StoredEvent>> aggregates(Collection<String> aggregateIds) {
        Map<String, List<StoredEvent>> read = new LinkedHashMap<>();
        if (!index.complete()) {
            aggregateIds.forEach(id -> read.put(id, aggregate(id)));
            read.values().removeIf(List::isEmpty);
            return read;
        }
        Map<String, List<Long>> positions = index.positions(aggregateIds);
        List<Long> wanted = positions.values().stream().flatMap(List::stream).toList();
        Map<Long, Document> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            events.find(in("_id", wanted)).forEach(document -> found.put(document.get("_id", Number.class).longValue(),
                    document));
        }
        for (String id : aggregateIds) {
            List<Long> own = positions.get(id);
            if (own == null || own.isEmpty()) {
                continue;
            }
            List<StoredEvent> events = new ArrayList<>(own.size());
            for (Long position : own) {
                Document document = found.get(position);
                if (document == null) {
                    break; // removed meanwhile: nothing after it is used
                }
                events.add(stored(document));
            }
            read.put(id, List.copyOf(events));
        }
        return read;
    }

    private StoredEvent stored(Document document) {
        DomainEventData<?> entry = GapAwareMongoEventStorageEngine.trackedEntry(document);
        String payloadType = document.getString(GapAwareMongoEventStorageEngine.PAYLOAD_TYPE);
        return new StoredEvent(
                document.get("_id", Number.class).longValue(),
                entry.getEventIdentifier(),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                document.getString(GapAwareMongoEventStorageEngine.PAYLOAD_REVISION),
                entry.getType(),
                entry.getAggregateIdentifier(),
                entry.getSequenceNumber(),
                entry.getTimestamp(),
                ReadableJson.fromStored(document.get(GapAwareMongoEventStorageEngine.PAYLOAD)),
                payload(entry));
    }

    /** The payload as the application reads it today; null when the upcasters dropped it. */
    private Object payload(DomainEventData<?> entry) {
        TrackedDomainEventData<?> tracked = new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(0), entry);
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(tracked),
                serializer, upcasters.get())) {
            return messages.findFirst().map(message -> (Object) message.getPayload()).orElse(null);
        }
    }
}
