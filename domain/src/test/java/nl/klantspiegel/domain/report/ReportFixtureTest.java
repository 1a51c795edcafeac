package nl.klantspiegel.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;

/**
 * Every figure of a small organisation worked out by hand: 31 completed assessments over three months (January to
 * March 2026), two teams, two rounds, with suppressed cells.
 *
 * <p>Three answer patterns, scored with the score table (q1 a1 b3 c5, q2 a3 b5 c1, q3 a5 b1 c3, q4 a3 b5 c1,
 * q5 a3 b1 c5, q6 a1 b3 c5):
 * <ul>
 *   <li>HIGH "cbabcc": 5+5+5+5+5+5 = 30, columns a 5, b 10, c 15;</li>
 *   <li>MIDDLE "bacaab": 3+3+3+3+3+3 = 18, columns a 9, b 6, c 3;</li>
 *   <li>LOW "acbcba": 1+1+1+1+1+1 = 6, columns a 2, b 2, c 2.</li>
 * </ul>
 * Round R1 (January and February), round R2 (March); every month's answers on one Wednesday, so a week holds the same
 * assessments as its month:
 * <pre>
 *            team A                          team B
 * January    2 HIGH, 2 MIDDLE, 2 LOW  (6)    5 MIDDLE            (5)     R1
 * February   4 HIGH                   (4)    1 HIGH, 4 LOW       (5)     R1
 * March      4 HIGH, 2 MIDDLE         (6)    5 MIDDLE            (5)     R2
 * </pre>
 */
class ReportFixtureTest {

    private static final String HIGH = "cbabcc";
    private static final String MIDDLE = "bacaab";
    private static final String LOW = "acbcba";

    private static final List<Completion> COMPLETIONS = new Completions()
            .add(2, "A", "R1", "2026-01-14T10:00:00Z", HIGH)
            .add(2, "A", "R1", "2026-01-14T10:00:00Z", MIDDLE)
            .add(2, "A", "R1", "2026-01-14T10:00:00Z", LOW)
            .add(5, "B", "R1", "2026-01-14T11:00:00Z", MIDDLE)
            .add(4, "A", "R1", "2026-02-11T10:00:00Z", HIGH)
            .add(1, "B", "R1", "2026-02-11T11:00:00Z", HIGH)
            .add(4, "B", "R1", "2026-02-11T11:00:00Z", LOW)
            .add(4, "A", "R2", "2026-03-11T10:00:00Z", HIGH)
            .add(2, "A", "R2", "2026-03-11T10:00:00Z", MIDDLE)
            .add(5, "B", "R2", "2026-03-11T11:00:00Z", MIDDLE)
            .all();

    /** Made anew for every test: a basis keeps the figures it computed (which mutation testing must not reuse). */
    private final ReportBasis basis = ReportBasis.of(COMPLETIONS,
            Map.of("R1", Map.of("A", 11, "B", 12), "R2", Map.of("A", 6, "B", 5)), 5);

    private static Period month(int month) {
        return Granularity.MONTH.periodOf(LocalDate.of(2026, month, 1));
    }

    @Test
    void the_organisations_quarter_holds_every_figure_worked_out_by_hand() {
        GroupFigures quarter = shown(GroupKey.organisationIn(Granularity.QUARTER.periodOf(LocalDate.of(2026, 1, 1))));

        // 11 HIGH (30), 14 MIDDLE (18), 6 LOW (6): 330 + 252 + 36 = 618
        assertThat(quarter.n()).isEqualTo(31);
        assertThat(quarter.mean()).isCloseTo(618.0 / 31, within(1e-9));
        assertThat(quarter.median()).as("the 16th of 31: after 6 LOW, within the 14 MIDDLE").isEqualTo(18.0);
        assertThat(quarter.min()).isEqualTo(6);
        assertThat(quarter.max()).isEqualTo(30);
        // s^2 = (14652 - 618^2/31) / 30 = 77.72903; s/sqrt(31) = 1.583473; t(0.975; 30) = 2.042272
        assertThat(quarter.ci95().orElseThrow().low()).isCloseTo(618.0 / 31 - 2.042272456 * 1.583473441, within(1e-6));
        assertThat(quarter.ci95().orElseThrow().high()).isCloseTo(618.0 / 31 + 2.042272456 * 1.583473441,
                within(1e-6));
        assertThat(quarter.bands()).isEqualTo(Map.of(Band.LOW, 6, Band.AVERAGE, 14, Band.HIGH, 11));
        assertThat(quarter.bandPercent(Band.HIGH)).isCloseTo(100.0 * 11 / 31, within(1e-9));
        // columns: HIGH a5 b10 c15, MIDDLE a9 b6 c3, LOW a2 b2 c2
        assertThat(quarter.meanColumnA()).isCloseTo((11 * 5 + 14 * 9 + 6 * 2) / 31.0, within(1e-9));
        assertThat(quarter.meanColumnB()).isCloseTo((11 * 10 + 14 * 6 + 6 * 2) / 31.0, within(1e-9));
        assertThat(quarter.meanColumnC()).isCloseTo((11 * 15 + 14 * 3 + 6 * 2) / 31.0, within(1e-9));
        // every question scores 5, 3 or 1 in HIGH, MIDDLE and LOW: a sixth of the mean total each
        assertThat(quarter.questions()).hasSize(6);
        for (GroupFigures.QuestionFigures question : quarter.questions()) {
            assertThat(question.meanPoints()).as("question %d", question.question())
                    .isCloseTo(618.0 / 31 / 6, within(1e-9));
        }
        // question 1: HIGH c, MIDDLE b, LOW a
        assertThat(quarter.question(1).orElseThrow().options())
                .isEqualTo(Map.of(Option.C, 11, Option.B, 14, Option.A, 6));
        assertThat(quarter.question(1).orElseThrow().percent(Option.A)).isCloseTo(600.0 / 31, within(1e-9));
    }

