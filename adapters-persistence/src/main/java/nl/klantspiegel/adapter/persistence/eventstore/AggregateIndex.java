package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Where each aggregate's events lie in the log: one document per aggregate, found by {@code _id} (the aggregate's
 * identifier), {@code {_id, last, seq: {"0": position, "1": position, ...}}}. It lets an aggregate be read, and its
 * newest sequence number be known, with lookups by {@code _id} alone: the one kind of lookup the embedded database
 * answers from an index (it scans its events for a query by aggregate). On a real MongoDB the same lookups are as
 * cheap as its compound index.
 *
 * <p>The events are the truth; this is kept beside them. An append writes its events first and this afterwards,
 * before it is acknowledged, so an acknowledged event is always in it. A process that dies between the two leaves its
 * last events out of it until they are found again: by the start of any node (which looks at the newest events of the
 * log) or by the next append to that aggregate, which collides with them on the unique (aggregate, sequence) index
 * and has the aggregate's entries read again from the events. Every write here is idempotent ({@code $set} of a
 * sequence number's position, {@code $max} of the last), so writers in different processes never undo each other.
 *
 * <p>Stores written before this index existed get it once, at the first start: until it is complete, aggregates are
 * read by querying the events, as before.
 */
final class AggregateIndex {

    static final String COLLECTION = "aggregates";
    /** In the positions collection: present once every event written before this index existed is in it. */
    static final String COMPLETE_ID = "aggregateIndex";
    static final String LAST = "last";
    static final String SEQ = "seq";

    private static final System.Logger LOG = System.getLogger(AggregateIndex.class.getName());

    private final MongoCollection<Document> index;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> positions;
    /** Once complete, always complete: the only thing this process remembers of it. */
    private volatile boolean complete;

    AggregateIndex(MongoDatabase database, String eventsCollection, String positionsCollection) {
        this.index = database.getCollection(COLLECTION);
        this.events = database.getCollection(eventsCollection);
        this.positions = database.getCollection(positionsCollection);
    }

    /** Whether every event is in the index (else aggregates are read by querying the events). */
    boolean complete() {
        if (!complete && positions.find(eq("_id", COMPLETE_ID)).first() != null) {
            complete = true;
        }
        return complete;
    }

