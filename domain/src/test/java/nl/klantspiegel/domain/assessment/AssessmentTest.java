package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.InvalidAnswer;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Given these events, when this command, then these events (or this refusal). Deciding never changes the
 * state, and evolving gives a new state and leaves the earlier one as it was.
 */
class AssessmentTest {

    private static final String ID = "0b6c2f1e-8d3a-4c57-9e21-6f0a8b7c5d43";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.NL, T0);

    @Test
    void starting_uses_the_current_instrument() {
        AssessmentStarted started = Assessment.start(new AssessmentId(ID), Language.EN, T0);

        assertThat(started).isEqualTo(new AssessmentStarted(ID, 1, Language.EN, T0));
        Assessment assessment = Assessment.startedWith(started);
        assertThat(assessment.answers()).isEmpty();
        assertThat(assessment.isCompleted()).isFalse();
        assertThat(assessment.version()).isZero();
        assertThat(assessment.language()).isEqualTo(Language.EN);
        assertThat(assessment.id()).isEqualTo(ID);
        assertThat(assessment.instrument()).isSameAs(Instruments.current());
        assertThat(assessment.startedAt()).isEqualTo(T0);
        assertThat(assessment.evolve(new AnswerGiven(ID, 2, Option.A, T0.plusSeconds(60)))
                .evolve(Assessment.startedWith(started).answer(1, "b", T0.plusSeconds(90)).get(0)).startedAt())
                .as("answers keep when it started").isEqualTo(T0);
    }

    @Nested
    class Answering {

        @Test
        void a_first_answer_is_given() {
            given(STARTED)
                    .when(a -> a.answer(3, "b", T1))
                    .then(new AnswerGiven(ID, 3, B, T1));
        }

        @Test
        void changing_an_answer_gives_a_new_answer() {
            given(STARTED, answer(3, A))
                    .when(a -> a.answer(3, "c", T1))
                    .then(new AnswerGiven(ID, 3, C, T1));
        }

        @Test
        void the_same_option_again_changes_nothing() {
            given(STARTED, answer(3, A))
                    .when(a -> a.answer(3, "a", T1))
                    .thenNothing();
        }

        @Test
        void the_same_option_after_a_change_back_is_given_again() {
            given(STARTED, answer(3, A), answer(3, B))
                    .when(a -> a.answer(3, "a", T1))
                    .then(new AnswerGiven(ID, 3, A, T1));
        }

        @Test
        void option_keys_are_read_leniently() {
            given(STARTED)
                    .when(a -> a.answer(1, " C ", T1))
                    .then(new AnswerGiven(ID, 1, C, T1));
        }

        @Test
        void a_question_outside_1_to_6_is_refused() {
            given(STARTED).when(a -> a.answer(0, "a", T1)).thenRefused(InvalidAnswer.class);
            given(STARTED).when(a -> a.answer(7, "a", T1)).thenRefused(InvalidAnswer.class);
        }

        @Test
        void an_option_outside_a_b_c_is_refused() {
            given(STARTED).when(a -> a.answer(1, "d", T1)).thenRefused(InvalidAnswer.class);
            given(STARTED).when(a -> a.answer(1, "", T1)).thenRefused(InvalidAnswer.class);
            given(STARTED).when(a -> a.answer(1, null, T1)).thenRefused(InvalidAnswer.class);
            given(STARTED).when(a -> a.answer(1, "ab", T1)).thenRefused(InvalidAnswer.class);
        }

        @Test
        void nothing_can_be_answered_after_completion() {
            given(allAnswered("cbabcc")).and(completedWith("cbabcc"))
                    .when(a -> a.answer(1, "a", T1))
                    .thenRefused(AssessmentAlreadyCompleted.class);
            Assessment completed = replay(allAnswered("cbabcc")).evolve(completedWith("cbabcc"));
            assertThatThrownBy(() -> completed.answer(1, "a", T1))
                    .hasMessage("Assessment " + ID + " is already completed; its answers can no longer change.");
        }

        @Test
        void not_even_the_same_answer_after_completion() {
            given(allAnswered("cbabcc")).and(completedWith("cbabcc"))
                    .when(a -> a.answer(1, "c", T1))
                    .thenRefused(AssessmentAlreadyCompleted.class);
        }
    }

    @Nested
    class Completing {

        @Test
        void completion_scores_the_final_answers() {
            List<AssessmentEvent> history = allAnswered("aaaaaa");
            history.add(answer(2, B));
            history.add(answer(6, C));
            given(history)
                    .when(a -> a.complete(T1))
                    .then(new AssessmentCompleted(ID, 1, List.of(
                            new ScoredAnswer(1, A, 1),
                            new ScoredAnswer(2, B, 5),
                            new ScoredAnswer(3, A, 5),
                            new ScoredAnswer(4, A, 3),
                            new ScoredAnswer(5, A, 3),
                            new ScoredAnswer(6, C, 5)),
                            new ColumnTotals(12, 5, 5), 22, Band.AVERAGE, T1));
        }

        @Test
        void completion_needs_all_six_answers() {
            List<AssessmentEvent> fiveAnswers = allAnswered("abcab");
            given(fiveAnswers).when(a -> a.complete(T1)).thenRefused(AssessmentIncomplete.class);
            assertThatThrownBy(() -> replay(fiveAnswers).complete(T1))
                    .isInstanceOfSatisfying(AssessmentIncomplete.class,
                            e -> assertThat(e.unanswered()).containsExactly(6))
                    .hasMessageEndingWith("question 6 has no answer.");
        }

        @Test
        void a_fresh_assessment_lists_every_unanswered_question() {
            assertThatThrownBy(() -> replay(List.of(STARTED)).complete(T1))
                    .isInstanceOfSatisfying(AssessmentIncomplete.class,
                            e -> assertThat(e.unanswered()).containsExactly(1, 2, 3, 4, 5, 6))
                    .hasMessage("Assessment " + ID + " cannot be completed yet: "
                            + "questions 1, 2, 3, 4, 5, 6 have no answer.");
        }

        @Test
        void completing_again_changes_nothing() {
            given(allAnswered("cbabcc")).and(completedWith("cbabcc"))
                    .when(a -> a.complete(T1))
                    .thenNothing();
        }

        @Test
        void the_completed_state_keeps_the_score() {
            Assessment completed = replay(allAnswered("cbabcc")).evolve(completedWith("cbabcc"));
            assertThat(completed.isCompleted()).isTrue();
            assertThat(completed.completion()).get()
                    .satisfies(c -> assertThat(c.totalScore()).isEqualTo(30))
                    .satisfies(c -> assertThat(c.band()).isEqualTo(Band.HIGH));
            assertThat(completed.version()).isEqualTo(7);
        }
    }

    @Nested
    class Evolving {

        @Test
        void the_version_counts_the_events_after_the_start() {
            assertThat(replay(List.of(STARTED, answer(1, A), answer(1, B))).version()).isEqualTo(2);
        }

        @Test
        void answers_are_kept_in_question_order() {
            Assessment assessment = replay(List.of(STARTED, answer(5, A), answer(2, C), answer(5, B)));
            assertThat(assessment.answers()).containsExactly(entry(2, C), entry(5, B));
            assertThat(assessment.unansweredQuestions()).containsExactly(1, 3, 4, 6);
        }

        @Test
        void events_of_another_assessment_are_refused() {
            Assessment assessment = replay(List.of(STARTED));
            AnswerGiven foreign = new AnswerGiven("another", 1, A, T1);
            assertThatThrownBy(() -> assessment.evolve(foreign)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event of assessment another applied to " + ID);
        }

        @Test
        void an_assessment_starts_only_once() {
            Assessment assessment = replay(List.of(STARTED));
            assertThatThrownBy(() -> assessment.evolve(STARTED)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("assessment " + ID + " was already started");
        }

        @Test
        void evolving_gives_a_new_state_and_never_changes_the_earlier_one() {
            Assessment before = replay(List.of(STARTED, answer(1, A)));

            Assessment answered = before.evolve(answer(2, B));
            Assessment completed = replay(allAnswered("cbabcc"));
            Assessment afterCompletion = completed.evolve(completedWith("cbabcc"));

            assertThat(answered).isNotSameAs(before);
            assertThat(answered.answers()).containsExactly(entry(1, A), entry(2, B));
            assertThat(answered.version()).isEqualTo(2);
            assertThat(before.answers()).containsExactly(entry(1, A));
            assertThat(before.version()).isEqualTo(1);

            assertThat(afterCompletion.isCompleted()).isTrue();
            assertThat(completed.isCompleted()).isFalse();
            assertThat(completed.completion()).isEmpty();
            assertThat(completed.version()).isEqualTo(6);
        }

        @Test
        void the_answers_of_a_state_cannot_be_changed_from_outside() {
            Assessment fresh = replay(List.of(STARTED));
            Assessment answered = fresh.evolve(answer(1, A));

            assertThatThrownBy(() -> fresh.answers().put(1, C)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> answered.answers().put(1, C)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(answered.answers()).containsExactly(entry(1, A));
        }
    }

    @Nested
    class Deciding {

        @Test
        void deciding_never_changes_the_state() {
            Assessment state = replay(allAnswered("aaaaaa"));

            List<AssessmentEvent> answered = state.answer(1, "c", T1);
            List<AssessmentEvent> completed = state.complete(T1);

            assertThat(answered).containsExactly(new AnswerGiven(ID, 1, C, T1));
            assertThat(completed).singleElement().isInstanceOfSatisfying(AssessmentCompleted.class,
                    c -> assertThat(c.answers()).extracting(ScoredAnswer::option).containsOnly(A));
            assertThat(state.answers()).containsEntry(1, A).hasSize(6);
            assertThat(state.isCompleted()).isFalse();
            assertThat(state.completion()).isEmpty();
            assertThat(state.version()).isEqualTo(6);
        }
    }

    // ----- the given/when/then harness --------------------------------------------------------------

    private static AnswerGiven answer(int question, Option option) {
        return new AnswerGiven(ID, question, option, T0);
    }

    private static List<AssessmentEvent> allAnswered(String options) {
        List<AssessmentEvent> events = new ArrayList<>(List.of(STARTED));
        for (int i = 0; i < options.length(); i++) {
            events.add(answer(i + 1, Option.fromKey(String.valueOf(options.charAt(i)))));
        }
        return events;
    }

    private static AssessmentCompleted completedWith(String options) {
        return (AssessmentCompleted) replay(allAnswered(options)).complete(T0).get(0);
    }

    private static Assessment replay(List<AssessmentEvent> history) {
        Assessment state = Assessment.startedWith((AssessmentStarted) history.get(0));
        for (AssessmentEvent event : history.subList(1, history.size())) {
            state = state.evolve(event);
        }
        return state;
    }

    private static Given given(AssessmentEvent... history) {
        return new Given(new ArrayList<>(List.of(history)));
    }

    private static Given given(List<AssessmentEvent> history) {
        return new Given(new ArrayList<>(history));
    }

    private record Given(List<AssessmentEvent> history) {
        Given and(AssessmentEvent event) {
            history.add(event);
            return this;
        }

        When when(Function<Assessment, List<AssessmentEvent>> command) {
            return new When(replay(history), command);
        }
    }

    private record When(Assessment state, Function<Assessment, List<AssessmentEvent>> command) {
        void then(AssessmentEvent... expected) {
            assertThat(command.apply(state)).containsExactly(expected);
        }

        void thenNothing() {
            assertThat(command.apply(state)).isEmpty();
        }

        void thenRefused(Class<? extends RuntimeException> refusal) {
            assertThatThrownBy(() -> command.apply(state)).isInstanceOf(refusal);
        }
    }
}
