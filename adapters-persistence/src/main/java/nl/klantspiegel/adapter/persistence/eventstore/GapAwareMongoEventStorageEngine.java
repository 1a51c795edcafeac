package nl.klantspiegel.adapter.persistence.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import nl.klantspiegel.adapter.persistence.durability.WriteDurability;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

/**
 * An Axon event storage engine for MongoDB on the design of Axon's JDBC engine: every event is one document
 * whose {@code _id} is its <em>global position</em>, allocated in order from a counter; tracking uses
 * {@link GapAwareTrackingToken}s.
 *
 * <p>Every read a tracking processor makes is a lookup by {@code _id} ({@code _id: {$in: [...]}}) over the
 * positions it expects next plus the open gaps: never a range scan. That matters because the embedded
 * database (mongo-java-server) answers only {@code _id} lookups from an index and scans the collection for
 * everything else, so tracking costs the same at 200,000 events as at 2,000. A real MongoDB answers the same
 * lookups from the same index.
 *
 * <h2>Appending</h2>
 * Positions for a batch are reserved with one atomic {@code $inc} on the counter document, then the events are
 * inserted in order. A unique index on (aggregate identifier, sequence number) makes a concurrent append fail
 * as a whole with Axon's {@code ConcurrencyException}; a unique index on the event identifier keeps events
 * unique. Without transactions, an insert that fails half-way removes the events it did write. An append
 * returns only once it is durable ({@link WriteDurability}).
 *
 * <h2>Gaps</h2>
 * A position reserved but not (yet) written is a gap: a writer still busy, or one that failed. A tracking token
 * remembers gaps below its index and looks for them again with every fetch, so an event written late is still
 * delivered, once. As in Axon's JDBC engine, gaps are given up after a while: no gaps are kept behind events
 * older than the gap timeout, and when a token holds many gaps, those followed by an event older than the
 * timeout are dropped.
 *
 * <h2>Aggregates</h2>
 * Where each aggregate's events lie is kept in the {@link AggregateIndex}, so an aggregate is read, and its newest
 * sequence number known, by {@code _id} lookups alone (on the embedded database a query by aggregate scans the
 * collection). That makes the check every command's repository makes before it trusts its cached aggregate one
 * lookup. Snapshots, if used, are kept one per aggregate, by {@code _id}.
 *
 * <h2>Documents</h2>
 * Payload and metadata are stored readably: a JSON object as an embedded document, anything else as the
 * serialized string, with the payload's type and revision beside it.
 */
public class GapAwareMongoEventStorageEngine extends BatchingEventStorageEngine {

    static final String EVENTS = "events";
    static final String SNAPSHOTS = "snapshots";
    static final String POSITIONS = "eventPositions";
    private static final String COUNTER_ID = "last";
    private static final String COUNTER = "position";

    static final String AGGREGATE_IDENTIFIER = "aggregateIdentifier";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String EVENT_IDENTIFIER = "eventIdentifier";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";

    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> positions;
    private final AggregateIndex aggregateIndex;
    private final WriteDurability durability;
    private final long lowestGlobalSequence;
    private final int maxGapOffset;
    private final Duration gapTimeout;
    private final int gapCleaningThreshold;
    private final int probeSize;

