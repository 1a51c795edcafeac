package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.report.Statistics.Difference;
import nl.klantspiegel.domain.report.Statistics.Interval;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Mean and sample variance of integer scores; the 97.5 % quantile of Student's t distribution, checked
 * against published tables, exact closed forms and numerical integration of the t density; and the 95 %
 * confidence intervals of a mean and (Welch) of a difference of two means.
 */
class StatisticsTest {

    /** For values that follow from exact arithmetic on a few numbers. */
    private static final Offset<Double> EXACT = within(1e-12);
    /** For values from tables printed with 9 decimals. */
    private static final Offset<Double> NINE_DECIMALS = within(1e-9);
    private static final double NORMAL_QUANTILE_975 = 1.959963984540054;

    @Nested
    class MeanAndVariance {

        private final int[] scores = {2, 4, 4, 4, 5, 5, 7, 9};

        @Test
        void the_mean_and_variance_of_a_known_dataset() {
            // deviations from 5: -3 -1 -1 -1 0 0 2 4, squares sum to 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32
            assertThat(Statistics.mean(scores)).isCloseTo(5, EXACT);
            assertThat(Statistics.sampleVariance(scores)).isCloseTo(32.0 / 7, EXACT);
        }

        @Test
        void the_mean_is_not_rounded_to_an_integer() {
            assertThat(Statistics.mean(new int[] {-3, 4})).isCloseTo(0.5, EXACT);
            assertThat(Statistics.mean(new int[] {1, 2, 2})).isCloseTo(5.0 / 3, EXACT);
        }

        @Test
        void the_mean_of_large_scores_does_not_overflow() {
            assertThat(Statistics.mean(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE})).isEqualTo(Integer.MAX_VALUE);
        }

        @Test
        void a_single_value_is_its_own_mean() {
            assertThat(Statistics.mean(new int[] {7})).isEqualTo(7);
        }

        @Test
        void equal_values_have_no_variance() {
            assertThat(Statistics.sampleVariance(new int[] {5, 5, 5})).isEqualTo(0);
        }

        @Test
        void the_variance_of_two_values_divides_by_one() {
            // mean 1 000 000 002, deviations -1 and 1: (1 + 1) / (2 - 1)
            assertThat(Statistics.sampleVariance(new int[] {1_000_000_001, 1_000_000_003})).isCloseTo(2, EXACT);
        }