    /**
     * Makes the index complete if it is not yet: every event of the log up to the newest reserved position is
     * recorded, window by window, then the index is marked complete. Idempotent; several processes may do it at once.
     */
    void completeUpTo(long newestReserved, long lowest, int window) {
        if (complete()) {
            return;
        }
        long started = System.nanoTime();
        long recorded = 0;
        for (long from = lowest; from <= newestReserved; from += window) {
            List<Long> wanted = LongStream.rangeClosed(from, Math.min(from + window - 1, newestReserved)).boxed()
                    .toList();
            List<Document> found = events.find(in("_id", wanted))
                    .projection(Projections.include("_id", GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER,
                            GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER,
                            GapAwareMongoEventStorageEngine.AGGREGATE_TYPE,
                            GapAwareMongoEventStorageEngine.EVENT_IDENTIFIER))
                    .into(new ArrayList<>());
            recorded += record(found);
        }
        positions.updateOne(eq("_id", COMPLETE_ID), Updates.set("at", new java.util.Date()),
                new UpdateOptions().upsert(true));
        complete = true;
        if (recorded > 0) {
            LOG.log(System.Logger.Level.INFO, "Aggregate index made for {0} stored events in {1} ms", recorded,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Records where the given events lie (documents of the events collection). Events of no aggregate (stored under
     * their own identifier) are left out.
     *
     * @return how many events were recorded
     */
    int record(Collection<Document> stored) {
        Map<String, List<Document>> byAggregate = new LinkedHashMap<>();
        for (Document event : stored) {
            if (ofAnAggregate(event)) {
                byAggregate.computeIfAbsent(event.getString(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER),
                        id -> new ArrayList<>()).add(event);
            }
        }
        if (byAggregate.isEmpty()) {
            return 0;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byAggregate.size());
        int recorded = 0;
        for (Map.Entry<String, List<Document>> aggregate : byAggregate.entrySet()) {
            List<Bson> updates = new ArrayList<>();
            long last = -1;
            for (Document event : aggregate.getValue()) {
                long sequence = event.get(GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER, Number.class).longValue();
                updates.add(Updates.set(SEQ + "." + sequence, event.get("_id", Number.class).longValue()));
                last = Math.max(last, sequence);
                recorded++;
            }
            updates.add(Updates.max(LAST, last));
            writes.add(new UpdateOneModel<>(eq("_id", aggregate.getKey()), Updates.combine(updates),
                    new UpdateOptions().upsert(true)));
        }
        index.bulkWrite(writes);
        return recorded;
    }

    /** Whether a stored event belongs to an aggregate; an event of none is stored under its own identifier. */
    private static boolean ofAnAggregate(Document event) {
        String aggregate = event.getString(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER);
        return aggregate != null && !aggregate.equals(event.getString(GapAwareMongoEventStorageEngine.EVENT_IDENTIFIER));
    }

    /** The newest sequence number of an aggregate as the index knows it; empty when it has no events. */
    OptionalLong last(String aggregateId) {
        Document found = index.find(eq("_id", aggregateId)).projection(Projections.include(LAST)).first();
        return found == null ? OptionalLong.empty() : OptionalLong.of(found.get(LAST, Number.class).longValue());
    }

    /**
     * The positions of an aggregate's events from sequence number {@code first} on, in order, at most {@code max}:
     * up to the first sequence number the index does not know.
     */
    List<Long> positions(String aggregateId, long first, int max) {
        Document found = index.find(eq("_id", aggregateId)).first();
        if (found == null) {
            return List.of();
        }
        Document sequences = found.get(SEQ, Document.class);
        List<Long> positions = new ArrayList<>();
        for (long sequence = first; positions.size() < max; sequence++) {
            Object position = sequences.get(Long.toString(sequence));
            if (position == null) {
                break;
            }
            positions.add(((Number) position).longValue());
        }
        return positions;
    }

    /**
     * The positions of several aggregates' events, each from sequence number 0 up to the first one the index does not
     * know; aggregates without events are left out. One lookup ({@code _id $in}).
     */
    Map<String, List<Long>> positions(Collection<String> aggregateIds) {
        Map<String, List<Long>> positions = new LinkedHashMap<>();
        if (aggregateIds.isEmpty()) {
            return positions;
        }
        index.find(in("_id", aggregateIds)).forEach(found -> {
            Document sequences = found.get(SEQ, Document.class);
            List<Long> own = new ArrayList<>();
            for (long sequence = 0; sequences != null; sequence++) {
                Object position = sequences.get(Long.toString(sequence));
                if (position == null) {
                    break;
                }
                own.add(((Number) position).longValue());
            }
            positions.put(found.getString("_id"), own);
        });
        return positions;
    }

    /**
     * Reads an aggregate's entries again from its events: after an append collided with an event the index did not
     * show (a process that died after writing its events), so that the next attempt sees them. On the embedded
     * database this query scans the events; it is only made when an append collides.
     */
    void repair(String aggregateId) {
        record(events.find(Filters.eq(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER, aggregateId))
                .projection(Projections.include("_id", GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER,
                        GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER, GapAwareMongoEventStorageEngine.EVENT_IDENTIFIER))
                .sort(Sorts.ascending(GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER))
                .into(new ArrayList<>()));
    }

    /**
     * Records the newest events of the log again (what a process that died while appending may have left out):
     * the {@code window} positions up to the newest reserved one. Cheap: lookups by {@code _id}, writes only for what
     * is missing.
     */
    void recordNewest(long newestReserved, long lowest, int window) {
        List<Long> wanted = LongStream.rangeClosed(Math.max(lowest, newestReserved - window + 1), newestReserved)
                .boxed().toList();
        if (wanted.isEmpty()) {
            return;
        }
        List<Document> found = events.find(in("_id", wanted))
                .projection(Projections.include("_id", GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER,
                        GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER, GapAwareMongoEventStorageEngine.EVENT_IDENTIFIER))
                .into(new ArrayList<>());
        Map<String, Document> known = new TreeMap<>();
        List<String> aggregates = found.stream().filter(AggregateIndex::ofAnAggregate)
                .map(event -> event.getString(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER)).distinct().toList();
        if (aggregates.isEmpty()) {
            return;
        }
        index.find(in("_id", aggregates)).forEach(document -> known.put(document.getString("_id"), document));
        List<Document> missing = found.stream().filter(AggregateIndex::ofAnAggregate).filter(event -> {
            Document entry = known.get(event.getString(GapAwareMongoEventStorageEngine.AGGREGATE_IDENTIFIER));
            return entry == null || entry.get(SEQ, Document.class) == null
                    || !entry.get(SEQ, Document.class).containsKey(Long.toString(
                    event.get(GapAwareMongoEventStorageEngine.SEQUENCE_NUMBER, Number.class).longValue()));
        }).toList();
        if (!missing.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0} newest events were not in the aggregate index (a process died "
                    + "while appending them); recorded now", missing.size());
            record(missing);
        }
    }
}
