package nl.klantspiegel.domain.scoring;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.report.ReleasedBatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An alternative scoring from a file, applied to stored answers, against hand-computed totals. */
class AlternativeScoringTest {

    private static final Map<Integer, Map<Option, Integer>> OWN = AlternativeScoring.pointsOf(Instruments.current());

    /** Only the customer-oriented answer counts: 0 for the others, 5 for it; bands over 0..30. */
    static final String STRICT = """
            id = strict
            version = 2
            name = Streng
            instrument = 1
            points.1 = 0, 0, 5
            points.2 = 0, 5, 0
            points.3 = 5, 0, 0
            points.4 = 0, 5, 0
            points.5 = 0, 0, 5
            points.6 = 0, 0, 5
            band.LOW = 0-10
            band.AVERAGE = 11-20
            band.HIGH = 21-30
            """;

    @Test
    void the_own_points_are_the_score_table() {
        // the score table: question 1 a1 b3 c5, question 2 a3 b5 c1, question 3 a5 b1 c3 ...
        assertThat(OWN.get(1)).isEqualTo(Map.of(Option.A, 1, Option.B, 3, Option.C, 5));
        assertThat(OWN.get(3)).isEqualTo(Map.of(Option.A, 5, Option.B, 1, Option.C, 3));
    }

    @Test
    void a_file_with_other_points_and_bands_scores_stored_answers_by_hand() {
        AlternativeScoring strict = AlternativeScoring.parse(STRICT, OWN);

        assertThat(strict.id()).isEqualTo("strict");
        assertThat(strict.version()).isEqualTo(2);
        assertThat(strict.name()).isEqualTo("Streng");
        var allC = Instruments.current().score(answers("cccccc")).answers();
        // own: 5+1+3+1+5+5 = 20 AVERAGE; strict: 5+0+0+0+5+5 = 15 AVERAGE
        assertThat(strict.total(allC)).isEqualTo(15);
        assertThat(strict.band(allC)).isEqualTo(Band.AVERAGE);
        var best = Instruments.current().score(answers("cbabcc")).answers();
        // own: 5+5+5+5+5+5 = 30 HIGH; strict: 30 HIGH
        assertThat(strict.total(best)).isEqualTo(30);
        var allA = Instruments.current().score(answers("aaaaaa")).answers();
        // own: 1+3+5+3+3+1 = 16 AVERAGE; strict: 0+0+5+0+0+0 = 5 LOW
        assertThat(strict.band(allA)).isEqualTo(Band.LOW);
        assertThat(strict.bandTexts()).containsExactly("LOW 0-10", "AVERAGE 11-20", "HIGH 21-30");
    }

    @Test
    void only_band_limits_changed_keeps_the_own_points() {
        AlternativeScoring limits = AlternativeScoring.parse("""
                id = limits
                version = 1
                instrument = 1
                band.LOW = 6-18
                band.AVERAGE = 19-25
                band.HIGH = 26-30
                """, OWN);
        var allC = Instruments.current().score(answers("cccccc")).answers();
        assertThat(limits.total(allC)).isEqualTo(20);
        assertThat(limits.band(allC)).isEqualTo(Band.AVERAGE);
        assertThat(limits.band(Instruments.current().score(answers("aaaaaa")).answers())).isEqualTo(Band.LOW);
        assertThat(limits.name()).isEqualTo("limits");
    }