        @Test
        void an_empty_array_has_no_mean() {
            assertThatThrownBy(() -> Statistics.mean(new int[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("needs at least 1 value, got 0");
        }

        @Test
        void a_sample_variance_needs_two_values() {
            assertThatThrownBy(() -> Statistics.sampleVariance(new int[] {3}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("needs at least 2 values, got 1");
            assertThatThrownBy(() -> Statistics.sampleVariance(new int[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("needs at least 2 values, got 0");
        }
    }

    @Nested
    class StudentsTQuantile {

        @ParameterizedTest(name = "t(0.975; {0}) = {1}")
        @CsvSource({
                "1, 12.706204736",
                "2, 4.302652730",
                "3, 3.182446305",
                "4, 2.776445105",
                "5, 2.570581836",
                "10, 2.228138852",
                "29, 2.045229642",
                "30, 2.042272456",
                "100, 1.983971519",
                "1000, 1.962339081"})
        void the_quantile_matches_the_published_tables(double df, double published) {
            assertThat(Statistics.tQuantile975(df)).isCloseTo(published, NINE_DECIMALS);
        }

        @Test
        void the_quantile_matches_the_closed_forms_for_one_and_two_degrees_of_freedom() {
            // df 1 is the Cauchy distribution: t = tan(π (0.975 - 1/2)); df 2: t = (2p - 1) / √(2p (1 - p))
            assertThat(Statistics.tQuantile975(1)).isCloseTo(Math.tan(0.475 * Math.PI), EXACT);
            assertThat(Statistics.tQuantile975(2)).isCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), EXACT);
        }

        @ParameterizedTest(name = "df {0}")
        @ValueSource(ints = {3, 4, 7, 10, 30, 101, 1000, 9999, 10_000, 10_001, 100_000})
        void the_central_probability_up_to_the_quantile_is_95_percent(int df) {
            double t = Statistics.tQuantile975(df);

            assertThat(twoSidedProbability(t, df)).isCloseTo(0.95, EXACT);
        }

        @Test
        void a_fractional_df_gives_the_quantile_of_the_t_density_integrated_numerically() {
            // Γ(5/4) = Γ(1/4) / 4 and Γ(7/4) = 3 Γ(3/4) / 4
            double t = Statistics.tQuantile975(2.5);

            assertThat(cumulativeByIntegration(t, 2.5, 0.75 * GAMMA_THREE_QUARTERS, 0.25 * GAMMA_QUARTER))
                    .isCloseTo(0.975, EXACT);
            assertThat(t).isBetween(Statistics.tQuantile975(3), Statistics.tQuantile975(2));
            assertThat(t).isCloseTo(3.574654842, NINE_DECIMALS);
        }

        @Test
        void half_a_degree_of_freedom_gives_the_quantile_of_the_t_density_integrated_numerically() {
            double t = Statistics.tQuantile975(0.5);

            // a quantile off by 1e-6 would move this probability by 7.6e-11
            assertThat(cumulativeByIntegration(t, 0.5, GAMMA_THREE_QUARTERS, GAMMA_QUARTER))
                    .isCloseTo(0.975, within(1e-12));
        }

        @Test
        void the_gamma_values_used_by_the_integration_are_right() {
            // Euler's reflection formula: Γ(1/4) Γ(3/4) = π / sin(π/4) = π √2
            assertThat(GAMMA_QUARTER * GAMMA_THREE_QUARTERS).isCloseTo(Math.PI * Math.sqrt(2), within(1e-15));
        }

        @Test
        void the_quantile_falls_with_the_degrees_of_freedom_towards_the_normal_quantile() {
            double previous = Double.POSITIVE_INFINITY;
            for (double df = 0.5; df < 1e6; df *= 1.1) {
                double t = Statistics.tQuantile975(df);
                assertThat(t).as("df %s", df).isLessThan(previous).isGreaterThan(NORMAL_QUANTILE_975);
                previous = t;
            }
        }

        @Test
        void a_large_df_adds_the_first_correction_to_the_normal_quantile() {
            // z + (z³ + z) / (4 df) for df = 10⁶ is 1.959966356812; the next term, 2.8e-12, is beyond these decimals
            assertThat(Statistics.tQuantile975(1e6)).isCloseTo(1.959966357, NINE_DECIMALS);
        }

        @Test
        void a_huge_df_gives_the_normal_quantile() {
            assertThat(Statistics.tQuantile975(1e12)).isCloseTo(1.959963985, NINE_DECIMALS);
            assertThat(Statistics.tQuantile975(1e15)).isCloseTo(NORMAL_QUANTILE_975, within(1e-14));
            assertThat(Statistics.tQuantile975(Double.POSITIVE_INFINITY)).isEqualTo(NORMAL_QUANTILE_975);
        }

        @Test
        void a_tiny_df_has_a_quantile_beyond_the_range_of_double() {
            assertThat(Statistics.tQuantile975(0.01)).isFinite().isGreaterThan(1e100);
            assertThat(Statistics.tQuantile975(0.001)).isEqualTo(Double.POSITIVE_INFINITY);
        }

        @ParameterizedTest(name = "df {0}")
        @ValueSource(doubles = {0, -0.0, -1, Double.NEGATIVE_INFINITY, Double.NaN})
        void degrees_of_freedom_must_be_positive(double df) {
            assertThatThrownBy(() -> Statistics.tQuantile975(df))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("degrees of freedom must be positive: " + df);
        }
    }

    @Nested
    class ConfidenceIntervalOfTheMean {

        @Test
        void the_interval_is_the_mean_plus_and_minus_t_times_the_standard_error() {
            // mean 16; squared deviations 16 + 4 + 0 + 4 + 16 = 40, s² = 40 / 4 = 10; s / √n = √(10 / 5) = √2;
            // half-width t(0.975; 4) √2 = 2.776445105 · 1.414213562 = 3.926486323
            Interval interval = Statistics.meanConfidenceInterval(new int[] {12, 14, 16, 18, 20}).orElseThrow();

            assertThat(interval.low()).isCloseTo(16 - 3.926486323, NINE_DECIMALS);
            assertThat(interval.high()).isCloseTo(16 + 3.926486323, NINE_DECIMALS);
        }

        @Test
        void the_interval_of_unsorted_scores_uses_n_minus_one_degrees_of_freedom() {
            // mean 5, s² = 32 / 7, s / √n = √(32 / 56) = 0.755928946; t(0.975; 7) = 2.364624252; half-width 1.787496
            Interval interval = Statistics.meanConfidenceInterval(new int[] {9, 4, 2, 5, 4, 7, 4, 5}).orElseThrow();

            double halfWidth = 2.364624252 * Math.sqrt(32.0 / 56);
            assertThat(interval.low()).isCloseTo(5 - halfWidth, NINE_DECIMALS);
            assertThat(interval.high()).isCloseTo(5 + halfWidth, NINE_DECIMALS);
        }

        @Test
        void two_values_give_an_interval_with_one_degree_of_freedom() {
            // mean 2, s² = (1 + 1) / 1 = 2, s / √n = 1; half-width t(0.975; 1) = 12.706204736
            Interval interval = Statistics.meanConfidenceInterval(new int[] {1, 3}).orElseThrow();

            assertThat(interval.low()).isCloseTo(2 - 12.706204736, NINE_DECIMALS);
            assertThat(interval.high()).isCloseTo(2 + 12.706204736, NINE_DECIMALS);
        }

        @Test
        void equal_values_give_an_interval_of_one_point() {
            assertThat(Statistics.meanConfidenceInterval(new int[] {3, 3, 3})).contains(new Interval(3, 3));
        }

        @Test
        void fewer_than_two_values_give_no_interval() {
            assertThat(Statistics.meanConfidenceInterval(new int[] {5})).isEmpty();
            assertThat(Statistics.meanConfidenceInterval(new int[0])).isEmpty();
        }
    }

    @Nested
    class DifferenceOfMeans {

        /** Mean 5, s² = (4 + 0 + 4) / 2 = 4, s² / n = 4/3. */
        private final int[] three = {3, 5, 7};
        /** Mean 4, s² = (9 + 4 + 1 + 0 + 1 + 4 + 9) / 6 = 14/3, s² / n = 2/3. */
        private final int[] seven = {1, 2, 3, 4, 5, 6, 7};

        @Test
        void welch_uses_the_welch_satterthwaite_degrees_of_freedom() {
            // standard error² 4/3 + 2/3 = 2; df = 2² / ((4/3)² / 2 + (2/3)² / 6) = 4 / (8/9 + 2/27) = 4 / (26/27) = 54/13
            Difference difference = Statistics.differenceOfMeans(three, seven).orElseThrow();

            assertThat(difference.estimate()).isCloseTo(1, EXACT);
            assertThat(difference.degreesOfFreedom()).isCloseTo(54.0 / 13, EXACT);
            double halfWidth = Statistics.tQuantile975(54.0 / 13) * Math.sqrt(2);
            assertThat(difference.ci95().low()).isCloseTo(1 - halfWidth, EXACT);
            assertThat(difference.ci95().high()).isCloseTo(1 + halfWidth, EXACT);
            assertThat(halfWidth).isBetween(2.570581836 * Math.sqrt(2), 2.776445105 * Math.sqrt(2));
            assertThat(difference.significant()).isFalse();
        }

        @Test
        void a_clear_difference_is_significant() {
            // means 3 and 6, s² = 10/4 = 2.5 for both, s² / n = 0.5 each; standard error √1 = 1;
            // df = 1² / (0.5² / 4 + 0.5² / 4) = 1 / 0.125 = 8; t(0.975; 8) = 2.306004135
            Difference difference = Statistics.differenceOfMeans(new int[] {1, 2, 3, 4, 5}, new int[] {4, 5, 6, 7, 8})
                    .orElseThrow();

            assertThat(difference.estimate()).isCloseTo(-3, EXACT);
            assertThat(difference.degreesOfFreedom()).isCloseTo(8, EXACT);
            assertThat(difference.ci95().low()).isCloseTo(-3 - 2.306004135, NINE_DECIMALS);
            assertThat(difference.ci95().high()).isCloseTo(-3 + 2.306004135, NINE_DECIMALS);
            assertThat(difference.significant()).isTrue();
        }

        @Test
        void a_sample_without_variance_leaves_the_degrees_of_freedom_of_the_other() {
            // 5 - 4 = 1; standard error √(0 + 2/3); df = (2/3)² / ((2/3)² / 6) = 6; t(0.975; 6) = 2.446911851
            Difference difference = Statistics.differenceOfMeans(new int[] {5, 5, 5}, seven).orElseThrow();

            assertThat(difference.degreesOfFreedom()).isCloseTo(6, EXACT);
            double halfWidth = 2.446911851 * Math.sqrt(2.0 / 3);
            assertThat(difference.ci95().low()).isCloseTo(1 - halfWidth, NINE_DECIMALS);
            assertThat(difference.ci95().high()).isCloseTo(1 + halfWidth, NINE_DECIMALS);
        }

        @Test
        void without_any_variance_the_interval_is_the_difference_itself() {
            assertThat(Statistics.differenceOfMeans(new int[] {4, 4, 4}, new int[] {2, 2}))
                    .contains(new Difference(2, new Interval(2, 2), 3));
            assertThat(Statistics.differenceOfMeans(new int[] {4, 4, 4}, new int[] {2, 2}).orElseThrow().significant())
                    .isTrue();
            assertThat(Statistics.differenceOfMeans(new int[] {3, 3}, new int[] {3, 3, 3, 3}))
                    .contains(new Difference(0, new Interval(0, 0), 4));
        }

        @Test
        void swapping_the_samples_negates_the_difference_and_its_interval() {
            Difference forward = Statistics.differenceOfMeans(three, seven).orElseThrow();
            Difference backward = Statistics.differenceOfMeans(seven, three).orElseThrow();

            assertThat(backward).isEqualTo(new Difference(
                    -forward.estimate(),
                    new Interval(-forward.ci95().high(), -forward.ci95().low()),
                    forward.degreesOfFreedom()));
        }

        @Test
        void a_sample_of_fewer_than_two_values_gives_no_difference() {
            assertThat(Statistics.differenceOfMeans(new int[] {1}, three)).isEmpty();
            assertThat(Statistics.differenceOfMeans(three, new int[] {1})).isEmpty();
            assertThat(Statistics.differenceOfMeans(new int[0], new int[0])).isEmpty();
        }
    }

    @Nested
    class Intervals {

        @Test
        void both_ends_belong_to_the_interval() {
            Interval interval = new Interval(-1.5, 2);

            assertThat(interval.contains(-1.5000001)).isFalse();
            assertThat(interval.contains(-1.5)).isTrue();
            assertThat(interval.contains(0.25)).isTrue();
            assertThat(interval.contains(2)).isTrue();
            assertThat(interval.contains(2.0000001)).isFalse();
        }

        @Test
        void an_interval_excludes_zero_only_when_zero_lies_outside_it() {
            assertThat(new Interval(-1, 1).excludesZero()).isFalse();
            assertThat(new Interval(0, 1).excludesZero()).isFalse();
            assertThat(new Interval(-1, 0).excludesZero()).isFalse();
            assertThat(new Interval(0.001, 1).excludesZero()).isTrue();
            assertThat(new Interval(-1, -0.001).excludesZero()).isTrue();
        }

        @Test
        void an_interval_may_be_a_single_point() {
            assertThat(new Interval(3, 3).contains(3)).isTrue();
        }

        @Test
        void the_low_end_may_not_lie_above_the_high_end() {
            assertThatThrownBy(() -> new Interval(2, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an interval: [2.0, 1.0]");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
        void both_ends_must_be_finite(double end) {
            assertThatThrownBy(() -> new Interval(end, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Interval(0, end)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_difference_is_significant_when_its_interval_excludes_zero() {
            assertThat(new Difference(1, new Interval(0.5, 1.5), 3).significant()).isTrue();
            assertThat(new Difference(1, new Interval(-0.5, 2.5), 3).significant()).isFalse();
        }

        @Test
        void a_difference_needs_an_interval() {
            assertThatThrownBy(() -> new Difference(1, null, 3))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("ci95");
        }
    }

    private static final double GAMMA_QUARTER = 3.625609908221908;
    private static final double GAMMA_THREE_QUARTERS = 1.2254167024651776;

    /**
     * P(|T| &lt; t) for integer df, from the finite series of Abramowitz &amp; Stegun 26.7.3 (even df) and 26.7.4
     * (odd df), with θ = atan(t / √df).
     */
    private static double twoSidedProbability(double t, int df) {
        double theta = Math.atan(t / Math.sqrt(df));
        double cos = Math.cos(theta);
        if (df % 2 == 0) {
            // sin θ (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + ... + 1·3···(df-3)/(2·4···(df-2)) cos^(df-2)θ)
            double term = 1;
            double sum = 1;
            for (int k = 1; k <= df / 2 - 1; k++) {
                term *= (2.0 * k - 1) / (2 * k) * cos * cos;
                sum += term;
            }
            return Math.sin(theta) * sum;
        }
        // 2/π (θ + sin θ (cos θ + 2/3 cos³θ + ... + 2·4···(df-3)/(1·3···(df-2)) cos^(df-2)θ)), the sum empty for df 1
        double term = cos;
        double sum = df > 1 ? cos : 0;
        for (int k = 1; k <= (df - 3) / 2; k++) {
            term *= 2.0 * k / (2 * k + 1) * cos * cos;
            sum += term;
        }
        return 2 / Math.PI * (theta + Math.sin(theta) * sum);
    }

    /**
     * P(T &lt;= t) for t &gt;= 0: 1/2 plus the t density integrated from 0 to t with Simpson's rule, the density being
     * Γ((df + 1) / 2) / (√(df π) Γ(df / 2)) (1 + x² / df)^(-(df + 1) / 2).
     */
    private static double cumulativeByIntegration(double t, double df, double gammaOfHalfDfPlusHalf, double gammaOfHalfDf) {
        double constant = gammaOfHalfDfPlusHalf / (Math.sqrt(df * Math.PI) * gammaOfHalfDf);
        int intervals = 200_000;
        double h = t / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double x = i * h;
            double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.pow(1 + x * x / df, -(df + 1) / 2);
        }
        return 0.5 + constant * sum * h / 3;
    }
}
