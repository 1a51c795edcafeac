package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.InProgress;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.AnswerChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps, for the assessments taken in organisations' rounds, every change of an answer before completion — what only
 * the event log remembers. A new projection: on its first start its tracking processor begins at the first event, so
 * it fills from all the history there is. Each assessment's events are applied once, in order, by their sequence
 * number: a redelivered event is older than the last one applied and changes nothing.
 */
@ProcessingGroup(AnswerChangeProjection.PROCESSING_GROUP)
public class AnswerChangeProjection {

    public static final String PROCESSING_GROUP = "answer-changes";

    private final AnswerChangeFacts facts;

    public AnswerChangeProjection(AnswerChangeFacts facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    @EventHandler
    void on(AssessmentStarted started, @SequenceNumber long sequence) {
        started.participationIfAny().ifPresent(where -> {
            if (facts.inProgress(started.assessmentId()).isEmpty()) {
                facts.save(new InProgress(started.assessmentId(), where, sequence, Map.of(), List.of()));
            }
        });
    }

    @EventHandler
    void on(AnswerGiven given, @SequenceNumber long sequence) {
        facts.inProgress(given.assessmentId()).filter(assessment -> sequence > assessment.lastSequence())
                .ifPresent(assessment -> {
                    Map<Integer, Option> answers = new HashMap<>(assessment.answers());
                    List<AnswerChanges.Change> changes = new ArrayList<>(assessment.changes());
                    Option before = answers.put(given.question(), given.option());
                    if (before != null && before != given.option()) {
                        changes.add(new AnswerChanges.Change(given.question(), before, given.option()));
                    }
                    facts.save(new InProgress(assessment.assessmentId(), assessment.participation(), sequence,
                            answers, changes));
                });
    }

    @EventHandler
    void on(AssessmentCompleted completed, @SequenceNumber long sequence) {
        facts.inProgress(completed.assessmentId()).filter(assessment -> sequence > assessment.lastSequence())
                .ifPresent(assessment -> facts.complete(assessment.participation(), new AnswerChanges.Completed(
                        assessment.assessmentId(), assessment.participation().roundId(), completed.band(),
                        assessment.changes())));
    }

    @ResetHandler
    void reset() {
        facts.clear();
    }
}
