package nl.klantspiegel.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AnonymityFloorTest {

    private static final Period JANUARY = Granularity.MONTH.periodOf(LocalDate.of(2026, 1, 1));
    private static final Period FEBRUARY = Granularity.MONTH.periodOf(LocalDate.of(2026, 2, 1));
    private static final Period MARCH = Granularity.MONTH.periodOf(LocalDate.of(2026, 3, 1));
    private static final Period Q1 = Granularity.QUARTER.periodOf(LocalDate.of(2026, 1, 1));
    private static final Period YEAR = Granularity.YEAR.periodOf(LocalDate.of(2026, 1, 1));

    @Test
    void a_group_below_the_minimum_is_suppressed_and_one_at_the_minimum_is_shown() {
        List<Completion> completions = new Completions()
                .add(5, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(4, "B", "R2", "2027-02-11T10:00:00Z", "aaaaaa").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.suppression(GroupKey.teamIn("A", JANUARY))).isEmpty();
        assertThat(floor.suppression(GroupKey.organisationIn(JANUARY))).as("the same five").isEmpty();
        Period february2027 = Granularity.MONTH.periodOf(LocalDate.of(2027, 2, 1));
        assertThat(floor.suppression(GroupKey.teamIn("B", february2027))).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(floor.size(GroupKey.teamIn("B", february2027))).isEqualTo(4);
        assertThat(floor.suppression(GroupKey.teamIn("C", JANUARY))).as("a group without any").isEmpty();
        assertThat(floor.size(GroupKey.teamIn("C", JANUARY))).isZero();
        assertThat(Attacker.seeing(completions, floor, group -> true).isolatedSmallSets()).isEmpty();
    }

    @Test
    void two_teams_of_seven_and_two_never_show_both_the_first_team_and_the_organisation() {
        List<Completion> completions = new Completions()
                .add(7, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(2, "B", "R1", "2026-01-14T10:00:00Z", "aaaaaa").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.suppression(GroupKey.teamIn("B", JANUARY))).contains(SuppressionReason.BELOW_MINIMUM);
        // the smaller of the two that make up the hidden team is hidden too: the team, and the organisation stays
        for (Granularity granularity : Granularity.values()) {
            Period period = granularity.periodOf(LocalDate.of(2026, 1, 14));
            assertThat(floor.suppression(GroupKey.teamIn("A", period))).as(granularity.name())
                    .contains(SuppressionReason.COMPLEMENTARY);
            assertThat(floor.suppression(GroupKey.organisationIn(period))).as(granularity.name()).isEmpty();
        }
        assertThat(floor.suppression(GroupKey.teamInRound("A", "R1"))).contains(SuppressionReason.COMPLEMENTARY);
        assertThat(floor.suppression(GroupKey.round("R1"))).isEmpty();
        assertThat(Attacker.seeing(completions, floor, group -> true).isolatedSmallSets()).isEmpty();
    }

    @Test
    void without_the_floor_the_attacker_finds_the_small_team_which_proves_the_attacker_can_fail() {
        List<Completion> completions = new Completions()
                .add(7, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(2, "B", "R1", "2026-01-14T10:00:00Z", "aaaaaa").all();
        AnonymityFloor everything = AnonymityFloor.decide(completions, 1, ReportBasis.ZONE);

        List<String> isolated = Attacker.seeing(completions, everything, group -> true).against(5)
                .isolatedSmallSets();

        assertThat(isolated).anyMatch(set -> set.contains("teamId=B"));
    }

    @Test
    void a_month_and_its_quarter_never_reveal_a_suppressed_month() {
        List<Completion> completions = new Completions()
                .add(6, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(2, "A", "R1", "2026-02-11T10:00:00Z", "aaaaaa")
                .add(6, "A", "R1", "2026-03-11T10:00:00Z", "bbbbbb").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.suppression(GroupKey.teamIn("A", FEBRUARY))).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(floor.suppression(GroupKey.teamIn("A", Q1))).as("the quarter is worth more than a month").isEmpty();
        assertThat(List.of(floor.suppression(GroupKey.teamIn("A", JANUARY)),
                floor.suppression(GroupKey.teamIn("A", MARCH))))
                .as("one of the other months is hidden too").contains(Optional.of(SuppressionReason.COMPLEMENTARY));
        assertThat(Attacker.seeing(completions, floor, group -> true).isolatedSmallSets()).isEmpty();
    }

    @Test
    void a_round_and_the_organisations_quarter_never_reveal_another_rounds_stragglers() {
        // R1 in January; R2 mostly in April, but two of its respondents finished in March
        List<Completion> completions = new Completions()
                .add(6, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(6, "B", "R1", "2026-01-14T10:00:00Z", "bbbbbb")
                .add(2, "A", "R2", "2026-03-31T10:00:00Z", "aaaaaa")
                .add(8, "A", "R2", "2026-04-08T10:00:00Z", "cccccc")
                .add(8, "B", "R2", "2026-04-08T10:00:00Z", "cccccc").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.suppression(GroupKey.organisationIn(Q1)).isEmpty()
                && floor.suppression(GroupKey.round("R1")).isEmpty()).as("the quarter and the first round").isFalse();
        assertThat(floor.suppression(GroupKey.round("R2"))).isEmpty();
        assertThat(Attacker.seeing(completions, floor, group -> true).isolatedSmallSets()).isEmpty();
    }

    @Test
    void a_week_that_straddles_two_months_never_reveals_its_few_days_in_one_of_them() {
        // ISO week 5 of 2026 runs from Monday 26 January to Sunday 1 February
        List<Completion> completions = new Completions()
                .add(6, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(6, "A", "R1", "2026-01-27T10:00:00Z", "bbbbbb")
                .add(2, "A", "R1", "2026-02-01T10:00:00Z", "aaaaaa")
                .add(6, "A", "R1", "2026-02-10T10:00:00Z", "cccccc").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.size(GroupKey.teamIn("A", Granularity.WEEK.periodOf(LocalDate.of(2026, 1, 27)))))
                .isEqualTo(8);
        assertThat(Attacker.seeing(completions, floor, group -> true).isolatedSmallSets()).isEmpty();
    }

    @Test
    void a_team_lead_who_sees_their_team_and_the_organisation_cannot_work_out_the_other_team() {
        List<Completion> completions = new Completions()
                .add(9, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(3, "B", "R1", "2026-01-15T10:00:00Z", "aaaaaa").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.suppression(GroupKey.teamInRound("B", "R1"))).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(floor.suppression(GroupKey.teamInRound("A", "R1")).isEmpty()
                && floor.suppression(GroupKey.round("R1")).isEmpty()).as("the team and the organisation").isFalse();
        Attacker teamLead = Attacker.seeing(completions, floor,
                group -> group.teamId() == null || group.teamId().equals("A"));
        assertThat(teamLead.isolatedSmallSets()).isEmpty();
        // and were the floor not there, the team lead would find the other team
        assertThat(Attacker.seeing(completions, AnonymityFloor.decide(completions, 1, ReportBasis.ZONE),
                group -> group.teamId() == null || group.teamId().equals("A")).against(5).isolatedSmallSets())
                .anyMatch(set -> set.contains("teamId=B"));
    }

    @Test
    void complementary_suppression_keeps_what_cannot_be_subtracted() {
        // three teams of ten: nothing small, nothing hidden
        List<Completion> completions = new Completions()
                .add(10, "A", "R1", "2026-01-14T10:00:00Z", "ccaacc")
                .add(10, "B", "R1", "2026-01-14T10:00:00Z", "aaaaaa")
                .add(10, "C", "R1", "2026-01-14T10:00:00Z", "bbbbbb").all();

        AnonymityFloor floor = AnonymityFloor.decide(completions, 5, ReportBasis.ZONE);

        assertThat(floor.decisions().values()).allMatch(Optional::isEmpty);
    }

    @Test
    void the_decisions_do_not_depend_on_the_order_the_assessments_arrived_in() {
        List<Completion> completions = randomOrganisation(new Random(7), 60);
        List<Completion> reversed = new java.util.ArrayList<>(completions);
        java.util.Collections.reverse(reversed);

        assertThat(AnonymityFloor.decide(reversed, 5, ReportBasis.ZONE).decisions())
                .isEqualTo(AnonymityFloor.decide(completions, 5, ReportBasis.ZONE).decisions());
    }

    @Test
    void random_small_organisations_never_let_a_small_set_be_worked_out() {
        Random random = new Random(2026);
        for (int organisation = 0; organisation < 25; organisation++) {
            List<Completion> completions = randomOrganisation(random, 10 + random.nextInt(50));
            int minimum = 3 + random.nextInt(4);

            AnonymityFloor floor = AnonymityFloor.decide(completions, minimum, ReportBasis.ZONE);

            assertThat(Attacker.seeing(completions, floor, group -> true).isolatedSmallSets())
                    .as("organisation %d with minimum %d", organisation, minimum).isEmpty();
        }
    }

    @Test
    void the_minimum_is_at_least_one() {
        assertThatThrownBy(() -> AnonymityFloor.decide(List.of(), 0, ReportBasis.ZONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AnonymityFloor.decide(List.of(), 1, ReportBasis.ZONE).minimum()).isEqualTo(1);
    }

    /** Up to three teams and three rounds over four months, with many days near month ends. */
    private static List<Completion> randomOrganisation(Random random, int size) {
        Completions completions = new Completions();
        Instant start = Instant.parse("2026-01-01T08:00:00Z");
        String[] answers = {"aaaaaa", "bbbbbb", "cccccc", "abcabc", "ccaacc"};
        for (int i = 0; i < size; i++) {
            String team = "T" + random.nextInt(3);
            int round = random.nextInt(3);
            long day = round * 35L + random.nextInt(45);
            completions.add(1, team, "R" + round, start.plus(day, ChronoUnit.DAYS).toString(),
                    answers[random.nextInt(answers.length)]);
        }
        return completions.all();
    }
}
