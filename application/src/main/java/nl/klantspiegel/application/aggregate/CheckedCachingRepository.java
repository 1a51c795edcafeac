package nl.klantspiegel.application.aggregate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's event-sourcing repository with a cache that is checked against the store before every use, so that a command
 * is decided on the aggregate as it is stored, whichever node handles it.
 *
 * <p>Several nodes append to one event store. A cached aggregate may miss what another node appended since, and a
 * decision made on it would be wrong; worse, a decision that appends nothing (choosing again the option the stale copy
 * holds; admitting a respondent into a round another node closed) would never be checked by the store at all. So before
 * a cached aggregate is used, the store is asked for the aggregate's newest sequence number — one lookup by {@code _id}
 * in the event store's aggregate index — and the copy is used only when it has exactly that version; otherwise the
 * aggregate is read from its events. What the check cannot see (an append by another node between the check and this
 * command's own append) the store refuses at the append: a {@code ConcurrencyException}, which the command bus tries
 * again a bounded number of times. A command that appends nothing is decided on a state that was current at the check.
 *
 * <p>A copy is kept after each command that committed, and dropped when one rolls back. Bounded (Caffeine's Window
 * TinyLFU keeps the aggregates in use).
 *
 * @param <T> the aggregate's type
 */
public final class CheckedCachingRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache<String, Cached<T>> cache;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong read = new AtomicLong();

    private CheckedCachingRepository(Builder<T> builder, EventStore eventStore, long maximumSize) {
        super(builder);
        this.eventStore = eventStore;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /**
     * @param builder     Axon's builder, with the aggregate's type, model and event store set
     * @param eventStore  the same event store: asked for the newest sequence number of an aggregate
     * @param maximumSize how many aggregates are kept at most
     */
    public static <T> CheckedCachingRepository<T> of(Builder<T> builder, EventStore eventStore, long maximumSize) {
        return new CheckedCachingRepository<>(builder.eventStore(eventStore), Objects.requireNonNull(eventStore),
                maximumSize);
    }

    /** A copy of an aggregate after a committed command, and the version it has then. */
    private record Cached<T>(AggregateCacheEntry<T> entry, long version) {
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> cache.invalidate(aggregateIdentifier));
        Cached<T> cached = cache.getIfPresent(aggregateIdentifier);
        if (cached != null && cached.version() == storedVersion(aggregateIdentifier)) {
            used.incrementAndGet();
            return cached.entry().recreateAggregate(aggregateModel(), eventStore, NoSnapshotTriggerDefinition.INSTANCE);
        }
        read.incrementAndGet();
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    private long storedVersion(String aggregateIdentifier) {
        return eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(-1L);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        String identifier = aggregate.identifierAsString();
        Long version = aggregate.version();
        CurrentUnitOfWork.get().onRollback(unitOfWork -> cache.invalidate(identifier));
        if (identifier != null && version != null) {
            cache.put(identifier, new Cached<>(new AggregateCacheEntry<>(aggregate), version));
        }
    }

    /** How often a cached copy was current and used. */
    public long used() {
        return used.get();
    }

    /** How often the aggregate was read from its events (none cached, or the copy was behind the store). */
    public long read() {
        return read.get();
    }
}
