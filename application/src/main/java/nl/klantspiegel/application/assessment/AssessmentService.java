package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AnswerQuestionUseCase;
import nl.klantspiegel.application.port.in.AssessmentHistoryQuery;
import nl.klantspiegel.application.port.in.AssessmentNotFound;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.CompleteAssessmentUseCase;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.in.StartAssessmentUseCase;
import nl.klantspiegel.application.port.in.ViewAssessmentQuery;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The respondent's use cases. Commands go to the {@link AssessmentAggregate}, where the domain decides on the
 * assessment as it is stored (whichever node handles it) and which answers with the view as the command left it.
 * Reads come from the assessment's own events in the log — a few lookups by {@code _id} — so they show every
 * acknowledged answer on every node at once, with no read model in between to wait for.
 */
public final class AssessmentService implements StartAssessmentUseCase, AnswerQuestionUseCase,
        CompleteAssessmentUseCase, ViewAssessmentQuery, AssessmentHistoryQuery {

    private final CommandGateway commands;
    private final EventLog log;
    private final Clock clock;

    public AssessmentService(CommandGateway commands, EventLog log, Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return Objects.requireNonNull(commands.sendAndWait(new StartAssessmentCommand(AssessmentId.newId(), language,
                participation, clock.instant())), "the aggregate answers every command with its view");
    }

    @Override
    public AssessmentView answer(AssessmentId id, int question, String option) {
        return send(id, new GiveAnswerCommand(id.value(), question, option, clock.instant()));
    }

    @Override
    public AssessmentView complete(AssessmentId id) {
        return send(id, new CompleteAssessmentCommand(id.value(), clock.instant()));
    }

    private AssessmentView send(AssessmentId id, Object command) {
        try {
            return Objects.requireNonNull(commands.sendAndWait(command),
                    "the aggregate answers every command with its view");
        } catch (AggregateNotFoundException unknown) {
            throw new AssessmentNotFound(id);
        }
    }

    @Override
    public Optional<AssessmentView> view(AssessmentId id) {
        return history(id).map(AssessmentService::viewOf);
    }

    @Override
    public Optional<List<RecordedEvent>> history(AssessmentId id) {
        return historyOf(log.aggregate(id.value()));
    }

    /**
     * An assessment's history from its stored events; empty when they are not an assessment's (none, or another
     * aggregate's under that id).
     */
    static Optional<List<RecordedEvent>> historyOf(List<EventLog.StoredEvent> stored) {
        if (stored.isEmpty() || !(stored.get(0).payload() instanceof AssessmentStarted)) {
            return Optional.empty();
        }
        List<RecordedEvent> history = new ArrayList<>(stored.size());
        for (EventLog.StoredEvent event : stored) {
            if (event.payload() instanceof AssessmentEvent assessmentEvent) {
                history.add(RecordedEvent.of(event.sequence(), event.timestamp(), assessmentEvent));
            }
        }
        return Optional.of(List.copyOf(history));
    }

    /** The respondent's view after a history (which starts with the assessment's start). */
    static AssessmentView viewOf(List<RecordedEvent> history) {
        Assessment assessment = Assessment.startedWith((AssessmentStarted) history.get(0).event());
        for (RecordedEvent recorded : history.subList(1, history.size())) {
            assessment = assessment.evolve(recorded.event());
        }
        return AssessmentView.of(assessment, history.get(history.size() - 1).sequence());
    }
}
