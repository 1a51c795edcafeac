package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.testing.InMemoryReadModelVersions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answering versions as this node knows them: never a value read longer than the bound ago. */
class ActiveVersionsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    final AtomicLong nanos = new AtomicLong(-5 * SECOND); // nanoTime may be negative
    final InMemoryReadModelVersions versions = new InMemoryReadModelVersions();
    final ActiveVersions active = new ActiveVersions(versions, Duration.ofSeconds(1), nanos::get);

    @Test
    void a_version_is_read_from_the_store_and_used_until_it_is_as_old_as_the_bound() {
        versions.active.put("reports", 3);
        assertThat(active.version("reports")).isEqualTo(3);
        versions.active.put("reports", 4);

        nanos.addAndGet(SECOND - 1);
        assertThat(active.version("reports")).as("read less than a second ago").isEqualTo(3);
        assertThat(versions.reads()).isEqualTo(1);
        nanos.addAndGet(1);
        assertThat(active.version("reports")).as("read a second ago: read again").isEqualTo(4);
        assertThat(versions.reads()).isEqualTo(2);
        assertThat(active.bound()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_refresh_reads_every_projection_at_once_and_is_dated_by_when_it_began() {
        versions.active.put("reports", 2);
        active.refresh(List.of("reports", "audit-trail"));
        versions.active.put("reports", 3);

        nanos.addAndGet(SECOND / 2);
        assertThat(active.version("reports")).isEqualTo(2);
        assertThat(active.version("audit-trail")).isZero();
        assertThat(versions.reads()).isEqualTo(1);
        assertThat(active.answering()).isEqualTo(Map.of("reports", 2, "audit-trail", 0));
    }

    @Test
    void an_older_read_that_ends_late_does_not_replace_a_newer_one() {
        InMemoryReadModelVersions slow = new InMemoryReadModelVersions() {
            @Override
            public synchronized int active(String projection) {
                int version = super.active(projection);
                if (version == 1) { // meanwhile the timer read the newer version
                    active.put(projection, 2);
                    nanos.addAndGet(10);
                    refreshed.refresh(List.of(projection));
                }
                return version;
            }
        };
        refreshed = new ActiveVersions(slow, Duration.ofSeconds(1), nanos::get);
        slow.active.put("reports", 1);

        assertThat(refreshed.version("reports")).as("what was read later wins").isEqualTo(2);
        assertThat(refreshed.answering()).containsEntry("reports", 2);
    }

    private ActiveVersions refreshed;

    @Test
    void forgetting_makes_the_next_use_read_again_also_over_a_read_that_began_before() {
        versions.active.put("reports", 1);
        assertThat(active.version("reports")).isEqualTo(1);
        versions.active.put("reports", 2);

        active.forget("reports");

        assertThat(active.answering()).doesNotContainKey("reports");
        assertThat(active.version("reports")).isEqualTo(2);
        assertThat(versions.reads()).isEqualTo(2);
    }

    @Test
    void a_forgotten_projection_is_read_again_even_when_a_read_from_before_ends_after() {
        InMemoryReadModelVersions racing = new InMemoryReadModelVersions() {
            int calls;

            @Override
            public synchronized int active(String projection) {
                if (calls++ == 0) {
                    nanos.incrementAndGet();
                    forgetful.forget(projection); // a switch on this node while the first read was under way
                    active.put(projection, 5);
                    return 4;
                }
                return super.active(projection);
            }
        };
        forgetful = new ActiveVersions(racing, Duration.ofSeconds(1), nanos::get);

        assertThat(forgetful.version("reports")).isEqualTo(5);
    }

    private ActiveVersions forgetful;

    @Test
    void the_bound_must_be_positive_and_everything_given() {
        assertThatThrownBy(() -> new ActiveVersions(versions, Duration.ZERO, nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ActiveVersions(versions, Duration.ofMillis(-1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> new ActiveVersions(null, Duration.ofSeconds(1), nanos::get))
                .withMessage("versions");
        assertThatNullPointerException().isThrownBy(() -> new ActiveVersions(versions, null, nanos::get))
                .withMessage("bound");
        assertThatNullPointerException().isThrownBy(() -> new ActiveVersions(versions, Duration.ofSeconds(1), null))
                .withMessage("nanoTime");
    }
}
