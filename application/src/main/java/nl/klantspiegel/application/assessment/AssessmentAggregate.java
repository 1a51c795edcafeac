package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;

/**
 * The thin Axon shell around the pure {@link Assessment}: command handlers ask the domain what should
 * happen and apply the events it answers; the one sourcing handler lets the domain evolve. Every decision
 * is the domain's; nothing here changes state but the sourcing handler.
 *
 * <p>Every command answers with the respondent's view of the assessment as the command left it: the state it was
 * decided on plus what it applied. So a request reads its own write without waiting for anything, on whichever node
 * it was handled.
 */
public class AssessmentAggregate {

    @AggregateIdentifier
    private String assessmentId;
    private Assessment assessment;
    private AssessmentView view;

    /** For Axon, to rebuild the aggregate from its events and to make a new one. */
    protected AssessmentAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public AssessmentView handle(StartAssessmentCommand command) {
        AggregateLifecycle.apply(Assessment.start(command.assessmentId(), command.language(), command.participation(),
                command.at()));
        return view;
    }

    @CommandHandler
    public AssessmentView handle(GiveAnswerCommand command) {
        return applyAll(assessment.answer(command.question(), command.option(), command.at()));
    }

    @CommandHandler
    public AssessmentView handle(CompleteAssessmentCommand command) {
        return applyAll(assessment.complete(command.at()));
    }

    private AssessmentView applyAll(List<AssessmentEvent> events) {
        events.forEach(AggregateLifecycle::apply);
        return view;
    }

    @EventSourcingHandler
    void on(AssessmentEvent event, @SequenceNumber long sequence) {
        assessment = event instanceof AssessmentStarted started ? Assessment.startedWith(started)
                : assessment.evolve(event);
        view = AssessmentView.of(assessment, sequence);
        assessmentId = assessment.id();
    }
}