    @Test
    void a_wrong_file_says_what_is_wrong() {
        String ok = "id = x\nversion = 1\ninstrument = 1\nband.LOW = 6-14\nband.AVERAGE = 15-22\nband.HIGH = 23-30\n";
        AlternativeScoring.parse(ok, OWN);
        assertInvalid(ok.replace("id = x", "id = X Y"), "id must be");
        assertInvalid(ok.replace("version = 1\n", ""), "missing version");
        assertInvalid(ok.replace("version = 1", "version = one"), "version must be a whole number");
        assertInvalid(ok + "points.7 = 1, 2, 3\n", "points.7: the instrument has no such question");
        assertInvalid(ok + "points.1 = 1, 2\n", "points.1 gives the points of a, b and c");
        assertInvalid(ok + "points.1 = 1, 2, 101\n", "must be from 0 to 100");
        assertInvalid(ok + "colour = red\n", "unknown setting colour");
        assertInvalid(ok.replace("15-22", "16-22"), "the bands must cover every total from 6 to 30 in the order LOW, "
                + "AVERAGE, HIGH, without gap or overlap: total 15 is covered by 0 bands");
        assertInvalid(ok.replace("23-30", "23-29"), "total 30 is covered by 0 bands");
        assertInvalid(ok.replace("23-30", "23-31"), "band HIGH (23..31) reaches outside the scale 6..30");
        assertInvalid("id = x\nversion = 1\ninstrument = 1\nband.LOW = 23-30\nband.AVERAGE = 15-22\nband.HIGH = 6-14\n",
                "band AVERAGE (15..22) lies below band LOW (23..30)");
        assertInvalid(ok.replace("6-14", "14-6"), "runs backwards");
        assertInvalid(ok.replace("6-14", "6"), "is a range like 6-14");
    }

    @Test
    void a_rescoring_shows_both_bands_per_group() {
        ReportBasis basis = ReportBasis.of(List.of(batch("t-a", "aaaaaa"), batch("t-b", "cccccc")), 5);

        List<Rescoring.Group> groups = Rescoring.compare(basis, AlternativeScoring.parse(STRICT, OWN), List.of(
                GroupKey.round("r-1"), GroupKey.teamInRound("t-a", "r-1")));

        Rescoring.Group round = groups.get(0);
        assertThat(round.n()).isEqualTo(10);
        assertThat(round.own()).isEqualTo(Map.of(Band.LOW, 0, Band.AVERAGE, 10, Band.HIGH, 0));
        assertThat(round.alternative()).isEqualTo(Map.of(Band.LOW, 5, Band.AVERAGE, 5, Band.HIGH, 0));
        assertThat(round.moved()).isEqualTo(5);
        assertThat(round.assessmentIds()).hasSize(10);
        Rescoring.Group teamA = groups.get(1);
        assertThat(teamA.alternative()).isEqualTo(Map.of(Band.LOW, 5, Band.AVERAGE, 0, Band.HIGH, 0));
        assertThat(teamA.moved()).isEqualTo(5);
    }

    @Test
    void a_rescoring_counts_what_the_reports_count_released_batches_only() {
        ReportBasis basis = ReportBasis.of(List.of(batch("t-a", "aaaaaa"), batch("t-b", "cccccc")), 5);

        List<Rescoring.Group> groups = Rescoring.compare(basis, AlternativeScoring.parse(STRICT, OWN), List.of(
                GroupKey.teamInRound("t-small", "r-1")));

        assertThat(groups.get(0).n()).isZero();
        assertThat(groups.get(0).own()).isEqualTo(Map.of(Band.LOW, 0, Band.AVERAGE, 0, Band.HIGH, 0));
        assertThat(groups.get(0).moved()).isZero();
        assertThat(groups.get(0).assessmentIds()).isEmpty();
    }

    /** Own AVERAGE (16) and strict LOW (5) for "aaaaaa"; own AVERAGE (20) and strict AVERAGE (15) for "cccccc". */
    private static ReleasedBatch batch(String team, String answers) {
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            completions.add(completion(team, answers, i));
        }
        return new ReleasedBatch(1, java.time.Instant.parse("2026-03-02T12:00:00Z"), "r-1", team, 5, completions);
    }

    private static void assertInvalid(String text, String message) {
        assertThatThrownBy(() -> AlternativeScoring.parse(text, OWN))
                .isInstanceOf(AlternativeScoring.InvalidScoring.class).hasMessageContaining(message);
    }

    private static Map<Integer, Option> answers(String letters) {
        Map<Integer, Option> answers = new HashMap<>();
        for (int i = 0; i < letters.length(); i++) {
            answers.put(i + 1, Option.fromKey(String.valueOf(letters.charAt(i))));
        }
        return answers;
    }

    private static Completion completion(String team, String letters, int day) {
        var score = Instruments.current().score(answers(letters));
        return new Completion(team + "-" + letters + "-" + day, "r-1", team,
                Instant.parse("2026-03-0" + (day + 1) + "T10:00:00Z"), 1, score.answers(), score.band());
    }
}