    protected GapAwareMongoEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventsCollection);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection);
        this.positions = builder.database.getCollection(builder.positionsCollection);
        this.durability = builder.durability;
        this.lowestGlobalSequence = builder.lowestGlobalSequence;
        this.maxGapOffset = builder.maxGapOffset;
        this.gapTimeout = builder.gapTimeout;
        this.gapCleaningThreshold = builder.gapCleaningThreshold;
        this.probeSize = Math.max(batchSize(), 1000);
        this.aggregateIndex = new AggregateIndex(builder.database, builder.eventsCollection, builder.positionsCollection);
        ensureIndexes();
        ensureCounter();
        if (builder.indexOnStart) {
            aggregateIndex.completeUpTo(lastReservedPosition(), lowestGlobalSequence, probeSize);
            aggregateIndex.recordNewest(lastReservedPosition(), lowestGlobalSequence, probeSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private void ensureIndexes() {
        events.createIndex(Indexes.ascending(AGGREGATE_IDENTIFIER, SEQUENCE_NUMBER),
                new IndexOptions().unique(true).name("uniqueAggregateSequence"));
        events.createIndex(Indexes.ascending(EVENT_IDENTIFIER),
                new IndexOptions().unique(true).name("uniqueEventIdentifier"));
        // for createTokenAt on a real MongoDB; the embedded server ignores secondary indexes
        events.createIndex(Indexes.ascending(TIMESTAMP), new IndexOptions().name("timestamp"));
    }

    // ----- appending -----------------------------------------------------------------------------------

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        long first = reservePositions(events.size());
        List<Document> documents = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            documents.add(eventDocument(first + i, asDomainEventMessage(events.get(i)), serializer));
        }
        try {
            insert(documents);
        } catch (MongoBulkWriteException failed) {
            removeWritten(documents, failed.getWriteResult().getInsertedCount());
            repairIndexAfterCollision(failed, documents);
            handlePersistenceException(failed, events.get(0));
        } catch (MongoException failed) {
            repairIndexAfterCollision(failed, documents);
            handlePersistenceException(failed, events.get(0));
        }
        aggregateIndex.record(documents);
        durability.awaitDurable();
    }

    /**
     * An append that collides with an event its aggregate's index entry does not show (its writer died between
     * writing it and recording it) has that entry read again from the events, so the next attempt decides on it.
     * A collision with an event the index shows is an ordinary concurrent change and needs nothing.
     */
    private void repairIndexAfterCollision(MongoException failed, List<Document> documents) {
        if (!isDuplicateKey(failed)) {
            return;
        }
        Map<String, Long> firstSequence = new LinkedHashMap<>();
        for (Document document : documents) {
            firstSequence.merge(document.getString(AGGREGATE_IDENTIFIER),
                    document.get(SEQUENCE_NUMBER, Number.class).longValue(), Math::min);
        }
        firstSequence.forEach((aggregate, first) -> {
            if (aggregateIndex.last(aggregate).orElse(-1) < first) {
                aggregateIndex.repair(aggregate);
            }
        });
    }

    /** Writes the documents of one append, in position order; the seam where tests hold an appender back. */
    void insert(List<Document> documents) {
        events.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    /**
     * @return the first of {@code count} consecutive positions, reserved for this append alone
     *
     * <p>{@code findOneAndUpdate} with {@code $inc} is atomic in MongoDB, and in the embedded server too, which
     * serves each collection's writes one at a time: appenders in different processes (nodes sharing the embedded
     * database over its port) never get the same position (see {@code AggregateIndexTest}).
     */
    private long reservePositions(int count) {
        Document counter = positions.findOneAndUpdate(eq("_id", COUNTER_ID), Updates.inc(COUNTER, (long) count),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        long last = Objects.requireNonNull(counter, "the position counter is created at start")
                .get(COUNTER, Number.class).longValue();
        return last - count + 1 + (lowestGlobalSequence - 1);
    }

    /** Creates the position counter if it does not exist yet. */
    private void ensureCounter() {
        try {
            positions.updateOne(eq("_id", COUNTER_ID), Updates.setOnInsert(COUNTER, 0L),
                    new UpdateOptions().upsert(true));
        } catch (MongoException raced) {
            if (!isDuplicateKey(raced)) {
                throw raced;
            }
            // another process created it at the same moment
        }
    }

    /** The newest position reserved so far, or {@code lowestGlobalSequence - 1} when none is. */
    private long lastReservedPosition() {
        Document counter = positions.find(eq("_id", COUNTER_ID)).first();
        long reserved = counter == null ? 0 : counter.get(COUNTER, Number.class).longValue();
        return reserved + lowestGlobalSequence - 1;
    }

    /** An ordered insert stops at the first failure: undo what came before it, so no batch is half-stored. */
    private void removeWritten(List<Document> documents, int written) {
        if (written > 0) {
            List<Object> ids = documents.subList(0, written).stream().map(document -> document.get("_id")).toList();
            this.events.deleteMany(in("_id", ids));
        }
    }

    private static Document eventDocument(long position, DomainEventMessage<?> event, Serializer serializer) {
        return entryDocument(event, serializer).append("_id", position);
    }

    private static Document entryDocument(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document()
                .append(AGGREGATE_IDENTIFIER, event.getAggregateIdentifier())
                .append(SEQUENCE_NUMBER, event.getSequenceNumber())
                .append(AGGREGATE_TYPE, event.getType())
                .append(EVENT_IDENTIFIER, event.getIdentifier())
                .append(TIMESTAMP, Date.from(event.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, ReadableJson.toStored(payload.getData()))
                .append(META_DATA, ReadableJson.toStored(metaData.getData()));
    }

    // ----- snapshots -----------------------------------------------------------------------------------

    /** Keeps the newest snapshot of each aggregate, under the aggregate's identifier. */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document stored = snapshots.find(eq("_id", snapshot.getAggregateIdentifier()))
                .projection(Projections.include(SEQUENCE_NUMBER)).first();
        if (stored != null && stored.get(SEQUENCE_NUMBER, Number.class).longValue() >= snapshot.getSequenceNumber()) {
            return;
        }
        Document document = entryDocument(snapshot, serializer).append("_id", snapshot.getAggregateIdentifier());
        try {
            snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoException failed) {
            handlePersistenceException(failed, snapshot);
        }
        durability.awaitDurable();
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(domainEventData(snapshot));
    }

    // ----- aggregate streams ---------------------------------------------------------------------------

    /**
     * An aggregate's events from a sequence number on: their positions from the {@link AggregateIndex}, then the
     * events by {@code _id}. (While a store written before the index is being indexed: by querying the events.)
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        if (aggregateIndex.complete()) {
            List<Long> wanted = aggregateIndex.positions(aggregateIdentifier, firstSequenceNumber, batchSize);
            List<Document> found = byPositions(wanted);
            found.sort(Comparator.comparingLong(document -> document.get(SEQUENCE_NUMBER, Number.class).longValue()));
            return found.stream().map(this::domainEventData).toList();
        }
        return events.find(and(eq(AGGREGATE_IDENTIFIER, aggregateIdentifier),
                        gte(SEQUENCE_NUMBER, firstSequenceNumber)))
                .sort(Sorts.ascending(SEQUENCE_NUMBER))
                .limit(batchSize)
                .map(this::domainEventData)
                .into(new ArrayList<>());
    }

    /** From the {@link AggregateIndex}: one lookup by {@code _id}. */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        if (aggregateIndex.complete()) {
            OptionalLong last = aggregateIndex.last(aggregateIdentifier);
            return last.isPresent() ? Optional.of(last.getAsLong()) : Optional.empty();
        }
        Document last = events.find(eq(AGGREGATE_IDENTIFIER, aggregateIdentifier))
                .projection(Projections.include(SEQUENCE_NUMBER))
                .sort(Sorts.descending(SEQUENCE_NUMBER))
                .limit(1)
                .first();
        return Optional.ofNullable(last).map(document -> document.get(SEQUENCE_NUMBER, Number.class).longValue());
    }

    private DomainEventData<?> domainEventData(Document document) {
        return new GenericDomainEventEntry<>(
                document.getString(AGGREGATE_TYPE),
                document.getString(AGGREGATE_IDENTIFIER),
                document.get(SEQUENCE_NUMBER, Number.class).longValue(),
                document.getString(EVENT_IDENTIFIER),
                document.getDate(TIMESTAMP).toInstant(),
                document.getString(PAYLOAD_TYPE),
                document.getString(PAYLOAD_REVISION),
                ReadableJson.fromStored(document.get(PAYLOAD)),
                ReadableJson.fromStored(document.get(META_DATA)));
    }

    // ----- tracking ------------------------------------------------------------------------------------

    /**
     * The events after {@code lastToken}: those in the open gaps plus the next {@code batchSize} positions,
     * all fetched by {@code _id}. When those positions hold nothing yet although later ones are reserved
     * (a run of failed or unfinished appends longer than a batch), the following positions are probed the
     * same way, up to the newest reserved one.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Token " + lastToken + " is not a GapAwareTrackingToken");
        }
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken;
        if (token != null && token.getGaps().size() > gapCleaningThreshold) {
            token = withoutExpiredGaps(token);
        }
        long index = token == null ? lowestGlobalSequence - 1 : token.getIndex();
        long newest = lastReservedPosition();

        TreeSet<Long> wanted = new TreeSet<>(token == null ? List.of() : token.getGaps());
        long windowEnd = Math.min(index + batchSize, newest);
        LongStream.rangeClosed(index + 1, windowEnd).forEach(wanted::add);
        List<Document> found = byPositions(wanted);
        long probedUpTo = windowEnd;
        while (probedUpTo < newest && found.stream().noneMatch(document -> position(document) > index)) {
            long probeEnd = Math.min(probedUpTo + probeSize, newest);
            List<Long> probe = LongStream.rangeClosed(probedUpTo + 1, probeEnd).boxed().toList();
            wanted.addAll(probe);
            found.addAll(byPositions(probe));
            probedUpTo = probeEnd;
        }
        found.addAll(missedWhileWritten(wanted, found));
        found.sort(Comparator.comparingLong(GapAwareMongoEventStorageEngine::position));

        List<TrackedEventData<?>> result = new ArrayList<>(found.size());
        GapAwareTrackingToken previous = token;
        Instant gapTimeoutFrame = gapTimeoutFrame();
        for (Document document : found) {
            long position = position(document);
            boolean keepGaps = document.getDate(TIMESTAMP).toInstant().isAfter(gapTimeoutFrame);
            GapAwareTrackingToken next = previous == null
                    ? GapAwareTrackingToken.newInstance(position, keepGaps
                    ? LongStream.range(Math.min(lowestGlobalSequence, position), position).boxed().toList()
                    : List.of())
                    : previous.advanceTo(position, keepGaps ? maxGapOffset : 0);
            result.add(new TrackedDomainEventData<>(next, trackedEntry(document)));
            previous = next;
        }
        return result;
    }

    /**
     * A read looks its positions up one after the other while an insert makes its events visible one after the
     * other, so a read that overlaps an append can miss an early event of it and still find a later one — the
     * start of an assessment missed, its completion found. Handing that out would deliver one aggregate's events
     * out of order (the reports benchmark saw four completions arrive before their starts in 200,000 events). An
     * append writes in position order, so whatever it wrote below an event found was written before that event was
     * found: asking once more for the missing positions below the newest one found gets them. What is still missing
     * then belongs to appends that have not written it yet — true gaps, for other aggregates.
     */
    private List<Document> missedWhileWritten(Collection<Long> wanted, List<Document> found) {
        long newestFound = found.stream().mapToLong(GapAwareMongoEventStorageEngine::position).max().orElse(Long.MIN_VALUE);
        Set<Long> have = new HashSet<>();
        found.forEach(document -> have.add(position(document)));
        List<Long> missed = wanted.stream().filter(position -> position < newestFound && !have.contains(position))
                .toList();
        return missed.isEmpty() ? List.of() : byPositions(missed);
    }

    /** Looks events up by position ({@code _id $in}); the seam where tests make a read miss an event. */
    List<Document> byPositions(Collection<Long> wanted) {
        if (wanted.isEmpty()) {
            return new ArrayList<>();
        }
        return events.find(in("_id", wanted)).into(new ArrayList<>());
    }

    private static long position(Document document) {
        return document.get("_id", Number.class).longValue();
    }

    /** A non-domain event is stored under its own identifier as aggregate identifier, as Axon's JDBC engine does. */
    static DomainEventData<?> trackedEntry(Document document) {
        String aggregateIdentifier = document.getString(AGGREGATE_IDENTIFIER);
        String eventIdentifier = document.getString(EVENT_IDENTIFIER);
        return new GenericDomainEventEntry<>(
                document.getString(AGGREGATE_TYPE),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                document.get(SEQUENCE_NUMBER, Number.class).longValue(),
                eventIdentifier,
                document.getDate(TIMESTAMP).toInstant(),
                document.getString(PAYLOAD_TYPE),
                document.getString(PAYLOAD_REVISION),
                ReadableJson.fromStored(document.get(PAYLOAD)),
                ReadableJson.fromStored(document.get(META_DATA)));
    }

    /**
     * Gives up gaps that will never be filled: a gap followed by an event older than the gap timeout was
     * reserved before that event, so its writer has had longer than the timeout to write it.
     */
    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        SortedSet<Long> gaps = token.getGaps();
        List<Long> followers = gaps.stream().map(gap -> gap + 1).filter(next -> !gaps.contains(next)).toList();
        List<Document> found = events.find(in("_id", followers))
                .projection(Projections.include(TIMESTAMP))
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
        Instant frame = gapTimeoutFrame();
        GapAwareTrackingToken cleaned = token;
        for (Document follower : found) {
            if (follower.getDate(TIMESTAMP).toInstant().isAfter(frame)) {
                break;
            }
            cleaned = cleaned.withGapsTruncatedAt(position(follower));
        }
        return cleaned;
    }

    private Instant gapTimeoutFrame() {
        return GenericEventMessage.clock.instant().minus(gapTimeout);
    }

    // ----- tokens --------------------------------------------------------------------------------------

    /** Before the first event; {@code null} (from the very start) when there are none. */
    @Override
    public TrackingToken createTailToken() {
        return lastReservedPosition() < lowestGlobalSequence
                ? null
                : GapAwareTrackingToken.newInstance(lowestGlobalSequence - 1, List.of());
    }

    /**
     * After the newest event written. Positions reserved before it but not yet written become gaps, and
     * reserved positions after it are not passed, so events of appends still under way are not skipped.
     */
    @Override
    public TrackingToken createHeadToken() {
        long newest = lastReservedPosition();
        if (newest < lowestGlobalSequence) {
            return null;
        }
        long recentStart = Math.max(lowestGlobalSequence, newest - batchSize() + 1);
        TreeSet<Long> unwritten = LongStream.rangeClosed(recentStart, newest)
                .boxed().collect(Collectors.toCollection(TreeSet::new));
        long newestWritten = recentStart - 1;
        for (Document document : byPositions(unwritten)) {
            newestWritten = Math.max(newestWritten, position(document));
            unwritten.remove(position(document));
        }
        return GapAwareTrackingToken.newInstance(newestWritten, unwritten.headSet(newestWritten));
    }

    /**
     * Just before the first event (by position) stored at or after {@code dateTime}; the head when there is
     * none. A rare call: on the embedded database this query scans the events.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(gte(TIMESTAMP, Date.from(dateTime)))
                .projection(Projections.include("_id"))
                .sort(Sorts.ascending("_id"))
                .limit(1)
                .first();
        if (first == null) {
            return createHeadToken();
        }
        return GapAwareTrackingToken.newInstance(position(first) - 1, List.of());
    }

    // ----- errors --------------------------------------------------------------------------------------

    /** MongoDB's duplicate key error, as a single write or within a bulk write. */
    static boolean isDuplicateKey(Exception exception) {
        if (exception instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        if (exception instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return exception instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY;
    }

    /** Builds the engine; the database and both serializers are required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = EVENTS;
        private String snapshotsCollection = SNAPSHOTS;
        private String positionsCollection = POSITIONS;
        private WriteDurability durability = WriteDurability.BY_WRITE_CONCERN;
        private long lowestGlobalSequence = 1;
        private int maxGapOffset = 10_000;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int gapCleaningThreshold = 250;
        private boolean indexOnStart = true;
        private boolean eventSerializerSet;
        private boolean snapshotSerializerSet;

        protected Builder() {
            persistenceExceptionResolver(GapAwareMongoEventStorageEngine::isDuplicateKey);
        }

        public Builder database(MongoDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        public Builder collections(String events, String snapshots, String positions) {
            this.eventsCollection = Objects.requireNonNull(events, "events");
            this.snapshotsCollection = Objects.requireNonNull(snapshots, "snapshots");
            this.positionsCollection = Objects.requireNonNull(positions, "positions");
            return this;
        }

        /** What an append waits for before it returns; by default the write concern of the client. */
        public Builder durability(WriteDurability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** How long a reserved position may stay unwritten before trackers give it up (default 60 s). */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = Objects.requireNonNull(gapTimeout, "gapTimeout");
            return this;
        }

        /** How many gaps a token may hold before expired ones are looked for (default 250). */
        public Builder gapCleaningThreshold(int gapCleaningThreshold) {
            this.gapCleaningThreshold = gapCleaningThreshold;
            return this;
        }

        /** How far below its index a token keeps gaps (default 10,000). */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** For tests: an engine that leaves the aggregate index as it finds it (as one written before it did). */
        Builder withoutAggregateIndex() {
            this.indexOnStart = false;
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            eventSerializerSet = true;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            snapshotSerializerSet = true;
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        /** Refuses to fall back to Axon's default XStream serializer, which fails on Java records. */
        @Override
        protected void validate() {
            if (database == null) {
                throw new AxonConfigurationException("The MongoDB database is required");
            }
            if (!eventSerializerSet || !snapshotSerializerSet) {
                throw new AxonConfigurationException("Both the event and the snapshot serializer are required");
            }
            super.validate();
        }

        public GapAwareMongoEventStorageEngine build() {
            return new GapAwareMongoEventStorageEngine(this);
        }
    }
}