    @Test
    void the_teams_quarters_and_the_organisations_months_are_shown() {
        GroupFigures a = shown(GroupKey.teamIn("A", Granularity.QUARTER.periodOf(LocalDate.of(2026, 1, 1))));
        assertThat(a.n()).isEqualTo(16);
        assertThat(a.mean()).isEqualTo(24.0); // 10 HIGH + 4 MIDDLE + 2 LOW = 300 + 72 + 12 = 384
        assertThat(a.median()).isEqualTo(30.0); // the 8th and 9th of 16 are both HIGH
        GroupFigures b = shown(GroupKey.teamIn("B", Granularity.QUARTER.periodOf(LocalDate.of(2026, 1, 1))));
        assertThat(b.mean()).isEqualTo(15.6); // 1 HIGH + 10 MIDDLE + 4 LOW = 30 + 180 + 24 = 234, / 15
        assertThat(b.median()).isEqualTo(18.0);
        GroupFigures february = shown(GroupKey.organisationIn(month(2)));
        assertThat(february.n()).isEqualTo(9);
        assertThat(february.mean()).isCloseTo(174.0 / 9, within(1e-9)); // 5 HIGH + 4 LOW
        assertThat(february.median()).isEqualTo(30.0);
        assertThat(shown(GroupKey.organisationIn(month(1))).mean()).isCloseTo((60 + 36 + 12 + 90) / 11.0,
                within(1e-9));
        assertThat(shown(GroupKey.teamIn("A", month(3))).mean()).isEqualTo(26.0); // 4 HIGH + 2 MIDDLE
        assertThat(shown(GroupKey.teamIn("B", month(3))).mean()).isEqualTo(18.0);
    }

    @Test
    void the_small_month_and_what_would_give_it_away_are_suppressed() {
        // A's February (4) is below the minimum. A's quarter minus its January and March would give it: January goes.
        // The organisation's January minus B's January would give A's January back: B's January goes; and the
        // organisation's February minus B's February is A's February: B's February goes. Weeks hold the same
        // assessments as their months here and go with them.
        assertThat(basis.report(GroupKey.teamIn("A", month(2))).suppression()).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(basis.report(GroupKey.teamIn("A", month(1))).suppression()).contains(SuppressionReason.COMPLEMENTARY);
        assertThat(basis.report(GroupKey.teamIn("B", month(1))).suppression()).contains(SuppressionReason.COMPLEMENTARY);
        assertThat(basis.report(GroupKey.teamIn("B", month(2))).suppression()).contains(SuppressionReason.COMPLEMENTARY);
        assertThat(basis.report(GroupKey.teamIn("A", Granularity.WEEK.periodOf(LocalDate.of(2026, 1, 14))))
                .suppression()).contains(SuppressionReason.COMPLEMENTARY);
        GroupReport hidden = basis.report(GroupKey.teamIn("A", month(2)));
        assertThat(hidden.n()).isEmpty();
        assertThat(hidden.figures()).isEmpty();
        long shownGroups = basis.floor().decisions().values().stream().filter(Optional::isEmpty).count();
        assertThat(shownGroups).as("of 30 groups with assessments").isEqualTo(22);
        assertThat(Attacker.seeing(COMPLETIONS, basis.floor(), group -> true).isolatedSmallSets()).isEmpty();
    }

