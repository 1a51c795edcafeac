package nl.klantspiegel.application.assessment;

import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.util.List;

/**
 * The thin Axon shell around the pure {@link Assessment}: command handlers ask the domain what should
 * happen and apply the events it answers; the one sourcing handler lets the domain evolve. Every decision
 * is the domain's; nothing here changes state but the sourcing handler.
 */
public class AssessmentAggregate {

    @AggregateIdentifier
    private String assessmentId;
    private Assessment assessment;

    /** For Axon, to rebuild the aggregate from its events. */
    protected AssessmentAggregate() {
    }

    @CommandHandler
    public AssessmentAggregate(StartAssessmentCommand command) {
        AggregateLifecycle.apply(Assessment.start(command.assessmentId(), command.language(), command.participation(),
                command.at()));
    }

    /** @return the version of the assessment after the command, for reading one's own writes */
    @CommandHandler
    public long handle(GiveAnswerCommand command) {
        return applyAll(assessment.answer(command.question(), command.option(), command.at()));
    }

    /** @return the version of the assessment after the command, for reading one's own writes */
    @CommandHandler
    public long handle(CompleteAssessmentCommand command) {
        return applyAll(assessment.complete(command.at()));
    }

    private long applyAll(List<AssessmentEvent> events) {
        events.forEach(AggregateLifecycle::apply);
        return assessment.version();
    }

    @EventSourcingHandler
    void on(AssessmentEvent event) {
        assessment = event instanceof AssessmentStarted started
                ? Assessment.startedWith(started)
                : assessment.evolve(event);
        assessmentId = assessment.id();
    }
}
