package nl.klantspiegel.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void each_granularity_gives_the_period_that_holds_a_day_with_its_label() {
        LocalDate day = LocalDate.of(2026, 8, 20); // a Thursday in ISO week 34, the third quarter
        assertThat(Granularity.WEEK.periodOf(day)).isEqualTo(new Period(Granularity.WEEK, LocalDate.of(2026, 8, 17),
                LocalDate.of(2026, 8, 23), "2026-W34"));
        assertThat(Granularity.MONTH.periodOf(day)).isEqualTo(new Period(Granularity.MONTH, LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 8, 31), "2026-08"));
        assertThat(Granularity.QUARTER.periodOf(day)).isEqualTo(new Period(Granularity.QUARTER,
                LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30), "2026-Q3"));
        assertThat(Granularity.YEAR.periodOf(day)).isEqualTo(new Period(Granularity.YEAR, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), "2026"));
        assertThat(Granularity.QUARTER.periodOf(LocalDate.of(2026, 12, 31)).label()).isEqualTo("2026-Q4");
        assertThat(Granularity.QUARTER.periodOf(LocalDate.of(2026, 1, 1)).end()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void an_iso_week_belongs_to_its_week_based_year() {
        // Thursday 1 January 2026 lies in week 1 of 2026, which starts on Monday 29 December 2025
        Period week = Granularity.WEEK.periodOf(LocalDate.of(2025, 12, 29));
        assertThat(week.label()).isEqualTo("2026-W01");
        assertThat(week.contains(LocalDate.of(2026, 1, 4))).isTrue();
        assertThat(week.contains(LocalDate.of(2026, 1, 5))).isFalse();
        assertThat(week.contains(LocalDate.of(2025, 12, 28))).isFalse();
        assertThat(week.next().label()).isEqualTo("2026-W02");
    }

    @Test
    void the_periods_between_two_days_include_those_that_hold_them() {
        List<Period> months = Period.between(Granularity.MONTH, LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 1),
                10);
        assertThat(months).extracting(Period::label).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(Period.between(Granularity.YEAR, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 1), 1))
                .extracting(Period::label).containsExactly("2026");
        assertThatThrownBy(() -> Period.between(Granularity.MONTH, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 4, 1), 3)).hasMessageContaining("more than 3 periods of a month");
        assertThatThrownBy(() -> Period.between(Granularity.MONTH, LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 1, 31), 10)).hasMessageContaining("ends (2026-01-31) before it starts");
        assertThatThrownBy(() -> new Period(Granularity.WEEK, LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1),
                "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_granularity_is_read_by_its_name_in_any_case() {
        assertThat(Granularity.fromName("week")).isEqualTo(Granularity.WEEK);
        assertThat(Granularity.fromName(" Quarter ")).isEqualTo(Granularity.QUARTER);
        assertThat(Granularity.fromName("YEAR")).isEqualTo(Granularity.YEAR);
        assertThatThrownBy(() -> Granularity.fromName("decade")).hasMessageContaining("decade");
        assertThatThrownBy(() -> Granularity.fromName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_group_without_released_results_shows_none() {
        GroupKey key = GroupKey.round("R1");
        GroupFigures figures = GroupFigures.of(List.of(Completions.completed("A", "R1", "2026-01-14T10:00:00Z",
                "cccccc")));
        assertThat(new GroupReport(key, java.util.Optional.of(figures)).n()).isEqualTo(1);
        assertThat(new GroupReport(key, java.util.Optional.empty()).n()).isZero();
        assertThatThrownBy(() -> GroupFigures.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupReport(null, java.util.Optional.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GroupReport(key, null)).isInstanceOf(NullPointerException.class);
    }
}
