package nl.klantspiegel.domain.instrument;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A band range holds the totals from its lower to its upper limit, both included, and is never empty. */
class BandRangeTest {

    @Test
    void both_limits_belong_to_the_range() {
        BandRange average = new BandRange(Band.AVERAGE, 13, 22);

        assertThat(average.contains(12)).isFalse();
        assertThat(average.contains(13)).isTrue();
        assertThat(average.contains(17)).isTrue();
        assertThat(average.contains(22)).isTrue();
        assertThat(average.contains(23)).isFalse();
    }

    @Test
    void a_range_of_a_single_total_is_allowed() {
        BandRange high = new BandRange(Band.HIGH, 30, 30);

        assertThat(high.contains(29)).isFalse();
        assertThat(high.contains(30)).isTrue();
        assertThat(high.contains(31)).isFalse();
    }

    @Test
    void a_lower_limit_above_the_upper_limit_is_refused() {
        assertThatThrownBy(() -> new BandRange(Band.LOW, 13, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty band range 13..12");
    }

    @Test
    void a_range_needs_a_band() {
        assertThatThrownBy(() -> new BandRange(null, 6, 12))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("band");
    }

    @Test
    void the_bands_cover_the_scale_once_each_rising_from_low_to_high() {
        BandRange.requireCover(List.of(new BandRange(Band.LOW, 6, 14), new BandRange(Band.AVERAGE, 15, 22),
                new BandRange(Band.HIGH, 23, 30)), 6, 30);
        BandRange.requireCover(List.of(new BandRange(Band.HIGH, 30, 30), new BandRange(Band.LOW, 6, 6),
                new BandRange(Band.AVERAGE, 7, 29)), 6, 30);

        assertThatThrownBy(() -> BandRange.requireCover(List.of(new BandRange(Band.LOW, 23, 30),
                new BandRange(Band.AVERAGE, 15, 22), new BandRange(Band.HIGH, 6, 14)), 6, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("band AVERAGE (15..22) lies below band LOW (23..30): the bands rise in the order LOW, "
                        + "AVERAGE, HIGH");
        assertThatThrownBy(() -> BandRange.requireCover(List.of(new BandRange(Band.LOW, 6, 14),
                new BandRange(Band.AVERAGE, 23, 30), new BandRange(Band.HIGH, 15, 22)), 6, 30))
                .hasMessage("band HIGH (15..22) lies below band AVERAGE (23..30): the bands rise in the order LOW, "
                        + "AVERAGE, HIGH");
        assertThatThrownBy(() -> BandRange.requireCover(List.of(new BandRange(Band.LOW, 6, 14),
                new BandRange(Band.AVERAGE, 15, 22)), 6, 30))
                .hasMessage("band HIGH has 0 ranges; every band needs one");
    }
}
