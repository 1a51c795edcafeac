package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.SignInThrottles;
import nl.klantspiegel.application.port.out.SignInThrottles.Versioned;
import nl.klantspiegel.domain.account.SignInThrottle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SignInThrottles} promises, held to the MongoDB adapter and the in-memory fake alike: nothing kept is
 * {@link Versioned#ABSENT}; a replacement is a compare-and-set against the version read (the absent one included), so
 * that of two writers who read the same version exactly one wins; each replacement gives a new version; keys are apart.
 */
public abstract class SignInThrottlesContract {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private SignInThrottles throttles;

    /** A new store without throttles. */
    protected abstract SignInThrottles newThrottles();

    @BeforeEach
    void noThrottles() {
        throttles = newThrottles();
    }

    @Test
    void nothing_kept_is_absent() {
        assertThat(throttles.find("account:x")).isEqualTo(Versioned.ABSENT);
    }

    @Test
    void the_first_write_expects_the_absent_version_and_is_read_back_with_a_new_one() {
        SignInThrottle once = SignInThrottle.none().failedAt(NOW);

        assertThat(throttles.replace("account:x", Versioned.ABSENT.version(), once, LATER)).isTrue();

        Versioned stored = throttles.find("account:x");
        assertThat(stored.throttle()).isEqualTo(once);
        assertThat(stored.version()).isNotEqualTo(Versioned.ABSENT.version());
        assertThat(throttles.find("address:y")).as("keys are apart").isEqualTo(Versioned.ABSENT);
    }

    @Test
    void of_two_writers_that_read_the_same_version_exactly_one_wins() {
        throttles.replace("account:x", Versioned.ABSENT.version(), SignInThrottle.none().failedAt(NOW), LATER);
        Versioned read = throttles.find("account:x");
        SignInThrottle twice = read.throttle().failedAt(NOW.plusSeconds(1));

        assertThat(throttles.replace("account:x", read.version(), twice, LATER)).isTrue();
        assertThat(throttles.replace("account:x", read.version(), read.throttle().succeeded(), LATER))
                .as("the second writer read a version that is gone").isFalse();

        Versioned now = throttles.find("account:x");
        assertThat(now.throttle()).isEqualTo(twice);
        assertThat(now.version()).isNotEqualTo(read.version());
    }

    @Test
    void a_first_write_to_a_key_written_meanwhile_fails() {
        throttles.replace("account:x", Versioned.ABSENT.version(), SignInThrottle.none().failedAt(NOW), LATER);

        assertThat(throttles.replace("account:x", Versioned.ABSENT.version(),
                SignInThrottle.none().failedAt(NOW.plusSeconds(2)), LATER)).isFalse();
        assertThat(throttles.find("account:x").throttle()).isEqualTo(SignInThrottle.none().failedAt(NOW));
    }

    @Test
    void a_write_against_a_version_never_given_fails_and_stores_nothing() {
        assertThat(throttles.replace("account:x", 12_345, SignInThrottle.none().failedAt(NOW), LATER)).isFalse();
        assertThat(throttles.find("account:x")).isEqualTo(Versioned.ABSENT);
    }
}
