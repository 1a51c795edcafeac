package nl.klantspiegel.application.assessment;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.function.Supplier;

/**
 * Axon's aggregate cache on Caffeine: a bounded map that keeps the assessments used recently and often (Caffeine's
 * Window TinyLFU eviction), so an assessment in use is found in memory rather than rebuilt from its events. (Axon
 * ships no bounded in-memory cache; its {@code WeakReferenceCache} loses entries at the next garbage collection.)
 *
 * <p>For aggregates only: entry listeners are not supported, and a supplier that gives {@code null} stores
 * nothing; Axon's caching repository relies on neither (its saga store would).
 */
public final class AggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    public AggregateCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, ignored -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, java.util.function.UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (ignored, value) -> update.apply((V) value));
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
