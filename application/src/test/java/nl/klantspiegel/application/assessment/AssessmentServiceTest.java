package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.testing.InMemoryEventLog;
import nl.klantspiegel.application.testing.ScriptedCommandGateway;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.InvalidAnswer;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static nl.klantspiegel.application.testing.ScriptedCommandGateway.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The use cases on their own: each sends the right command (at the clock's time) and answers with what the aggregate
 * answered, the view as the command left it; an unknown assessment is reported as such; reads come from the
 * assessment's own events in the log, with nothing to wait for.
 */
class AssessmentServiceTest {

    private static final String ID = "5c4b3a29-1807-4f6e-8d5c-4b3a29180706";
    private static final AssessmentId ASSESSMENT = new AssessmentId(ID);
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant NOW = T0.plusSeconds(300);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.NL, T0);

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final ScriptedCommandGateway commands = new ScriptedCommandGateway();
    private final AssessmentService service = new AssessmentService(commands, log, CLOCK);

    // ----- commands -------------------------------------------------------------------------------------

    @Test
    void start_sends_a_new_public_assessment_and_answers_with_the_aggregates_view() {
        commands.then(command -> AssessmentView.of(Assessment.startedWith(Assessment.start(
                ((StartAssessmentCommand) command).assessmentId(), Language.EN, null, NOW)), 0));

        AssessmentView view = service.start(Language.EN);

        StartAssessmentCommand sent = (StartAssessmentCommand) commands.sent().get(0);
        assertThat(sent.language()).isEqualTo(Language.EN);
        assertThat(sent.participation()).isNull();
        assertThat(sent.at()).isEqualTo(NOW);
        assertThat(view.id()).isEqualTo(sent.assessmentId());
        assertThat(view.version()).isZero();
        assertThat(view.startedAt()).isEqualTo(NOW);
    }

    @Test
    void each_start_is_a_new_assessment() {
        commands.then(AssessmentServiceTest::started).then(AssessmentServiceTest::started);

        assertThat(service.start(Language.NL).id()).isNotEqualTo(service.start(Language.NL).id());
    }

    @Test
    void an_answer_is_sent_with_the_clock_time_and_answered_with_the_aggregates_view() {
        AssessmentView after = AssessmentView.of(Assessment.startedWith(STARTED)
                .evolve(new AnswerGiven(ID, 3, Option.B, NOW)), 1);
        commands.then(command -> after);

        AssessmentView view = service.answer(ASSESSMENT, 3, "b");

        assertThat(commands.sent()).containsExactly(new GiveAnswerCommand(ID, 3, "b", NOW));
        assertThat(view).isSameAs(after);
    }

    @Test
    void completing_sends_the_command_and_answers_with_the_aggregates_view() {
        AssessmentView after = AssessmentView.of(Assessment.startedWith(STARTED), 0);
        commands.then(command -> after);

        assertThat(service.complete(ASSESSMENT)).isSameAs(after);
        assertThat(commands.sent()).containsExactly(new CompleteAssessmentCommand(ID, NOW));
    }

    @Test
    void an_unknown_assessment_is_reported_as_not_found() {
        commands.then(failing(new AggregateNotFoundException(ID, "no such aggregate")))
                .then(failing(new AggregateNotFoundException(ID, "no such aggregate")));

        assertThatThrownBy(() -> service.answer(ASSESSMENT, 1, "a"))
                .isInstanceOfSatisfying(AssessmentNotFound.class, notFound -> assertThat(notFound.getMessage())
                        .contains(ID));
        assertThatThrownBy(() -> service.complete(ASSESSMENT)).isInstanceOf(AssessmentNotFound.class);
    }

    @Test
    void a_refusal_by_the_domain_is_passed_on_as_it_is() {
        InvalidAnswer refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidAnswer.class,
                () -> Assessment.startedWith(STARTED).answer(9, "a", NOW));
        commands.then(failing(refused));

        assertThatThrownBy(() -> service.answer(ASSESSMENT, 9, "a")).isSameAs(refused);
    }

    @Test
    void an_aggregate_that_answers_nothing_is_a_fault_not_an_empty_answer() {
        commands.then(command -> null).then(command -> null);

        assertThatNullPointerException().isThrownBy(() -> service.answer(ASSESSMENT, 1, "a"));
        assertThatNullPointerException().isThrownBy(() -> service.start(Language.NL));
    }

    // ----- reads ----------------------------------------------------------------------------------------

    @Test
    void the_view_and_the_history_come_from_the_assessments_events() {
        List<AssessmentEvent> events = taken("abcabc");
        events.forEach(log::add);
        log.add(new AssessmentStarted("6d5c4b3a-2918-4f07-9e6d-5c4b3a291807", 1, Language.EN, T0));

        AssessmentView view = service.view(ASSESSMENT).orElseThrow();
        List<RecordedEvent> history = service.history(ASSESSMENT).orElseThrow();

        assertThat(view.version()).isEqualTo(7);
        assertThat(view.status()).isEqualTo(AssessmentView.Status.COMPLETED);
        assertThat(view.answers()).containsEntry(1, Option.A).containsEntry(6, Option.C).hasSize(6);
        assertThat(view.result()).hasValueSatisfying(score -> assertThat(score.total())
                .isEqualTo(((AssessmentCompleted) events.get(7)).totalScore()));
        assertThat(history).extracting(RecordedEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(history).extracting(RecordedEvent::event).containsExactlyElementsOf(events);
        assertThat(history).extracting(RecordedEvent::type).startsWith("AssessmentStarted", "AnswerGiven")
                .endsWith("AssessmentCompleted");
        assertThat(history.get(0).recordedAt()).isEqualTo(log.aggregate(ID).get(0).timestamp());
    }

    @Test
    void an_answer_changed_shows_its_last_option() {
        log.add(STARTED);
        log.add(new AnswerGiven(ID, 2, Option.A, T0));
        log.add(new AnswerGiven(ID, 2, Option.C, T0));

        assertThat(service.view(ASSESSMENT).orElseThrow().answers()).isEqualTo(Map.of(2, Option.C));
        assertThat(service.view(ASSESSMENT).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void an_id_without_events_or_with_another_aggregates_events_is_no_assessment() {
        String organisation = "3a2b1c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
        log.add(new OrganisationRegistered(organisation, "Acme", 5, Actor.operator("op"), T0));

        assertThat(service.view(ASSESSMENT)).isEmpty();
        assertThat(service.history(ASSESSMENT)).isEmpty();
        assertThat(service.view(new AssessmentId(organisation))).isEmpty();
        assertThat(service.history(new AssessmentId(organisation))).isEmpty();
    }

    @Test
    void every_collaborator_is_required() {
        assertThatNullPointerException().isThrownBy(() -> new AssessmentService(null, log, CLOCK))
                .withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new AssessmentService(commands, null, CLOCK))
                .withMessage("log");
        assertThatNullPointerException().isThrownBy(() -> new AssessmentService(commands, log, null))
                .withMessage("clock");
    }

    private static Object started(Object command) {
        StartAssessmentCommand start = (StartAssessmentCommand) command;
        return AssessmentView.of(Assessment.startedWith(Assessment.start(start.assessmentId(), start.language(), null,
                start.at())), 0);
    }

    /** A whole run: started, the options given for questions 1 to 6, completed. */
    private static List<AssessmentEvent> taken(String options) {
        Assessment assessment = Assessment.startedWith(STARTED);
        List<AssessmentEvent> events = new java.util.ArrayList<>(List.of(STARTED));
        for (int question = 1; question <= options.length(); question++) {
            for (AssessmentEvent given : assessment.answer(question, options.substring(question - 1, question), T0)) {
                assessment = assessment.evolve(given);
                events.add(given);
            }
        }
        events.addAll(assessment.complete(NOW));
        return events;
    }
}
