package nl.klantspiegel.domain.instrument;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTotalsTest {

    @Test
    void scored_answers_add_up_in_the_column_of_their_option_as_the_score_does() {
        List<ScoredAnswer> answers = List.of(new ScoredAnswer(1, Option.A, 1), new ScoredAnswer(2, Option.C, 5),
                new ScoredAnswer(3, Option.A, 3), new ScoredAnswer(4, Option.B, 5));
        assertThat(ColumnTotals.of(answers)).isEqualTo(new ColumnTotals(4, 5, 5));
        assertThat(ColumnTotals.of(List.of())).isEqualTo(new ColumnTotals(0, 0, 0));

        Score score = Instruments.current().score(Map.of(1, Option.C, 2, Option.A, 3, Option.B, 4, Option.C,
                5, Option.A, 6, Option.B));
        assertThat(ColumnTotals.of(score.answers())).isEqualTo(score.columnTotals());
    }
}
