package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentAlreadyCompleted;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentIncomplete;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.InvalidAnswer;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;

/** The Axon shell: commands in, the domain's events out, state only through the sourcing handler. */
class AssessmentAggregateTest {

    private static final String ID = "7d0f6b8e-2c1a-4e5b-8f3d-9a6c4b2e1f07";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);
    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.NL, T0);

    private AggregateTestFixture<AssessmentAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AssessmentAggregate.class);
    }

    @Test
    void start() {
        fixture.givenNoPriorActivity()
                .when(new StartAssessmentCommand(new AssessmentId(ID), Language.NL, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED)
                .expectResultMessagePayload(AssessmentView.of(Assessment.startedWith(STARTED), 0));
    }

    @Test
    void answer_returns_the_view_it_leaves() {
        fixture.given(STARTED, answer(1, A))
                .when(new GiveAnswerCommand(ID, 2, "c", T1))
                .expectEvents(new AnswerGiven(ID, 2, C, T1))
                .expectResultMessagePayload(viewAfter(List.of(STARTED, answer(1, A), new AnswerGiven(ID, 2, C, T1))));
    }

    @Test
    void the_same_answer_again_emits_nothing_and_answers_the_view_as_it_is() {
        fixture.given(STARTED, answer(1, A))
                .when(new GiveAnswerCommand(ID, 1, "a", T1))
                .expectNoEvents()
                .expectResultMessagePayload(viewAfter(List.of(STARTED, answer(1, A))));
    }

    @Test
    void an_invalid_answer_is_refused_without_events() {
        fixture.given(STARTED)
                .when(new GiveAnswerCommand(ID, 7, "a", T1))
                .expectException(InvalidAnswer.class)
                .expectNoEvents();
        fixture.given(STARTED)
                .when(new GiveAnswerCommand(ID, 1, "x", T1))
                .expectException(InvalidAnswer.class)
                .expectNoEvents();
    }

    @Test
    void completion_with_missing_answers_is_refused() {
        fixture.given(STARTED, answer(1, A))
                .when(new CompleteAssessmentCommand(ID, T1))
                .expectException(AssessmentIncomplete.class)
                .expectNoEvents();
    }

    @Test
    void completion_scores() {
        AssessmentCompleted completed = new AssessmentCompleted(ID, 1, List.of(
                new ScoredAnswer(1, B, 3), new ScoredAnswer(2, A, 3), new ScoredAnswer(3, C, 3),
                new ScoredAnswer(4, C, 1), new ScoredAnswer(5, B, 1), new ScoredAnswer(6, A, 1)),
                new ColumnTotals(4, 4, 4), 12, Band.LOW, T1);
        List<Object> all = new ArrayList<>(allAnswered("baccba"));
        all.add(completed);
        fixture.given(allAnswered("baccba"))
                .when(new CompleteAssessmentCommand(ID, T1))
                .expectEvents(completed)
                .expectResultMessagePayload(viewAfter(all));
    }

    @Test
    void after_completion_answers_are_refused_and_completing_again_changes_nothing() {
        List<Object> completed = new ArrayList<>(allAnswered("cbabcc"));
        completed.add(new AssessmentCompleted(ID, 1, List.of(
                new ScoredAnswer(1, C, 5), new ScoredAnswer(2, B, 5), new ScoredAnswer(3, A, 5),
                new ScoredAnswer(4, B, 5), new ScoredAnswer(5, C, 5), new ScoredAnswer(6, C, 5)),
                new ColumnTotals(5, 10, 15), 30, Band.HIGH, T0));

        fixture.given(completed)
                .when(new GiveAnswerCommand(ID, 1, "a", T1))
                .expectException(AssessmentAlreadyCompleted.class)
                .expectNoEvents();
        fixture.given(completed)
                .when(new CompleteAssessmentCommand(ID, T1))
                .expectNoEvents()
                .expectResultMessagePayload(viewAfter(completed));
    }

    /** The respondent's view after these events (sequence numbers from 0). */
    private static AssessmentView viewAfter(List<Object> events) {
        Assessment assessment = Assessment.startedWith((AssessmentStarted) events.get(0));
        for (int sequence = 1; sequence < events.size(); sequence++) {
            assessment = assessment.evolve((nl.klantspiegel.domain.assessment.AssessmentEvent) events.get(sequence));
        }
        return AssessmentView.of(assessment, events.size() - 1);
    }

    private static AnswerGiven answer(int question, Option option) {
        return new AnswerGiven(ID, question, option, T0);
    }

    private static List<Object> allAnswered(String options) {
        List<Object> events = new ArrayList<>(List.of(STARTED));
        for (int i = 0; i < options.length(); i++) {
            events.add(answer(i + 1, Option.fromKey(String.valueOf(options.charAt(i)))));
        }
        return events;
    }
}
