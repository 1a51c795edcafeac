package nl.klantspiegel.domain.instrument;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Band.AVERAGE;
import static nl.klantspiegel.domain.instrument.Band.HIGH;
import static nl.klantspiegel.domain.instrument.Band.LOW;
import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An instrument can only be built when its bands cover every total from the minimum to the maximum score
 * exactly once and its score table has one score per option for every question; once built, nothing the
 * caller still holds can change it. The test instruments have two questions and version 900, whose texts
 * are test resources next to this class.
 */
class InstrumentConstructionTest {

    /** Scores 1 to 5: question 1 gives 0, 1 or 2 points, question 2 gives 1, 2 or 3. */
    private static final int[][] TWO_QUESTIONS = {{0, 1, 2}, {1, 2, 3}};

    private static Instrument instrument(BandRange... bands) {
        return new Instrument(900, TWO_QUESTIONS, List.of(bands));
    }

    @Nested
    class BandCoverage {

        @Test
        void bands_covering_every_total_exactly_once_are_accepted() {
            Instrument instrument = instrument(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5));

            assertThat(instrument.version()).isEqualTo(900);
            assertThat(instrument.questionCount()).isEqualTo(2);
            assertThat(instrument.minimumScore()).isEqualTo(1);
            assertThat(instrument.maximumScore()).isEqualTo(5);
            assertThat(instrument.bands()).containsExactly(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5));
            assertThat(List.of(1, 2, 3, 4, 5)).map(instrument::band)
                    .containsExactly(LOW, LOW, AVERAGE, AVERAGE, HIGH);
            assertThat(instrument.texts(Language.NL).question(1)).isEqualTo("Wat doe je eerst?");
            assertThat(instrument.texts(Language.EN).question(1)).isEqualTo("What do you do first?");
        }

        @Test
        void a_gap_between_bands_is_refused() {
            assertThatThrownBy(() -> instrument(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 4, 4), new BandRange(HIGH, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("total 3 is covered by 0 bands");
        }

        @Test
        void an_overlap_between_bands_is_refused() {
            assertThatThrownBy(() -> instrument(
                    new BandRange(LOW, 1, 3), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("total 3 is covered by 2 bands");
        }

        @Test
        void the_minimum_score_must_be_covered() {
            assertThatThrownBy(() -> instrument(
                    new BandRange(LOW, 2, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("total 1 is covered by 0 bands");
        }

        @Test
        void the_maximum_score_must_be_covered() {
            assertThatThrownBy(() -> instrument(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 3), new BandRange(HIGH, 4, 4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("total 5 is covered by 0 bands");
        }

        @Test
        void an_instrument_without_bands_is_refused() {
            assertThatThrownBy(() -> instrument())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("band LOW has 0 ranges; every band needs one");
        }

        @Test
        void every_band_needs_exactly_one_range() {
            assertThatThrownBy(() -> instrument(new BandRange(LOW, 1, 2), new BandRange(HIGH, 3, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("band AVERAGE has 0 ranges; every band needs one");
            assertThatThrownBy(() -> instrument(new BandRange(LOW, 1, 1), new BandRange(LOW, 2, 2),
                    new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("band LOW has 2 ranges; every band needs one");
        }

        @Test
        void a_band_reaching_outside_the_scale_is_refused() {
            assertThatThrownBy(() -> instrument(
                    new BandRange(LOW, 0, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("band LOW (0..2) reaches outside the scale 1..5");
            assertThatThrownBy(() -> instrument(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 9)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("band HIGH (5..9) reaches outside the scale 1..5");
        }
    }

    @Nested
    class ScoreTable {

        @Test
        void a_question_with_too_few_scores_is_refused() {
            assertThatThrownBy(() -> new Instrument(900, new int[][]{{0, 1, 2}, {1, 2}},
                    List.of(new BandRange(LOW, 1, 5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("question 2 needs one score per option");
        }

        @Test
        void a_question_with_too_many_scores_is_refused() {
            assertThatThrownBy(() -> new Instrument(900, new int[][]{{0, 1, 2, 3}, {1, 2, 3}},
                    List.of(new BandRange(LOW, 1, 5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("question 1 needs one score per option");
        }

        @Test
        void the_table_scores_each_question_by_its_own_row() {
            Instrument instrument = instrument(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5));

            Score score = instrument.score(Map.of(1, B, 2, C));

            assertThat(score.instrumentVersion()).isEqualTo(900);
            assertThat(score.answers()).containsExactly(new ScoredAnswer(1, B, 1), new ScoredAnswer(2, C, 3));
            assertThat(score.columnTotals()).isEqualTo(new ColumnTotals(0, 1, 3));
            assertThat(score.total()).isEqualTo(4);
            assertThat(score.band()).isEqualTo(AVERAGE);
        }

        @Test
        void a_published_instrument_does_not_change_with_the_table_or_bands_it_was_built_from() {
            int[][] table = {{0, 1, 2}, {1, 2, 3}};
            List<BandRange> bands = new ArrayList<>(List.of(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5)));
            Instrument instrument = new Instrument(900, table, bands);

            table[0][0] = 100;
            bands.remove(2);

            assertThat(instrument.points(1, A)).isZero();
            assertThat(instrument.maximumScore()).isEqualTo(5);
            assertThat(instrument.band(5)).isEqualTo(HIGH);
            assertThatThrownBy(() -> instrument.bands().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Texts {

        @Test
        void an_instrument_needs_its_texts_in_every_language() {
            // version 905 has complete Dutch texts but no English file
            assertThatThrownBy(() -> new Instrument(905, TWO_QUESTIONS, List.of(
                    new BandRange(LOW, 1, 2), new BandRange(AVERAGE, 3, 4), new BandRange(HIGH, 5, 5))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("missing texts instrument-v905_en.properties");
        }

        @Test
        void the_texts_must_match_the_number_of_questions() {
            // the version 900 texts are written for two questions, not one
            assertThatThrownBy(() -> new Instrument(900, new int[][]{{1, 2, 3}}, List.of(new BandRange(LOW, 1, 1),
                    new BandRange(AVERAGE, 2, 2), new BandRange(HIGH, 3, 3))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("instrument-v900_nl.properties: unexpected advice.2.a");
        }
    }
}
