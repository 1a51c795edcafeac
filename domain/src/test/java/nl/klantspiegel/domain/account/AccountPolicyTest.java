package nl.klantspiegel.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An activation link works seven days; a personal API token works 90 days unless another validity of at least a
 * second and at most 365 days is asked for.
 */
class AccountPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-11-22T09:00:00Z");
    private static final String REFUSAL = "A token is valid for at least a second and at most 365 days.";

    @Test
    void an_activation_link_works_seven_days() {
        assertThat(AccountPolicy.activationExpiry(ISSUED)).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
    }

    @Test
    void a_token_works_90_days_by_default() {
        assertThat(AccountPolicy.tokenExpiry(ISSUED, null)).isEqualTo(Instant.parse("2027-02-20T09:00:00Z"));
    }

    @Test
    void a_token_works_as_long_as_asked() {
        assertThat(AccountPolicy.tokenExpiry(ISSUED, Duration.ofDays(30)))
                .isEqualTo(Instant.parse("2026-12-22T09:00:00Z"));
        assertThat(AccountPolicy.tokenExpiry(ISSUED, Duration.ofSeconds(1))).isEqualTo(ISSUED.plusSeconds(1));
    }

    @Test
    void a_token_works_at_most_365_days() {
        assertThat(AccountPolicy.tokenExpiry(ISSUED, Duration.ofDays(365)))
                .isEqualTo(Instant.parse("2027-11-22T09:00:00Z"));
        assertThatThrownBy(() -> AccountPolicy.tokenExpiry(ISSUED, Duration.ofDays(365).plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(REFUSAL);
        assertThatThrownBy(() -> AccountPolicy.tokenExpiry(ISSUED, Duration.ofDays(366)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(REFUSAL);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -86_400})
    void a_token_valid_for_no_time_or_less_is_refused(long seconds) {
        assertThatThrownBy(() -> AccountPolicy.tokenExpiry(ISSUED, Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(REFUSAL);
    }

    @ParameterizedTest(name = "[{index}] {0} ns")
    @ValueSource(longs = {1, 1_000, 999_000_000, 999_999_999})
    void a_token_valid_for_less_than_a_second_is_refused(long nanos) {
        assertThatThrownBy(() -> AccountPolicy.tokenExpiry(ISSUED, Duration.ofNanos(nanos)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(REFUSAL);
    }

    @Test
    void a_token_valid_for_exactly_a_second_is_accepted() {
        assertThat(AccountPolicy.tokenExpiry(ISSUED, Duration.ofMillis(1_000))).isEqualTo(ISSUED.plusSeconds(1));
        assertThat(AccountPolicy.tokenExpiry(ISSUED, Duration.ofSeconds(1).plusNanos(1)))
                .isEqualTo(ISSUED.plusSeconds(1).plusNanos(1));
    }
}
