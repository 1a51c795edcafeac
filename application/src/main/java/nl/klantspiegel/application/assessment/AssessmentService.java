package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AnswerQuestionUseCase;
import nl.klantspiegel.application.port.in.AssessmentHistoryQuery;
import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.CompleteAssessmentUseCase;
import nl.klantspiegel.application.port.in.ConcurrentChange;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.in.StartAssessmentUseCase;
import nl.klantspiegel.application.port.in.ViewAssessmentQuery;
import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The respondent's use cases. Commands go to the {@link AssessmentAggregate} (where the domain decides);
 * answers come from the read model, after waiting until it shows the command's effect. A plain read waits,
 * after a restart, until the read model shows every event stored before it ({@link ProjectionCatchUp}).
 */
public final class AssessmentService implements StartAssessmentUseCase, AnswerQuestionUseCase,
        CompleteAssessmentUseCase, ViewAssessmentQuery, AssessmentHistoryQuery {

    /** How often a command is tried when other processes keep changing the same assessment at the same time. */
    static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final AssessmentViews views;
    private final ViewUpdates updates;
    private final ProjectionCatchUp catchUp;
    private final Clock clock;
    private final Duration readYourWritesTimeout;

    public AssessmentService(CommandGateway commands, AssessmentViews views, ViewUpdates updates,
                             ProjectionCatchUp catchUp, Clock clock, Duration readYourWritesTimeout) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.views = Objects.requireNonNull(views, "views");
        this.updates = Objects.requireNonNull(updates, "updates");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readYourWritesTimeout = Objects.requireNonNull(readYourWritesTimeout, "readYourWritesTimeout");
    }

    @Override
    public AssessmentView start(Language language) {
        return startIn(null, language);
    }

    /**
     * Starts an assessment in an organisation's round, for a team, once the organisation admitted it.
     *
     * @param participation null for the public test
     */
    public AssessmentView startIn(Participation participation, Language language) {
        AssessmentId id = AssessmentId.newId();
        commands.sendAndWait(new StartAssessmentCommand(id, language, participation, clock.instant()));
        return updates.await(id, 0, views::find, readYourWritesTimeout);
    }

    @Override
    public AssessmentView answer(AssessmentId id, int question, String option) {
        return awaitVersion(id, send(id, new GiveAnswerCommand(id.value(), question, option, clock.instant())));
    }

    @Override
    public AssessmentView complete(AssessmentId id) {
        return awaitVersion(id, send(id, new CompleteAssessmentCommand(id.value(), clock.instant())));
    }

    @Override
    public Optional<AssessmentView> view(AssessmentId id) {
        awaitCaughtUp();
        return views.find(id);
    }

    @Override
    public Optional<List<RecordedEvent>> history(AssessmentId id) {
        awaitCaughtUp();
        return views.history(id);
    }

    /**
     * A command needs no such wait: its answer comes from the view of its own assessment at the version the
     * command produced, which includes every earlier event of that assessment.
     */
    private void awaitCaughtUp() {
        catchUp.await(AssessmentViewProjection.PROCESSING_GROUP, "assessment views", readYourWritesTimeout);
    }

    /**
     * Sends a command to an existing assessment. When another process appended to the same assessment at the same
     * moment, the store refuses the append ({@link ConcurrencyException}), the aggregate is dropped from the cache
     * and the command is sent again, on the assessment as it now is; the domain decides afresh.
     */
    private long send(AssessmentId id, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                Long version = commands.sendAndWait(command);
                return Objects.requireNonNull(version, "the aggregate answers every command with its version");
            } catch (AggregateNotFoundException unknown) {
                throw new AssessmentNotFound(id);
            } catch (ConcurrencyException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw new ConcurrentChange(id.value(), concurrent);
                }
            }
        }
    }

    private AssessmentView awaitVersion(AssessmentId id, long version) {
        return updates.await(id, version, views::find, readYourWritesTimeout);
    }
}
