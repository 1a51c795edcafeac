package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.AnswerChanges.Completed;
import nl.klantspiegel.domain.report.AnswerChanges.Count;
import nl.klantspiegel.domain.report.AnswerChanges.Group;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answer changes against a fixture counted by hand. */
class AnswerChangesTest {

    /**
     * Round r-1: six AVERAGE, five HIGH, two LOW. Changes (question: from → to):
     * avg-1: 1 a→b, 1 b→c;  avg-2: 1 a→b;  avg-3: 4 c→a;  avg-4..6: none;
     * high-1: 1 a→b;  high-2: 2 b→a, 2 a→b;  high-3..5: none;
     * low-1: 6 c→b;  low-2: none.
     * Round r-2: three AVERAGE: avg-7: 3 a→c; the others none.
     */
    private static List<Completed> fixture() {
        List<Completed> all = new ArrayList<>();
        all.add(new Completed("avg-1", "r-1", Band.AVERAGE, List.of(new Change(1, A, B), new Change(1, B, C))));
        all.add(new Completed("avg-2", "r-1", Band.AVERAGE, List.of(new Change(1, A, B))));
        all.add(new Completed("avg-3", "r-1", Band.AVERAGE, List.of(new Change(4, C, A))));
        for (int i = 4; i <= 6; i++) {
            all.add(new Completed("avg-" + i, "r-1", Band.AVERAGE, List.of()));
        }
        all.add(new Completed("high-1", "r-1", Band.HIGH, List.of(new Change(1, A, B))));
        all.add(new Completed("high-2", "r-1", Band.HIGH, List.of(new Change(2, B, A), new Change(2, A, B))));
        for (int i = 3; i <= 5; i++) {
            all.add(new Completed("high-" + i, "r-1", Band.HIGH, List.of()));
        }
        all.add(new Completed("low-1", "r-1", Band.LOW, List.of(new Change(6, C, B))));
        all.add(new Completed("low-2", "r-1", Band.LOW, List.of()));
        all.add(new Completed("avg-7", "r-2", Band.AVERAGE, List.of(new Change(3, A, C))));
        all.add(new Completed("avg-8", "r-2", Band.AVERAGE, List.of()));
        all.add(new Completed("avg-9", "r-2", Band.AVERAGE, List.of()));
        return all;
    }

    private static List<Completed> round(String roundId) {
        return fixture().stream().filter(one -> one.roundId().equals(roundId)).toList();
    }

    @Test
    void a_round_is_counted_per_question_from_and_to_with_its_bands_under_the_floor() {
        List<Group> groups = AnswerChanges.perBand(round("r-1"), 5);

        assertThat(groups).extracting(Group::key).containsExactly("round", "band:LOW", "band:AVERAGE", "band:HIGH");
        Group round = groups.get(0);
        assertThat(round.n()).isEqualTo(OptionalInt.of(13));
        assertThat(round.changed()).contains(6);      // avg-1, avg-2, avg-3, high-1, high-2, low-1
        assertThat(round.changes()).contains(8);      // 2 + 1 + 1 + 1 + 2 + 1
        assertThat(round.counts()).containsExactly(
                new Count(1, A, B, 3),                  // avg-1, avg-2, high-1
                new Count(1, B, C, 1),                  // avg-1
                new Count(2, A, B, 1),                  // high-2
                new Count(2, B, A, 1),                  // high-2
                new Count(4, C, A, 1),                  // avg-3
                new Count(6, C, B, 1));                 // low-1
        // LOW has 2 (< 5): hidden; 2 is fewer than 5, so the smallest shown band (HIGH, 5) is hidden too
        assertThat(groups.get(1).suppression()).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(groups.get(1).n()).isEmpty();
        assertThat(groups.get(1).counts()).isEmpty();
        assertThat(groups.get(3).suppression()).contains(SuppressionReason.COMPLEMENTARY);
        assertThat(groups.get(3).changes()).isEmpty();
        Group average = groups.get(2);
        assertThat(average.suppression()).isEmpty();
        assertThat(average.n()).isEqualTo(OptionalInt.of(6));
        assertThat(average.changed()).contains(3);
        assertThat(average.changes()).contains(4);
        assertThat(average.counts()).containsExactly(new Count(1, A, B, 2), new Count(1, B, C, 1),
                new Count(4, C, A, 1));
    }

    @Test
    void what_is_shown_never_lets_a_hidden_band_be_worked_out() {
        List<Group> groups = AnswerChanges.perBand(round("r-1"), 5);
        int shownChanges = groups.subList(1, 4).stream().filter(group -> !group.suppressed())
                .mapToInt(group -> group.changes().orElseThrow()).sum();
        int hiddenSize = 13 - groups.subList(1, 4).stream().filter(group -> !group.suppressed())
                .mapToInt(group -> group.n().getAsInt()).sum();
        assertThat(hiddenSize).as("round minus the shown bands: at least the minimum").isGreaterThanOrEqualTo(5);
        assertThat(groups.get(0).changes().orElseThrow() - shownChanges).isEqualTo(4); // LOW 1 + HIGH 3 together
    }

    @Test
    void the_organisation_and_its_rounds_are_suppressed_together() {
        List<Group> groups = AnswerChanges.perRound(fixture(), List.of("r-1", "r-2", "r-3"), 5);

        assertThat(groups).extracting(Group::key).containsExactly("organisation", "round:r-1", "round:r-2", "round:r-3");
        assertThat(groups.get(0).n()).isEqualTo(OptionalInt.of(16));
        assertThat(groups.get(0).changes()).contains(9);
        // r-2 has 3 (< 5), r-3 none: 3 hidden is fewer than 5, and r-1 is the only one left to hide
        assertThat(groups.get(2).suppression()).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(groups.get(3).suppression()).contains(SuppressionReason.BELOW_MINIMUM);
        assertThat(groups.get(1).suppression()).contains(SuppressionReason.COMPLEMENTARY);
    }

    @Test
    void a_whole_below_the_minimum_hides_everything() {
        List<Group> groups = AnswerChanges.perBand(round("r-2"), 5);
        assertThat(groups).allSatisfy(group -> assertThat(group.suppression())
                .contains(SuppressionReason.BELOW_MINIMUM));
    }

    @Test
    void parts_hidden_together_that_reach_the_minimum_need_no_more_hiding() {
        Map<String, List<Completed>> parts = new java.util.LinkedHashMap<>();
        parts.put("a", fixture().subList(0, 3));
        parts.put("b", fixture().subList(3, 6));
        parts.put("c", fixture().subList(6, 16));
        assertThat(AnswerChanges.hiddenParts(16, parts, 5)).containsExactly("a", "b");
        assertThat(AnswerChanges.hiddenParts(16, parts, 3)).isEmpty();
        parts.put("d", List.of());
        assertThat(AnswerChanges.hiddenParts(16, parts, 3)).as("an empty part hides nothing").containsExactly("d");
    }

    @Test
    void with_a_minimum_of_three_everything_shows() {
        assertThat(AnswerChanges.perBand(round("r-2"), 3)).extracting(Group::suppression)
                .containsExactly(Optional.empty(), Optional.of(SuppressionReason.BELOW_MINIMUM),
                        Optional.empty(), Optional.of(SuppressionReason.BELOW_MINIMUM));
    }

    @Test
    void a_change_changes_something() {
        assertThatThrownBy(() -> new Change(1, A, A)).isInstanceOf(IllegalArgumentException.class);
    }
}
