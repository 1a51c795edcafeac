package nl.klantspiegel.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Five tries are free; after the fifth failure the next try waits 1 second after the last failure, and every further
 * failure doubles the wait (2 s, 4 s, ...) up to 15 minutes. A success clears it all.
 */
class SignInThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    /** {@code failures} failed tries, the last at {@link #T0}. */
    private static SignInThrottle after(int failures) {
        SignInThrottle throttle = SignInThrottle.none();
        for (int i = 1; i <= failures; i++) {
            throttle = throttle.failedAt(T0.minusSeconds(failures - i));
        }
        return throttle;
    }

    @Test
    void without_failures_a_try_is_allowed_at_once() {
        assertThat(SignInThrottle.none()).isEqualTo(new SignInThrottle(0, null));
        assertThat(SignInThrottle.none().allows(T0)).isTrue();
    }

    @Test
    void a_failure_is_counted_with_its_moment() {
        assertThat(SignInThrottle.none().failedAt(T0)).isEqualTo(new SignInThrottle(1, T0));
        assertThat(after(3)).isEqualTo(new SignInThrottle(3, T0));
    }

    @Test
    void the_fifth_try_after_four_failures_is_allowed_at_once() {
        assertThat(after(4).allows(T0)).isTrue();
        assertThat(after(4).nextTryAllowedAt()).isBefore(T0);
    }

    @Test
    void the_sixth_try_after_five_failures_waits_one_second() {
        SignInThrottle throttle = after(5);

        assertThat(throttle.nextTryAllowedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(throttle.allows(T0)).isFalse();
        assertThat(throttle.allows(T0.plusSeconds(1).minusNanos(1))).isFalse();
        assertThat(throttle.allows(T0.plusSeconds(1))).isTrue();
    }

    @ParameterizedTest(name = "after {0} failures the next try waits {1} s")
    @CsvSource({
            "5, 1",
            "6, 2",
            "7, 4",
            "8, 8",
            "12, 128",
            "14, 512",
            "15, 900",
            "16, 900",
            "30, 900",
            "1000, 900"})
    void the_wait_doubles_with_each_failure_up_to_15_minutes(int failures, long seconds) {
        assertThat(after(failures).nextTryAllowedAt()).isEqualTo(T0.plusSeconds(seconds));
    }

    @Test
    void the_longest_wait_is_15_minutes() {
        assertThat(SignInThrottle.LONGEST_WAIT).isEqualTo(Duration.ofMinutes(15));
        assertThat(new SignInThrottle(Integer.MAX_VALUE - 1, T0).nextTryAllowedAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void the_wait_counts_from_the_last_failure() {
        SignInThrottle throttle = after(6).failedAt(T0.plusSeconds(60));

        assertThat(throttle.nextTryAllowedAt()).isEqualTo(T0.plusSeconds(64));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void failures_are_never_negative(int failures) {
        assertThatThrownBy(() -> new SignInThrottle(failures, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failures and the last failure go together: " + failures + ", null");
        assertThatThrownBy(() -> new SignInThrottle(failures, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failures and the last failure go together: " + failures + ", 2026-11-22T09:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 9})
    void failures_without_the_moment_of_the_last_are_refused(int failures) {
        assertThatThrownBy(() -> new SignInThrottle(failures, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failures and the last failure go together: " + failures + ", null");
    }

    @Test
    void a_last_failure_without_failures_is_refused() {
        assertThatThrownBy(() -> new SignInThrottle(0, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failures and the last failure go together: 0, 2026-11-22T09:00:00Z");
    }

    @Test
    void a_withdrawn_try_no_longer_counts_but_keeps_the_moment_of_the_last_failure() {
        assertThat(after(6).withdrawn()).isEqualTo(new SignInThrottle(5, T0));
        assertThat(after(2).withdrawn()).isEqualTo(new SignInThrottle(1, T0));
        assertThat(after(1).withdrawn()).isEqualTo(SignInThrottle.none());
        assertThat(SignInThrottle.none().withdrawn()).isEqualTo(SignInThrottle.none());
    }

    @Test
    void a_success_clears_the_failures() {
        SignInThrottle cleared = after(9).succeeded();

        assertThat(cleared).isEqualTo(SignInThrottle.none());
        assertThat(cleared.allows(T0)).isTrue();
        assertThat(cleared.failedAt(T0).allows(T0)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void an_address_has_twenty_free_tries_before_it_waits() {
        java.time.Instant at = java.time.Instant.parse("2026-11-22T10:00:00Z");
        SignInThrottle nineteen = new SignInThrottle(19, at);
        SignInThrottle twenty = new SignInThrottle(20, at);
        SignInThrottle twentyOne = new SignInThrottle(21, at);

        org.assertj.core.api.Assertions.assertThat(nineteen.nextTryAllowedAt(SignInThrottle.ADDRESS_FREE_TRIES))
                .isEqualTo(java.time.Instant.MIN);
        org.assertj.core.api.Assertions.assertThat(twenty.nextTryAllowedAt(SignInThrottle.ADDRESS_FREE_TRIES))
                .isEqualTo(at.plusSeconds(1));
        org.assertj.core.api.Assertions.assertThat(twentyOne.nextTryAllowedAt(SignInThrottle.ADDRESS_FREE_TRIES))
                .isEqualTo(at.plusSeconds(2));
        org.assertj.core.api.Assertions.assertThat(nineteen.nextTryAllowedAt()).isEqualTo(at.plus(SignInThrottle.LONGEST_WAIT));
    }
}
