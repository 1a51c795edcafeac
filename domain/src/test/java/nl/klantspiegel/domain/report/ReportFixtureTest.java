package nl.klantspiegel.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Option;

/**
 * Every figure of a small organisation worked out by hand: 32 released completed assessments in seven batches over
 * three months (January to March 2026), two teams, two rounds, one pooled batch.
 *
 * <p>Three answer patterns, scored with the score table (q1 a1 b3 c5, q2 a3 b5 c1, q3 a5 b1 c3, q4 a3 b5 c1,
 * q5 a3 b1 c5, q6 a1 b3 c5):
 * <ul>
 *   <li>HIGH "cbabcc": 5+5+5+5+5+5 = 30, columns a 5, b 10, c 15;</li>
 *   <li>MIDDLE "bacaab": 3+3+3+3+3+3 = 18, columns a 9, b 6, c 3;</li>
 *   <li>LOW "acbcba": 1+1+1+1+1+1 = 6, columns a 2, b 2, c 2.</li>
 * </ul>
 * The batches, each released on a Wednesday (so a week holds what its month holds):
 * <pre>
 * release 1, 14 January    R1 team A   2 HIGH, 2 MIDDLE, 2 LOW  (6, total 108)
 *                          R1 team B   5 MIDDLE                 (5, total  90)
 * release 2, 11 February   R1 team B   1 HIGH, 4 LOW            (5, total  54)
 * release 3, 11 March      R1 pooled   4 HIGH, 1 MIDDLE         (5, total 138)  R1 closed: A's four and B's one
 *                          R2 team A   4 HIGH, 2 MIDDLE         (6, total 156)
 *                          R2 team B   5 MIDDLE                 (5, total  90)
 * </pre>
 */
class ReportFixtureTest {

    private static final String HIGH = "cbabcc";
    private static final String MIDDLE = "bacaab";
    private static final String LOW = "acbcba";
    private static final Instant JANUARY = Instant.parse("2026-01-14T12:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-11T12:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-11T12:00:00Z");

    private static final List<ReleasedBatch> COMPLETED = List.of(
            batch(1, JANUARY, "R1", "A", new Completions().add(2, "A", "R1", "2026-01-13T10:00:00Z", HIGH)
                    .add(2, "A", "R1", "2026-01-13T10:00:00Z", MIDDLE).add(2, "A", "R1", "2026-01-13T10:00:00Z", LOW)),
            batch(1, JANUARY, "R1", "B", new Completions().add(5, "B", "R1", "2026-01-13T11:00:00Z", MIDDLE)),
            batch(2, FEBRUARY, "R1", "B", new Completions().add(1, "B", "R1", "2026-02-10T11:00:00Z", HIGH)
                    .add(4, "B", "R1", "2026-02-10T11:00:00Z", LOW)),
            batch(3, MARCH, "R1", null, new Completions().add(4, "A", "R1", "2026-02-10T10:00:00Z", HIGH)
                    .add(1, "B", "R1", "2026-02-20T10:00:00Z", MIDDLE)),
            batch(3, MARCH, "R2", "A", new Completions().add(4, "A", "R2", "2026-03-10T10:00:00Z", HIGH)
                    .add(2, "A", "R2", "2026-03-10T10:00:00Z", MIDDLE)),
            batch(3, MARCH, "R2", "B", new Completions().add(5, "B", "R2", "2026-03-10T11:00:00Z", MIDDLE)));

    /** Made anew for every test: a basis keeps the figures it computed (which mutation testing must not reuse). */
    private final ReportBasis basis = ReportBasis.of(COMPLETED, 5);

    private static ReleasedBatch batch(long release, Instant at, String round, String team, Completions made) {
        List<Completion> completions = made.all();
        return new ReleasedBatch(release, at, round, team, completions.size(), completions);
    }

    private static Period month(int month) {
        return Granularity.MONTH.periodOf(LocalDate.of(2026, month, 1));
    }

    private static final Period QUARTER = Granularity.QUARTER.periodOf(LocalDate.of(2026, 1, 1));

