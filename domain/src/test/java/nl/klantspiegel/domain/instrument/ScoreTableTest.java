package nl.klantspiegel.domain.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static nl.klantspiegel.domain.instrument.Band.AVERAGE;
import static nl.klantspiegel.domain.instrument.Band.HIGH;
import static nl.klantspiegel.domain.instrument.Band.LOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Version 1 scores exactly as the printed form: every cell of its score table, its scale of 6 to 30, its
 * bands, the column totals, and the refusal of answers it cannot score.
 */
class ScoreTableTest {

    private final Instrument instrument = Instruments.version(1);

    @ParameterizedTest(name = "question {0}, option {1} is worth {2}")
    @CsvSource({
            "1, a, 1", "1, b, 3", "1, c, 5",
            "2, a, 3", "2, b, 5", "2, c, 1",
            "3, a, 5", "3, b, 1", "3, c, 3",
            "4, a, 3", "4, b, 5", "4, c, 1",
            "5, a, 3", "5, b, 1", "5, c, 5",
            "6, a, 1", "6, b, 3", "6, c, 5",
    })
    void every_cell_of_the_printed_score_table(int question, String option, int points) {
        assertThat(instrument.points(question, Option.fromKey(option))).isEqualTo(points);
    }

    @Test
    void six_questions_scoring_six_to_thirty() {
        assertThat(instrument.questionCount()).isEqualTo(6);
        assertThat(instrument.minimumScore()).isEqualTo(6);
        assertThat(instrument.maximumScore()).isEqualTo(30);
    }

    @Test
    void the_bands_of_version_1_in_order() {
        assertThat(instrument.bands()).containsExactly(
                new BandRange(LOW, 6, 12), new BandRange(AVERAGE, 13, 22), new BandRange(HIGH, 23, 30));
    }

    @ParameterizedTest(name = "{0} points: {1}")
    @CsvSource({
            "6, LOW", "12, LOW",
            "13, AVERAGE", "14, AVERAGE", "22, AVERAGE",
            "23, HIGH", "24, HIGH", "30, HIGH",
    })
    void bands_6_to_12_13_to_22_and_23_to_30(int total, Band band) {
        assertThat(instrument.band(total)).isEqualTo(band);
    }

    @Test
    void totals_outside_the_scale_have_no_band() {
        assertThatThrownBy(() -> instrument.band(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("total 5 is outside 6..30");
        assertThatThrownBy(() -> instrument.band(31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("total 31 is outside 6..30");
    }

    @ParameterizedTest(name = "{0} scores {1} ({2}), columns a={3} b={4} c={5}")
    @CsvSource({
            // the lowest possible: the 1-point option everywhere
            "acbcba,  6, LOW,     2, 2, 2",
            // the upper edge of LOW and the lower edge of AVERAGE (totals are always even)
            "baccba, 12, LOW,     4, 4, 4",
            "bacaba, 14, AVERAGE, 7, 4, 3",
            // the upper edge of AVERAGE and the lower edge of HIGH
            "cbaaaa, 22, AVERAGE, 12, 5, 5",
            "cbaaab, 24, HIGH,    11, 8, 5",
            // the highest possible: the 5-point option everywhere
            "cbabcc, 30, HIGH,    5, 10, 15",
    })
    void scores_column_totals_total_and_band(String options, int total, Band band, int a, int b, int c) {
        Score score = instrument.score(answers(options));

        assertThat(score.total()).isEqualTo(total);
        assertThat(score.band()).isEqualTo(band);
        assertThat(score.columnTotals()).isEqualTo(new ColumnTotals(a, b, c));
        assertThat(score.columnTotals().total()).isEqualTo(total);
        assertThat(score.instrumentVersion()).isEqualTo(1);
        assertThat(score.answers()).extracting(ScoredAnswer::question).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void scoring_needs_every_answer() {
        Map<Integer, Option> fiveAnswers = answers("aaaaaa");
        fiveAnswers.remove(4);
        assertThatThrownBy(() -> instrument.score(fiveAnswers)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidAnswer.class)
                .hasMessage("question 4 has no answer");
    }

    @Test
    void scoring_refuses_an_answer_to_a_question_the_instrument_lacks() {
        Map<Integer, Option> withSeventh = answers("aaaaaa");
        withSeventh.put(7, Option.A);
        assertThatThrownBy(() -> instrument.score(withSeventh)).isInstanceOf(InvalidAnswer.class)
                .hasMessage("Question 7 does not exist; questions are numbered 1 to 6.");

        Map<Integer, Option> withZeroth = answers("aaaaaa");
        withZeroth.put(0, Option.C);
        assertThatThrownBy(() -> instrument.score(withZeroth)).isInstanceOf(InvalidAnswer.class)
                .hasMessage("Question 0 does not exist; questions are numbered 1 to 6.");
    }

    @Test
    void points_exist_only_for_the_questions_of_the_instrument() {
        assertThatThrownBy(() -> instrument.points(0, Option.A)).isInstanceOf(InvalidAnswer.class)
                .hasMessage("Question 0 does not exist; questions are numbered 1 to 6.");
        assertThatThrownBy(() -> instrument.points(7, Option.C)).isInstanceOf(InvalidAnswer.class)
                .hasMessage("Question 7 does not exist; questions are numbered 1 to 6.");
    }

    @Test
    void scoring_is_a_pure_function_of_version_and_answers() {
        Map<Integer, Option> answers = Collections.unmodifiableMap(answers("abcabc"));

        // reading only: the answers cannot be written to, and other scorings in between leave no trace
        Score first = instrument.score(answers);
        instrument.score(answers("cbabcc"));
        instrument.score(answers("acbcba"));
        Score again = Instruments.version(1).score(answers);

        assertThat(answers).isEqualTo(answers("abcabc"));
        assertThat(again).isEqualTo(first);
        assertThat(first.total()).isEqualTo(18);
        assertThat(first.band()).isEqualTo(AVERAGE);
        assertThatThrownBy(() -> first.answers().add(new ScoredAnswer(7, Option.A, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(first.answers()).hasSize(6);
    }

    @Test
    void questions_and_options_outside_the_instrument_are_invalid_answers() {
        assertThatThrownBy(() -> instrument.requireQuestion(0)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> instrument.requireQuestion(7)).isInstanceOf(InvalidAnswer.class)
                .hasMessage("Question 7 does not exist; questions are numbered 1 to 6.");
        assertThatThrownBy(() -> Option.fromKey("d")).isInstanceOf(InvalidAnswer.class)
                .hasMessage("Option 'd' does not exist; choose a, b or c.");
        assertThatThrownBy(() -> Option.fromKey(null)).isInstanceOf(InvalidAnswer.class);
        assertThatThrownBy(() -> Option.fromKey("")).isInstanceOf(InvalidAnswer.class);
        assertThat(Option.fromKey(" B ")).isEqualTo(Option.B);
    }

    @Test
    void unknown_versions_do_not_exist() {
        assertThatThrownBy(() -> Instruments.version(2)).isInstanceOf(Instruments.UnknownInstrumentVersion.class)
                .hasMessage("Instrument version 2 does not exist.");
    }

    static Map<Integer, Option> answers(String options) {
        Map<Integer, Option> answers = new TreeMap<>();
        for (int i = 0; i < options.length(); i++) {
            answers.put(i + 1, Option.fromKey(String.valueOf(options.charAt(i))));
        }
        return answers;
    }
}