    @Test
    void the_basis_knows_its_first_day_its_teams_and_its_minimum() {
        assertThat(basis.firstDay()).contains(LocalDate.of(2026, 1, 14));
        assertThat(basis.hasCompletionsOf("A")).isTrue();
        assertThat(basis.hasCompletionsOf("C")).isFalse();
        assertThat(basis.minimumGroupSize()).isEqualTo(5);
        assertThat(ReportBasis.of(List.of(), Map.of(), 3).firstDay()).isEmpty();
        assertThat(basis.report(GroupKey.teamIn("A", month(3)))).as("computed once, then kept")
                .isSameAs(basis.report(GroupKey.teamIn("A", month(3))));
    }

    @Test
    void the_trend_by_month_lists_each_series_per_period() {
        ReportBasis.Trend trend = basis.trend(Granularity.MONTH, LocalDate.of(2026, 1, 20), LocalDate.of(2026, 4, 2),
                List.of("A", "B"), true);

        assertThat(trend.periods()).extracting(Period::label).containsExactly("2026-01", "2026-02", "2026-03",
                "2026-04");
        assertThat(trend.series()).extracting(ReportBasis.Series::teamId).containsExactly(null, "A", "B");
        assertThat(trend.series().get(0).points()).extracting(point -> point.n().orElse(-1))
                .containsExactly(11, 9, 11, 0);
        assertThat(trend.series().get(1).points()).extracting(point -> point.n().orElse(-1))
                .containsExactly(-1, -1, 6, 0);
        assertThat(trend.series().get(2).points()).extracting(point -> point.n().orElse(-1))
                .containsExactly(-1, -1, 5, 0);
    }

    @Test
    void a_round_counts_started_and_completed_and_a_comparison_gives_welchs_interval() {
        ReportBasis.RoundReport first = basis.round("R1", List.of("A", "B"));
        assertThat(first.organisation().n()).hasValue(20);
        assertThat(first.organisation().started()).hasValue(23);
        assertThat(first.organisation().completionRate()).contains(20.0 / 23);
        assertThat(first.organisation().figures().orElseThrow().mean()).isCloseTo(18.6, within(1e-9)); // 372 / 20
        assertThat(first.teams().get(0).figures().orElseThrow().mean()).isCloseTo(22.8, within(1e-9)); // 228 / 10
        assertThat(first.teams().get(0).completionRate()).contains(10.0 / 11);

        ReportBasis.Comparison comparison = basis.comparison("R2", "R1", List.of("A", "B"));
        Statistics.Difference whole = comparison.groups().get(0).difference().orElseThrow();
        // R2: 4 HIGH + 7 MIDDLE = 246 / 11; R1: 372 / 20; Welch: se = 2.870470, df = 28.5513
        assertThat(whole.estimate()).isCloseTo(246.0 / 11 - 18.6, within(1e-9));
        assertThat(whole.degreesOfFreedom()).isCloseTo(28.551254, within(1e-5));
        double half = Statistics.tQuantile975(28.551253798643387) * 2.8704703144278136;
        assertThat(half).isCloseTo(5.8748, within(1e-3));
        assertThat(whole.ci95().low()).isCloseTo(whole.estimate() - half, within(1e-6));
        assertThat(whole.significant()).as("the interval holds zero").isFalse();
    }

    @Test
    void the_heatmap_gives_mean_points_per_question_and_the_change_since_the_previous_round() {
        ReportBasis.Heatmap heatmap = basis.heatmap("R2", "R1", List.of("A", "B"), List.of(1, 2, 3, 4, 5, 6));

        ReportBasis.HeatmapCell reference = heatmap.reference().cells().get(0);
        assertThat(reference.meanPoints()).isCloseTo(246.0 / 11 / 6, within(1e-9));
        assertThat(reference.change().getAsDouble()).isCloseTo(246.0 / 11 / 6 - 3.1, within(1e-9));
        ReportBasis.HeatmapCell a = heatmap.rows().get(0).cells().get(5);
        assertThat(a.question()).isEqualTo(6);
        assertThat(a.meanPoints()).isCloseTo(26.0 / 6, within(1e-9));
        assertThat(a.previousMeanPoints().getAsDouble()).isCloseTo(3.8, within(1e-9));
        ReportBasis.HeatmapCell b = heatmap.rows().get(1).cells().get(0);
        assertThat(b.meanPoints()).isEqualTo(3.0);
        assertThat(b.change().getAsDouble()).isCloseTo(0.6, within(1e-9)); // 3.0 - 144 / 10 / 6
    }

    private GroupFigures shown(GroupKey group) {
        GroupReport report = basis.report(group);
        assertThat(report.suppression()).as(group.toString()).isEmpty();
        return report.figures().orElseThrow();
    }
}
