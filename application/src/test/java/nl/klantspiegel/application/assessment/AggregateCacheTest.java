package nl.klantspiegel.application.assessment;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aggregate cache keeps Axon's {@link Cache} contract as Axon's caching repository uses it, stays within its
 * bound, and refuses entry listeners (which it does not support).
 */
class AggregateCacheTest {

    private final AggregateCache cache = new AggregateCache(100);

    @Test
    void an_entry_put_is_found_and_replaced_by_the_next_put() {
        assertThat(cache.<String, String>get("a")).isNull();
        assertThat(cache.containsKey("a")).isFalse();

        cache.put("a", "first");
        assertThat(cache.<String, String>get("a")).isEqualTo("first");
        assertThat(cache.containsKey("a")).isTrue();

        cache.put("a", "second");
        assertThat(cache.<String, String>get("a")).isEqualTo("second");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void put_if_absent_keeps_the_entry_there_is() {
        assertThat(cache.putIfAbsent("a", "first")).isTrue();
        assertThat(cache.putIfAbsent("a", "second")).isFalse();
        assertThat(cache.<String, String>get("a")).isEqualTo("first");
    }

    @Test
    void compute_if_absent_supplies_only_a_missing_entry() {
        AtomicInteger supplied = new AtomicInteger();

        assertThat(cache.computeIfAbsent("a", () -> "computed-" + supplied.incrementAndGet())).isEqualTo("computed-1");
        assertThat(cache.<String, String>get("a")).isEqualTo("computed-1");

        assertThat(cache.computeIfAbsent("a", () -> "computed-" + supplied.incrementAndGet())).isEqualTo("computed-1");
        assertThat(supplied).hasValue(1);
    }

    @Test
    void remove_says_whether_there_was_an_entry() {
        cache.put("a", "value");
        cache.put("b", "other");

        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.<String, String>get("a")).isNull();
        assertThat(cache.containsKey("b")).isTrue();
    }

    @Test
    void remove_all_empties_the_cache() {
        cache.put("a", "value");
        cache.put("b", "other");

        cache.removeAll();

        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void size_counts_the_entries() {
        assertThat(cache.size()).isZero();
        cache.put("a", "value");
        cache.put("b", "other");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void the_cache_evicts_down_to_its_maximum_size() {
        AggregateCache bounded = new AggregateCache(3);
        for (int i = 0; i < 200; i++) {
            bounded.put("key-" + i, i);
        }

        assertThat(bounded.size()).isEqualTo(3);
        long found = 0;
        for (int i = 0; i < 200; i++) {
            found += bounded.containsKey("key-" + i) ? 1 : 0;
        }
        assertThat(found).isEqualTo(3);
    }

    @Test
    void compute_if_present_updates_only_an_entry_there_is() {
        cache.put("a", 1);

        cache.<Integer>computeIfPresent("a", value -> value + 1);
        cache.<Integer>computeIfPresent("b", value -> value + 1);

        assertThat(cache.<String, Integer>get("a")).isEqualTo(2);
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void entry_listeners_are_refused() {
        assertThatThrownBy(() -> cache.registerCacheEntryListener(new Cache.EntryListenerAdapter()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no entry listeners");
    }
}
