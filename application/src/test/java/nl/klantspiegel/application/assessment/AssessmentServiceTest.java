package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.ConcurrentChange;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.in.ViewNotYetUpToDate;
import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.application.testing.InMemoryAssessmentViews;
import nl.klantspiegel.application.testing.InMemorySharedTokens;
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
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The use cases on their own: each sends the right command (at the clock's time) and answers from the read model
 * once it shows the command's effect; a command that meets a concurrent append is tried again, at most
 * {@link AssessmentService#ATTEMPTS} times; an unknown assessment is reported as such; plain reads wait until the
 * projection has caught up with the events stored before the start.
 */
class AssessmentServiceTest {

    private static final String ID = "5c4b3a29-1807-4f6e-8d5c-4b3a29180706";
    private static final AssessmentId ASSESSMENT = new AssessmentId(ID);
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant NOW = T0.plusSeconds(300);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AssessmentStarted STARTED = new AssessmentStarted(ID, 1, Language.NL, T0);
    private static final ProjectionCatchUp ALWAYS_CAUGHT_UP =
            new ProjectionCatchUp(null, new InMemorySharedTokens());

    private final InMemoryAssessmentViews views = new InMemoryAssessmentViews();
    private final ViewUpdates updates = new ViewUpdates();
    private final AssessmentViewProjection projection = new AssessmentViewProjection(views, updates);
    private final ScriptedCommandGateway commands = new ScriptedCommandGateway();
    private final AssessmentService service =
            new AssessmentService(commands, views, updates, ALWAYS_CAUGHT_UP, CLOCK, TIMEOUT);

    // ----- start ----------------------------------------------------------------------------------------

    @Test
    void start_sends_a_new_assessment_and_answers_with_its_view() {
        commands.then(this::startProjected);

        AssessmentView view = service.start(Language.EN);

        StartAssessmentCommand sent = (StartAssessmentCommand) commands.sent().get(0);
        assertThat(sent.language()).isEqualTo(Language.EN);
        assertThat(sent.at()).isEqualTo(NOW);
        assertThat(view.id()).isEqualTo(sent.assessmentId());
        assertThat(view.version()).isZero();
        assertThat(view.status()).isEqualTo(AssessmentView.Status.IN_PROGRESS);
        assertThat(view.language()).isEqualTo(Language.EN);
        assertThat(view.startedAt()).isEqualTo(NOW);
    }

    @Test
    void each_start_is_a_new_assessment() {
        commands.then(this::startProjected).then(this::startProjected);

        assertThat(service.start(Language.NL).id()).isNotEqualTo(service.start(Language.NL).id());
    }

    @Test
    void a_start_whose_view_stays_behind_still_tells_the_new_id() {
        commands.then(command -> ((StartAssessmentCommand) command).assessmentId().value());

        assertThatThrownBy(() -> service(Duration.ofMillis(80)).start(Language.NL))
                .isInstanceOfSatisfying(ViewNotYetUpToDate.class, behind -> assertThat(behind.id())
                        .isEqualTo(((StartAssessmentCommand) commands.sent().get(0)).assessmentId()));
    }

    // ----- answer and complete -------------------------------------------------------------------------

    @Test
    void an_answer_is_sent_with_the_clock_time_and_answered_with_the_view_at_its_version() {
        projection.on(STARTED, 0, T0);
        commands.then(projectingLater(new AnswerGiven(ID, 3, Option.B, NOW), 1));

        AssessmentView view = service.answer(ASSESSMENT, 3, "b");

        assertThat(commands.sent()).containsExactly(new GiveAnswerCommand(ID, 3, "b", NOW));
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.answers()).containsExactly(Map.entry(3, Option.B));
    }

    @Test
    void completing_sends_the_command_and_answers_with_the_scored_view() {
        Assessment assessment = Assessment.startedWith(STARTED);
        projection.on(STARTED, 0, T0);
        String options = "abcabc";
        for (int question = 1; question <= options.length(); question++) {
            for (AssessmentEvent given : assessment.answer(question, options.substring(question - 1, question), T0)) {
                assessment = assessment.evolve(given);
                projection.on(given, assessment.version(), T0);
            }
        }
        AssessmentCompleted completed = (AssessmentCompleted) assessment.complete(NOW).get(0);
        commands.then(projectingLater(completed, 7));

        AssessmentView view = service.complete(ASSESSMENT);

        assertThat(commands.sent()).containsExactly(new CompleteAssessmentCommand(ID, NOW));
        assertThat(view.version()).isEqualTo(7);
        assertThat(view.status()).isEqualTo(AssessmentView.Status.COMPLETED);
        assertThat(view.completedAt()).isEqualTo(NOW);
        assertThat(view.result()).hasValueSatisfying(score -> assertThat(score.total())
                .isEqualTo(completed.totalScore()));
    }

    @Test
    void a_view_that_never_reaches_the_commands_version_is_reported() {
        projection.on(STARTED, 0, T0);
        commands.then(command -> 1L);

        assertThatThrownBy(() -> service(Duration.ofMillis(80)).answer(ASSESSMENT, 1, "a"))
                .isInstanceOfSatisfying(ViewNotYetUpToDate.class,
                        behind -> assertThat(behind.id()).isEqualTo(ASSESSMENT))
                .hasMessageContaining("version 1");
    }

    @Test
    void an_unknown_assessment_is_reported_as_not_found_without_trying_again() {
        commands.then(failing(new AggregateNotFoundException(ID, "no such aggregate")));
        assertThatThrownBy(() -> service.answer(ASSESSMENT, 1, "a"))
                .isInstanceOf(AssessmentNotFound.class)
                .hasMessageContaining(ID);

        commands.then(failing(new AggregateNotFoundException(ID, "no such aggregate")));
        assertThatThrownBy(() -> service.complete(ASSESSMENT))
                .isInstanceOf(AssessmentNotFound.class)
                .hasMessageContaining(ID);

        assertThat(commands.sent()).hasSize(2);
    }

    @Test
    void a_refusal_by_the_domain_is_passed_on_as_it_is_without_trying_again() {
        Throwable refused = catchThrowable(() -> Assessment.startedWith(STARTED).answer(99, "a", NOW));
        commands.then(failing((RuntimeException) refused));

        assertThatThrownBy(() -> service.answer(ASSESSMENT, 99, "a")).isSameAs(refused).isInstanceOf(InvalidAnswer.class);
        assertThat(commands.sent()).hasSize(1);
    }

    // ----- concurrent appends --------------------------------------------------------------------------

    @Test
    void a_concurrent_append_is_tried_again_on_the_new_state() {
        projection.on(STARTED, 0, T0);
        projection.on(new AnswerGiven(ID, 1, Option.C, T0), 1, T0);
        commands.then(failing(new ConcurrencyException("someone else appended event 1")))
                .then(projecting(new AnswerGiven(ID, 2, Option.A, NOW), 2));

        AssessmentView view = service.answer(ASSESSMENT, 2, "a");

        assertThat(commands.sent()).containsExactly(new GiveAnswerCommand(ID, 2, "a", NOW),
                new GiveAnswerCommand(ID, 2, "a", NOW));
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.answers()).containsEntry(1, Option.C).containsEntry(2, Option.A);
    }

    @Test
    void the_third_attempt_may_still_succeed() {
        projection.on(STARTED, 0, T0);
        commands.then(failing(new ConcurrencyException("first")))
                .then(failing(new ConcurrencyException("second")))
                .then(projecting(new AnswerGiven(ID, 4, Option.B, NOW), 1));

        assertThat(service.answer(ASSESSMENT, 4, "b").answers()).containsEntry(4, Option.B);
        assertThat(commands.sent()).hasSize(AssessmentService.ATTEMPTS);
    }

    @Test
    void after_three_concurrent_appends_the_change_is_given_up_with_the_last_cause() {
        ConcurrencyException last = new ConcurrencyException("third");
        commands.then(failing(new ConcurrencyException("first")))
                .then(failing(new ConcurrencyException("second")))
                .then(failing(last));

        assertThatThrownBy(() -> service.complete(ASSESSMENT))
                .isInstanceOf(ConcurrentChange.class)
                .hasMessageContaining(ID)
                .hasCause(last);
        assertThat(AssessmentService.ATTEMPTS).isEqualTo(3);
        assertThat(commands.sent()).hasSize(3).containsOnly(new CompleteAssessmentCommand(ID, NOW));
    }

    // ----- plain reads ---------------------------------------------------------------------------------

    @Test
    void view_and_history_read_the_read_model() {
        projection.on(STARTED, 0, T0);
        projection.on(new AnswerGiven(ID, 5, Option.A, T0), 1, T0);

        assertThat(service.view(ASSESSMENT)).hasValueSatisfying(view -> {
            assertThat(view.version()).isEqualTo(1);
            assertThat(view.answers()).containsEntry(5, Option.A);
        });
        assertThat(service.history(ASSESSMENT)).hasValueSatisfying(history ->
                assertThat(history).extracting(RecordedEvent::type).containsExactly("AssessmentStarted", "AnswerGiven"));
        AssessmentId unknown = new AssessmentId("00000000-0000-4000-8000-000000000000");
        assertThat(service.view(unknown)).isEmpty();
        assertThat(service.history(unknown)).isEmpty();
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void reads_are_refused_while_the_views_catch_up_and_served_once_they_have() {
        projection.on(STARTED, 0, T0);
        InMemorySharedTokens tokens = new InMemorySharedTokens();
        ProjectionCatchUp catchUp = new ProjectionCatchUp(new GlobalSequenceTrackingToken(41), tokens);
        AssessmentService restarted =
                new AssessmentService(commands, views, updates, catchUp, CLOCK, Duration.ofMillis(60));

        tokens.put(AssessmentViewProjection.PROCESSING_GROUP, 0, new GlobalSequenceTrackingToken(40), "a node");
        assertThatThrownBy(() -> restarted.view(ASSESSMENT))
                .isInstanceOf(ViewsCatchingUp.class)
                .hasMessageContaining("assessment views")
                .hasMessageContaining("60 ms");
        assertThatThrownBy(() -> restarted.history(ASSESSMENT)).isInstanceOf(ViewsCatchingUp.class);

        tokens.put(AssessmentViewProjection.PROCESSING_GROUP, 0, new GlobalSequenceTrackingToken(41), "a node");
        assertThat(restarted.view(ASSESSMENT)).isPresent();
        assertThat(restarted.history(ASSESSMENT)).hasValueSatisfying(history -> assertThat(history).hasSize(1));
    }

    @Test
    void a_read_waits_for_the_views_to_catch_up() throws Exception {
        projection.on(STARTED, 0, T0);
        InMemorySharedTokens tokens = new InMemorySharedTokens()
                .put(AssessmentViewProjection.PROCESSING_GROUP, 0, new GlobalSequenceTrackingToken(3), "a node");
        ProjectionCatchUp catchUp = new ProjectionCatchUp(new GlobalSequenceTrackingToken(4), tokens);
        AssessmentService restarted = new AssessmentService(commands, views, updates, catchUp, CLOCK, TIMEOUT);

        CompletableFuture<Optional<AssessmentView>> reading = CompletableFuture.supplyAsync(() -> restarted.view(ASSESSMENT));
        Thread.sleep(30);
        assertThat(reading).isNotDone();
        tokens.put(AssessmentViewProjection.PROCESSING_GROUP, 0, new GlobalSequenceTrackingToken(4), "a node");

        assertThat(reading.get(30, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void commands_do_not_wait_for_the_views_to_catch_up() {
        projection.on(STARTED, 0, T0);
        ProjectionCatchUp neverCaughtUp = new ProjectionCatchUp(new GlobalSequenceTrackingToken(99),
                new InMemorySharedTokens());
        AssessmentService restarted = new AssessmentService(commands, views, updates, neverCaughtUp, CLOCK, TIMEOUT);
        commands.then(projecting(new AnswerGiven(ID, 1, Option.A, NOW), 1));

        assertThat(restarted.answer(ASSESSMENT, 1, "a").version()).isEqualTo(1);
    }

    // ----- construction --------------------------------------------------------------------------------

    @Test
    void every_collaborator_is_required() {
        assertThatNullPointerException().isThrownBy(
                () -> new AssessmentService(null, views, updates, ALWAYS_CAUGHT_UP, CLOCK, TIMEOUT)).withMessage("commands");
        assertThatNullPointerException().isThrownBy(
                () -> new AssessmentService(commands, null, updates, ALWAYS_CAUGHT_UP, CLOCK, TIMEOUT)).withMessage("views");
        assertThatNullPointerException().isThrownBy(
                () -> new AssessmentService(commands, views, null, ALWAYS_CAUGHT_UP, CLOCK, TIMEOUT)).withMessage("updates");
        assertThatNullPointerException().isThrownBy(
                () -> new AssessmentService(commands, views, updates, null, CLOCK, TIMEOUT)).withMessage("catchUp");
        assertThatNullPointerException().isThrownBy(
                () -> new AssessmentService(commands, views, updates, ALWAYS_CAUGHT_UP, null, TIMEOUT)).withMessage("clock");
        assertThatNullPointerException().isThrownBy(
                () -> new AssessmentService(commands, views, updates, ALWAYS_CAUGHT_UP, CLOCK, null))
                .withMessage("readYourWritesTimeout");
    }

    // ----- helpers -------------------------------------------------------------------------------------

    /** The aggregate starts the assessment; the projection shows it at once. */
    private Object startProjected(Object command) {
        StartAssessmentCommand start = (StartAssessmentCommand) command;
        projection.on(Assessment.start(start.assessmentId(), start.language(), start.at()), 0, start.at());
        return start.assessmentId().value();
    }

    private AssessmentService service(Duration readYourWritesTimeout) {
        return new AssessmentService(commands, views, updates, ALWAYS_CAUGHT_UP, CLOCK, readYourWritesTimeout);
    }

    /** The aggregate stores the event; the projection shows it at once. Answers with the new version. */
    private Function<Object, Object> projecting(AssessmentEvent event, long sequence) {
        return command -> {
            projection.on(event, sequence, NOW);
            return sequence;
        };
    }

    /**
     * The aggregate stores the event; the projection shows it only after the service has first read the view: the
     * service must wait for the version it was answered, not take the view as it finds it.
     */
    private Function<Object, Object> projectingLater(AssessmentEvent event, long sequence) {
        return command -> {
            views.afterNextRead(() -> projection.on(event, sequence, NOW));
            return sequence;
        };
    }

    private static Function<Object, Object> failing(RuntimeException failure) {
        return command -> {
            throw failure;
        };
    }

    /**
     * The command side, scripted: each command sent gets the next answer (the aggregate's result, or its failure).
     * A command beyond the script fails the test.
     */
}
