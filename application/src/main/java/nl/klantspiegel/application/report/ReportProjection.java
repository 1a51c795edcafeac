package nl.klantspiegel.application.report;

import java.util.Objects;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.report.Completion;

/**
 * Keeps the facts the reports are computed from: for every assessment started through an organisation's invitation,
 * its round and team, and once completed, its answers and band. Assessments of the public test are not the
 * organisations' business and are skipped. Every write is keyed by the assessment, so a redelivered event changes
 * nothing; a reset forgets everything before the facts are built again from the first event.
 */
@ProcessingGroup(ReportProjection.PROCESSING_GROUP)
public class ReportProjection {

    public static final String PROCESSING_GROUP = "reports";

    private final ReportFacts facts;

    public ReportProjection(ReportFacts facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    @EventHandler
    void on(AssessmentStarted started) {
        started.participationIfAny().ifPresent(participation ->
                facts.started(started.assessmentId(), participation));
    }

    @EventHandler
    void on(AssessmentCompleted completed) {
        facts.participation(completed.assessmentId()).ifPresent(participation ->
                facts.completed(participation, new Completion(completed.assessmentId(), participation.roundId(),
                        participation.teamId(), completed.at(), completed.instrumentVersion(), completed.answers(),
                        completed.band())));
    }

    @ResetHandler
    void reset() {
        facts.clear();
    }
}
