package nl.klantspiegel.domain.report;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.report.AnswerChanges.Batch;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import nl.klantspiegel.domain.report.AnswerChanges.Completed;
import nl.klantspiegel.domain.report.AnswerChanges.Count;
import nl.klantspiegel.domain.report.AnswerChanges.Group;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answer changes of released batches against a fixture counted by hand. */
class AnswerChangesTest {

    /**
     * Round r-1, batch 1 (13): six AVERAGE, five HIGH, two LOW. Changes (question: from → to):
     * avg-1: 1 a→b, 1 b→c;  avg-2: 1 a→b;  avg-3: 4 c→a;  avg-4..6: none;
     * high-1: 1 a→b;  high-2: 2 b→a, 2 a→b;  high-3..5: none;
     * low-1: 6 c→b;  low-2: none.
     * Round r-1, batch 2 (5): five LOW, low-3: 6 c→b, the others none.
     * Round r-2, batch 3 (5): five AVERAGE: avg-7: 3 a→c; the others none.
     */
    private static Batch first() {
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
        return new Batch("r-1", all);
    }

    private static Batch second() {
        List<Completed> all = new ArrayList<>();
        all.add(new Completed("low-3", "r-1", Band.LOW, List.of(new Change(6, C, B))));
        for (int i = 4; i <= 7; i++) {
            all.add(new Completed("low-" + i, "r-1", Band.LOW, List.of()));
        }
        return new Batch("r-1", all);
    }

    private static Batch third() {
        List<Completed> all = new ArrayList<>();
        all.add(new Completed("avg-7", "r-2", Band.AVERAGE, List.of(new Change(3, A, C))));
        for (int i = 8; i <= 11; i++) {
            all.add(new Completed("avg-" + i, "r-2", Band.AVERAGE, List.of()));
        }
        return new Batch("r-2", all);
    }

    @Test
    void a_round_is_counted_per_question_from_and_to_and_each_batch_split_by_band_only_where_no_part_is_small() {
        List<Group> groups = AnswerChanges.perBand(List.of(first(), second()), 5);

        assertThat(groups).extracting(Group::key).containsExactly("round", "band:LOW", "band:AVERAGE", "band:HIGH");
        Group round = groups.get(0);
        assertThat(round.n()).isEqualTo(18);
        assertThat(round.changed()).as("avg-1..3, high-1..2, low-1, low-3").isEqualTo(7);
        assertThat(round.changes()).isEqualTo(9);
        assertThat(round.counts()).containsExactly(new Count(1, A, B, 3), new Count(1, B, C, 1),
                new Count(2, A, B, 1), new Count(2, B, A, 1), new Count(4, C, A, 1), new Count(6, C, B, 2));
        // batch 1: LOW (2) is below 5 and left out; that leaves 2 out, fewer than 5: the smallest counted part goes
        // too (HIGH, 5), so 7 are left out and AVERAGE (6) is counted. Batch 2: all LOW, counted whole.
        Group low = groups.get(1);
        assertThat(low.n()).as("batch 2's five only").isEqualTo(5);
        assertThat(low.leftOut()).isEqualTo(2);
        assertThat(low.counts()).containsExactly(new Count(6, C, B, 1));
        assertThat(low.assessmentIds()).containsExactly("low-3", "low-4", "low-5", "low-6", "low-7");
        Group average = groups.get(2);
        assertThat(average.n()).isEqualTo(6);
        assertThat(average.leftOut()).isZero();
        assertThat(average.changed()).isEqualTo(3);
        assertThat(average.changes()).isEqualTo(4);
        Group high = groups.get(3);
        assertThat(high.n()).isZero();
        assertThat(high.leftOut()).isEqualTo(5);
        assertThat(high.counts()).isEmpty();
    }

    @Test
    void the_organisation_and_each_round_are_whole_batches() {
        List<Group> groups = AnswerChanges.perRound(List.of(first(), second(), third()), List.of("r-1", "r-2", "r-3"));

        assertThat(groups).extracting(Group::key).containsExactly("organisation", "round:r-1", "round:r-2",
                "round:r-3");
        assertThat(groups).extracting(Group::n).containsExactly(23, 18, 5, 0);
        assertThat(groups.get(0).changes()).isEqualTo(10);
        assertThat(groups.get(2).counts()).containsExactly(new Count(3, A, C, 1));
        assertThat(groups.get(3).counts()).isEmpty();
        assertThat(groups).allSatisfy(group -> assertThat(group.leftOut()).isZero());
        assertThat(AnswerChanges.perRound(List.of(third()), List.of()).get(1).key())
                .as("a batch of a round not listed still has its group").isEqualTo("round:r-2");
    }

    @Test
    void every_figure_is_a_union_of_parts_of_at_least_the_minimum() {
        for (Group group : AnswerChanges.perBand(List.of(first(), second(), third()), 5)) {
            assertThat(group.n() == 0 || group.n() >= 5).as(group.key()).isTrue();
        }
    }

    @Test
    void the_parts_left_out_are_none_or_at_least_the_minimum() {
        Map<String, List<Completed>> parts = new LinkedHashMap<>();
        parts.put("x", completed(3));
        parts.put("y", completed(5));
        parts.put("z", completed(9));
        assertThat(AnswerChanges.hiddenParts(parts, 5)).containsExactly("x", "y");
        parts.put("x", completed(0));
        assertThat(AnswerChanges.hiddenParts(parts, 5)).as("an empty part is nothing to hide").isEmpty();
        parts.put("x", completed(6));
        parts.put("y", completed(4));
        parts.put("z", completed(4));
        assertThat(AnswerChanges.hiddenParts(parts, 5)).containsExactly("y", "z");
        Map<String, List<Completed>> alone = new LinkedHashMap<>();
        alone.put("x", completed(2));
        assertThat(AnswerChanges.hiddenParts(alone, 5)).as("all of a too small batch").containsExactly("x");
    }

    private static List<Completed> completed(int count) {
        List<Completed> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Completed("c-" + i, "r", Band.LOW, List.of()));
        }
        return list;
    }

    @Test
    void a_change_is_a_change_and_the_records_keep_copies() {
        assertThatThrownBy(() -> new Change(1, A, A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Change(1, null, A)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Change(1, A, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Completed(null, "r", Band.LOW, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Completed("x", null, Band.LOW, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Completed("x", "r", null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Batch(null, List.of())).isInstanceOf(NullPointerException.class);
        List<Change> changes = new ArrayList<>(List.of(new Change(1, A, B)));
        Completed completed = new Completed("x", "r", Band.LOW, changes);
        changes.clear();
        assertThat(completed.changes()).hasSize(1);
    }
}