    @Test
    void the_organisations_quarter_holds_every_figure_worked_out_by_hand() {
        GroupFigures quarter = figures(GroupKey.organisationIn(QUARTER));

        // 11 HIGH (30), 15 MIDDLE (18), 6 LOW (6): 330 + 270 + 36 = 636
        assertThat(quarter.n()).isEqualTo(32);
        assertThat(quarter.mean()).isCloseTo(636.0 / 32, within(1e-9));
        // s^2 = (14976 - 636^2/32) / 31 = 75.338710; s/sqrt(32) = 1.534384
        double half = Statistics.tQuantile975(31) * 1.5343841361990664;
        assertThat(quarter.ci95().orElseThrow().low()).isCloseTo(636.0 / 32 - half, within(1e-9));
        assertThat(quarter.ci95().orElseThrow().high()).isCloseTo(636.0 / 32 + half, within(1e-9));
        assertThat(quarter.bands()).isEqualTo(Map.of(Band.LOW, 6, Band.AVERAGE, 15, Band.HIGH, 11));
        assertThat(quarter.bandPercent(Band.HIGH)).isCloseTo(100.0 * 11 / 32, within(1e-9));
        // columns: HIGH a5 b10 c15, MIDDLE a9 b6 c3, LOW a2 b2 c2
        assertThat(quarter.meanColumnA()).isCloseTo((11 * 5 + 15 * 9 + 6 * 2) / 32.0, within(1e-9));
        assertThat(quarter.meanColumnB()).isCloseTo((11 * 10 + 15 * 6 + 6 * 2) / 32.0, within(1e-9));
        assertThat(quarter.meanColumnC()).isCloseTo((11 * 15 + 15 * 3 + 6 * 2) / 32.0, within(1e-9));
        // every question scores 5, 3 or 1 in HIGH, MIDDLE and LOW: a sixth of the mean total each
        assertThat(quarter.questions()).hasSize(6);
        for (GroupFigures.QuestionFigures question : quarter.questions()) {
            assertThat(question.meanPoints()).as("question %d", question.question())
                    .isCloseTo(636.0 / 32 / 6, within(1e-9));
        }
        // question 1: HIGH c, MIDDLE b, LOW a
        assertThat(quarter.question(1).orElseThrow().options())
                .isEqualTo(Map.of(Option.C, 11, Option.B, 15, Option.A, 6));
        assertThat(quarter.question(1).orElseThrow().percent(Option.A)).isCloseTo(600.0 / 32, within(1e-9));
        assertThat(quarter.assessmentIds()).hasSize(32).doesNotHaveDuplicates();
    }

    @Test
    void a_team_counts_its_own_batches_and_the_organisation_every_batch_the_pooled_one_too() {
        GroupFigures a = figures(GroupKey.teamIn("A", QUARTER));
        assertThat(a.n()).as("January's 6 and R2's 6; A's four in the pooled batch are not A's").isEqualTo(12);
        assertThat(a.mean()).isEqualTo(22.0); // 108 + 156 = 264, / 12
        GroupFigures b = figures(GroupKey.teamIn("B", QUARTER));
        assertThat(b.n()).isEqualTo(15);
        assertThat(b.mean()).isEqualTo(15.6); // 90 + 54 + 90 = 234, / 15
        assertThat(figures(GroupKey.organisationIn(month(2))).mean()).isEqualTo(10.8); // 54 / 5
        assertThat(figures(GroupKey.organisationIn(month(3))).n()).isEqualTo(16); // the pooled batch counts here
        assertThat(figures(GroupKey.organisationIn(month(1))).mean()).isCloseTo(198.0 / 11, within(1e-9));
        assertThat(basis.report(GroupKey.teamIn("A", month(2))).figures()).as("nothing of A released in February")
                .isEmpty();
        assertThat(basis.report(GroupKey.teamIn("A", month(2))).n()).isZero();
        assertThat(basis.size(GroupKey.teamInRound("A", "R1"))).isEqualTo(6);
        assertThat(basis.size(GroupKey.round("R1"))).isEqualTo(21);
    }

    @Test
    void a_batch_counts_in_the_period_of_its_release_not_of_its_answers() {
        // the pooled batch's four HIGH were completed in February, released in March
        assertThat(figures(GroupKey.organisationIn(month(2))).n()).isEqualTo(5);
        assertThat(basis.report(GroupKey.organisationIn(Granularity.WEEK.periodOf(LocalDate.of(2026, 2, 10)))).n())
                .as("the week of 10 February").isEqualTo(5);
        assertThat(basis.report(GroupKey.organisationIn(Granularity.WEEK.periodOf(LocalDate.of(2026, 2, 20)))).n())
                .as("the week of 20 February: nothing released").isZero();
    }

