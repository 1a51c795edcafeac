package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a respondent sees: a view starts empty, takes each answer and the completion with its score, lists the
 * questions still open, has a score exactly when completed, and never changes once made.
 */
class AssessmentViewTest {

    private static final String ID = "9a8b7c6d-5e4f-4321-8fed-cba987654321";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);
    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.EN, T0);
    private static final List<ScoredAnswer> SCORED = List.of(
            new ScoredAnswer(1, Option.B, 3), new ScoredAnswer(2, Option.A, 3), new ScoredAnswer(3, Option.C, 3),
            new ScoredAnswer(4, Option.C, 1), new ScoredAnswer(5, Option.B, 1), new ScoredAnswer(6, Option.A, 1));

    @Test
    void a_started_assessment_has_no_answers_and_no_score() {
        AssessmentView view = AssessmentView.of(Assessment.startedWith(STARTED), 0);

        assertThat(view.id()).isEqualTo(new AssessmentId(ID));
        assertThat(view.version()).isZero();
        assertThat(view.status()).isEqualTo(AssessmentView.Status.IN_PROGRESS);
        assertThat(view.language()).isEqualTo(Language.EN);
        assertThat(view.instrumentVersion()).isEqualTo(1);
        assertThat(view.startedAt()).isEqualTo(T0);
        assertThat(view.answers()).isEmpty();
        assertThat(view.unanswered()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(view.result()).isEmpty();
        assertThat(view.completedAt()).isNull();
    }

    @Test
    void an_answer_is_taken_and_a_changed_answer_replaces_it() {
        AssessmentView started = AssessmentView.of(Assessment.startedWith(STARTED), 0);

        AssessmentView answered = AssessmentView.of(Assessment.startedWith(STARTED)
                .evolve(new AnswerGiven(ID, 4, Option.A, T1))
                .evolve(new AnswerGiven(ID, 2, Option.C, T1))
                .evolve(new AnswerGiven(ID, 4, Option.B, T1)), 3);

        assertThat(answered.version()).isEqualTo(3);
        assertThat(answered.answers()).containsExactly(Map.entry(2, Option.C), Map.entry(4, Option.B));
        assertThat(answered.unanswered()).containsExactly(1, 3, 5, 6);
        assertThat(answered.status()).isEqualTo(AssessmentView.Status.IN_PROGRESS);
        assertThat(answered.startedAt()).isEqualTo(T0);
        assertThat(started.answers()).as("the earlier view is unchanged").isEmpty();
    }

    @Test
    void completion_adds_the_score_and_keeps_the_answers() {
        Assessment assessment = Assessment.startedWith(STARTED);
        for (ScoredAnswer answer : SCORED) {
            assessment = assessment.evolve(new AnswerGiven(ID, answer.question(), answer.option(), T0));
        }
        AssessmentView answered = AssessmentView.of(assessment, 6);
        AssessmentCompleted completed = new AssessmentCompleted(ID, 1, SCORED, new ColumnTotals(4, 4, 4), 12,
                Band.LOW, T1);

        AssessmentView view = AssessmentView.of(assessment.evolve(completed), 7);

        assertThat(view.version()).isEqualTo(7);
        assertThat(view.status()).isEqualTo(AssessmentView.Status.COMPLETED);
        assertThat(view.completedAt()).isEqualTo(T1);
        assertThat(view.result()).contains(new Score(1, SCORED, new ColumnTotals(4, 4, 4), 12, Band.LOW));
        assertThat(view.answers()).isEqualTo(answered.answers());
        assertThat(view.unanswered()).isEmpty();
        assertThat(view.language()).isEqualTo(Language.EN);
        assertThat(view.startedAt()).isEqualTo(T0);
    }

    @Test
    void the_view_is_the_domains_state_with_the_sequence_number_given() {
        Assessment assessment = Assessment.startedWith(STARTED).evolve(new AnswerGiven(ID, 1, Option.C, T1));

        AssessmentView view = AssessmentView.of(assessment, 41);

        assertThat(view.version()).as("the event store's sequence number, not a count").isEqualTo(41);
        assertThat(view.answers()).isEqualTo(assessment.answers());
        assertThat(view.instrumentVersion()).isEqualTo(assessment.instrument().version());
        assertThatIllegalArgumentException().isThrownBy(() -> assessment.evolve(STARTED))
                .withMessageContaining("already started");
    }

    @Test
    void a_view_has_a_score_exactly_when_it_is_completed() {
        Score score = new Score(1, SCORED, new ColumnTotals(4, 4, 4), 12, Band.LOW);
        AssessmentId id = new AssessmentId(ID);

        assertThatIllegalArgumentException().isThrownBy(() -> new AssessmentView(id, 7,
                AssessmentView.Status.COMPLETED, Language.EN, 1, Map.of(), T0, null, T1));
        assertThatIllegalArgumentException().isThrownBy(() -> new AssessmentView(id, 7,
                AssessmentView.Status.IN_PROGRESS, Language.EN, 1, Map.of(), T0, score, null));
        assertThat(new AssessmentView(id, 7, AssessmentView.Status.COMPLETED, Language.EN, 1, Map.of(), T0, score, T1)
                .result()).contains(score);
    }

    @Test
    void the_answers_are_a_sorted_copy_that_cannot_be_changed() {
        Map<Integer, Option> given = new HashMap<>(Map.of(5, Option.A, 1, Option.C, 3, Option.B));
        AssessmentView view = new AssessmentView(new AssessmentId(ID), 3, AssessmentView.Status.IN_PROGRESS,
                Language.NL, 1, given, T0, null, null);
        given.put(6, Option.A);

        assertThat(view.answers().keySet()).containsExactly(1, 3, 5);
        assertThatThrownBy(() -> view.answers().put(2, Option.A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void id_status_and_language_are_required() {
        assertThatNullPointerException().isThrownBy(() -> new AssessmentView(null, 0,
                AssessmentView.Status.IN_PROGRESS, Language.NL, 1, Map.of(), T0, null, null)).withMessage("id");
        assertThatNullPointerException().isThrownBy(() -> new AssessmentView(new AssessmentId(ID), 0,
                null, Language.NL, 1, Map.of(), T0, null, null)).withMessage("status");
        assertThatNullPointerException().isThrownBy(() -> new AssessmentView(new AssessmentId(ID), 0,
                AssessmentView.Status.IN_PROGRESS, null, 1, Map.of(), T0, null, null)).withMessage("language");
    }
}
