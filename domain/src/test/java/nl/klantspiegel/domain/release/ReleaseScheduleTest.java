package nl.klantspiegel.domain.release;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseScheduleTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private final ReleaseSchedule hourly = new ReleaseSchedule(ReleaseSchedule.HOURLY, AMSTERDAM);

    @Test
    void a_cutoff_is_the_last_whole_period() {
        assertThat(hourly.cutoffAt(Instant.parse("2026-03-02T10:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(hourly.cutoffAt(Instant.parse("2026-03-02T11:00:00Z"))).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(new ReleaseSchedule(Duration.ofMinutes(15), AMSTERDAM).cutoffAt(Instant.parse("2026-03-02T11:29:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T11:15:00Z"));
        assertThat(hourly.cutoffAt(Instant.parse("1969-12-31T23:30:00Z"))).as("before the epoch: down, not to zero")
                .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
    }

    @Test
    void catching_up_tries_every_midnight_then_the_last_whole_period() {
        // since 1 March 10:00 UTC, now 4 March 09:30 UTC: midnights (Amsterdam, UTC+1) of 2, 3 and 4 March, then 09:00
        assertThat(hourly.catchUp(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-04T09:30:00Z")))
                .containsExactly(Instant.parse("2026-03-01T23:00:00Z"), Instant.parse("2026-03-02T23:00:00Z"),
                        Instant.parse("2026-03-03T23:00:00Z"), Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(hourly.catchUp(Instant.parse("2026-03-04T08:00:00Z"), Instant.parse("2026-03-04T09:30:00Z")))
                .containsExactly(Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(hourly.catchUp(Instant.parse("2026-03-04T09:00:00Z"), Instant.parse("2026-03-04T09:30:00Z")))
                .as("nothing after the last cutoff yet").isEmpty();
        // a midnight within a period of now is left to the last cutoff
        assertThat(hourly.catchUp(Instant.parse("2026-03-03T20:00:00Z"), Instant.parse("2026-03-03T23:30:00Z")))
                .containsExactly(Instant.parse("2026-03-03T23:00:00Z"));
    }

    @Test
    void releases_are_made_every_second_to_every_day() {
        assertThatThrownBy(() -> new ReleaseSchedule(Duration.ofMillis(999), AMSTERDAM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReleaseSchedule(Duration.ofDays(1).plusSeconds(1), AMSTERDAM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReleaseSchedule(Duration.ofSeconds(1), AMSTERDAM).every()).hasSeconds(1);
        assertThat(new ReleaseSchedule(Duration.ofDays(1), AMSTERDAM).every()).hasDays(1);
        assertThatThrownBy(() -> new ReleaseSchedule(null, AMSTERDAM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ReleaseSchedule(ReleaseSchedule.HOURLY, null))
                .isInstanceOf(NullPointerException.class);
    }
}