    @Test
    void every_group_is_a_union_of_whole_batches() {
        List<List<String>> batches = COMPLETED.stream()
                .map(batch -> batch.completions().stream().map(Completion::assessmentId).toList()).toList();
        List<GroupKey> groups = new ArrayList<>();
        for (String team : new String[] {null, "A", "B"}) {
            for (String round : new String[] {"R1", "R2"}) {
                groups.add(new GroupKey(team, round, null));
            }
            for (Granularity granularity : Granularity.values()) {
                for (int month = 1; month <= 3; month++) {
                    groups.add(new GroupKey(team, null, granularity.periodOf(LocalDate.of(2026, month, 11))));
                }
            }
        }
        for (GroupKey group : groups) {
            List<String> members = basis.report(group).figures().map(GroupFigures::assessmentIds).orElse(List.of());
            for (List<String> batch : batches) {
                assertThat(members.containsAll(batch) || batch.stream().noneMatch(members::contains))
                        .as("%s holds all of a batch or none of it", group).isTrue();
            }
        }
    }

    @Test
    void a_raised_minimum_withdraws_the_smaller_batches_from_every_figure_history_included() {
        ReportBasis six = ReportBasis.of(COMPLETED, 6);

        assertThat(six.report(GroupKey.organisationIn(QUARTER)).n()).as("A's two batches of 6 only").isEqualTo(12);
        assertThat(six.report(GroupKey.teamIn("B", QUARTER)).figures()).isEmpty();
        assertThat(six.batches()).extracting(ReleasedBatch::size).containsExactly(6, 6);
        assertThat(six.minimumGroupSize()).isEqualTo(6);
        assertThat(six.firstDay()).contains(LocalDate.of(2026, 1, 14));
        assertThat(ReportBasis.of(COMPLETED, 7).firstDay()).isEmpty();
        assertThatThrownBy(() -> ReportBasis.of(COMPLETED, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_basis_knows_its_first_day_its_teams_and_its_minimum() {
        assertThat(basis.firstDay()).contains(LocalDate.of(2026, 1, 14));
        assertThat(basis.hasCompletionsOf("A")).isTrue();
        assertThat(basis.hasCompletionsOf("C")).isFalse();
        assertThat(basis.minimumGroupSize()).isEqualTo(5);
        assertThat(ReportBasis.of(List.of(), 3).firstDay()).isEmpty();
        assertThat(basis.report(GroupKey.teamIn("A", month(3)))).as("computed once, then kept")
                .isSameAs(basis.report(GroupKey.teamIn("A", month(3))));
        assertThat(basis.batches()).extracting(ReleasedBatch::release).containsExactly(1L, 1L, 2L, 3L, 3L, 3L);
        assertThat(basis.members(GroupKey.teamInRound("B", "R1"))).hasSize(10);
        assertThat(basis.toString()).contains("6 batches", "minimum 5");
    }

    @Test
    void the_rows_come_one_by_one_in_order_of_round_team_and_id_with_their_batch() {
        List<ReportBasis.Row> rows = basis.rows();

        assertThat(rows).hasSize(32);
        assertThat(rows).extracting(row -> row.batch().roundId() + "/" + row.batch().teamId())
                .containsExactly(expected());
        for (int i = 1; i < rows.size(); i++) {
            ReportBasis.Row before = rows.get(i - 1);
            ReportBasis.Row row = rows.get(i);
            if (before.batch() == row.batch()) {
                assertThat(before.completion().assessmentId()).isLessThan(row.completion().assessmentId());
            }
        }
    }

    private static String[] expected() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add("R1/A");
        }
        for (int i = 0; i < 10; i++) {
            order.add("R1/B");
        }
        for (int i = 0; i < 5; i++) {
            order.add("R1/null");
        }
        for (int i = 0; i < 6; i++) {
            order.add("R2/A");
        }
        for (int i = 0; i < 5; i++) {
            order.add("R2/B");
        }
        return order.toArray(String[]::new);
    }

    @Test
    void the_trend_by_month_lists_each_series_per_period() {
        ReportBasis.Trend trend = basis.trend(Granularity.MONTH, LocalDate.of(2026, 1, 20), LocalDate.of(2026, 4, 2),
                List.of("A", "B"), true);

        assertThat(trend.periods()).extracting(Period::label).containsExactly("2026-01", "2026-02", "2026-03",
                "2026-04");
        assertThat(trend.series()).extracting(ReportBasis.Series::teamId).containsExactly(null, "A", "B");
        assertThat(trend.series().get(0).points()).extracting(GroupReport::n).containsExactly(11, 5, 16, 0);
        assertThat(trend.series().get(1).points()).extracting(GroupReport::n).containsExactly(6, 0, 6, 0);
        assertThat(trend.series().get(2).points()).extracting(GroupReport::n).containsExactly(5, 5, 5, 0);
        assertThat(basis.trend(Granularity.MONTH, LocalDate.of(2026, 1, 20), LocalDate.of(2026, 4, 2), List.of(),
                false).series()).isEmpty();
    }

    @Test
    void a_round_and_a_comparison_giving_welchs_interval() {
        ReportBasis.RoundReport first = basis.round("R1", List.of("A", "B"));
        assertThat(first.organisation().n()).isEqualTo(21);
        assertThat(first.organisation().figures().orElseThrow().mean()).isCloseTo(390.0 / 21, within(1e-9));
        assertThat(first.teams().get(0).figures().orElseThrow().mean()).isEqualTo(18.0); // 108 / 6
        assertThat(first.teams().get(1).n()).isEqualTo(10);

        ReportBasis.Comparison comparison = basis.comparison("R2", "R1", List.of("A", "B"));
        Statistics.Difference whole = comparison.groups().get(0).difference().orElseThrow();
        // R2: 246 / 11; R1: 390 / 21; Welch: se = 2.788019, df = 28.820702
        assertThat(whole.estimate()).isCloseTo(246.0 / 11 - 390.0 / 21, within(1e-9));
        assertThat(whole.degreesOfFreedom()).isCloseTo(28.820702, within(1e-5));
        double half = Statistics.tQuantile975(28.82070247959836) * 2.7880186031462;
        assertThat(whole.ci95().low()).isCloseTo(whole.estimate() - half, within(1e-6));
        assertThat(whole.significant()).as("the interval holds zero").isFalse();
        assertThat(basis.comparison("R2", "R3", List.of()).groups().get(0).difference()).as("nothing in R3")
                .isEmpty();
    }

    @Test
    void the_heatmap_gives_mean_points_per_question_and_the_change_since_the_previous_round() {
        ReportBasis.Heatmap heatmap = basis.heatmap("R2", "R1", List.of("A", "B"), List.of(1, 2, 3, 4, 5, 6));

        ReportBasis.HeatmapCell reference = heatmap.reference().cells().get(0);
        assertThat(reference.meanPoints()).isCloseTo(246.0 / 11 / 6, within(1e-9));
        assertThat(reference.change().getAsDouble()).isCloseTo(246.0 / 11 / 6 - 390.0 / 21 / 6, within(1e-9));
        ReportBasis.HeatmapCell a = heatmap.rows().get(0).cells().get(5);
        assertThat(a.question()).isEqualTo(6);
        assertThat(a.meanPoints()).isCloseTo(26.0 / 6, within(1e-9));
        assertThat(a.previousMeanPoints().getAsDouble()).isEqualTo(3.0); // 108 / 6 / 6
        ReportBasis.HeatmapCell b = heatmap.rows().get(1).cells().get(0);
        assertThat(b.meanPoints()).isEqualTo(3.0);
        assertThat(b.change().getAsDouble()).isCloseTo(0.6, within(1e-9)); // 3.0 - 144 / 10 / 6
        assertThat(basis.heatmap("R1", null, List.of("A"), List.of(1)).rows().get(0).cells().get(0)
                .change()).isEmpty();
        assertThat(basis.heatmap("R3", "R2", List.of("A"), List.of(1)).rows().get(0).cells()).isEmpty();
    }

    private GroupFigures figures(GroupKey group) {
        return basis.report(group).figures().orElseThrow(() -> new AssertionError("no figures for " + group));
    }
}
