package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AnswerChangeFacts.InProgress;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.AnswerChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps, for the assessments taken in organisations' rounds, every change of an answer before completion — what only
 * the event log remembers. A new projection: on its first start its tracking processor begins at the first event, so
 * it fills from all the history there is. Each assessment's events are applied once, in order, by their sequence
 * number: a redelivered event is older than the last one applied and changes nothing.
 *
 * <p>Events come in batches (a tracking processor's unit of work). The projection gathers a batch's events and, at its
 * last one, reads the assessments they concern at once, applies the events in order and writes what changed at once:
 * two or three store calls a batch instead of two per event, which is what lets it keep up with answers coming from
 * several nodes (one by one it fell behind at about 100 events per second and a restarted node was not ready until the
 * load stopped). It writes before the batch's position is stored: a crash in between makes the batch come again, and
 * the sequence numbers make that change nothing. Outside a batch (a single event) it writes at once.
 */
@ProcessingGroup(AnswerChangeProjection.PROCESSING_GROUP)
public class AnswerChangeProjection {

    public static final String PROCESSING_GROUP = "answer-changes";
    /** Its views, as a use case waits for them to catch up after a start. */
    public static final CatchUpWait.Views VIEWS = new CatchUpWait.Views(PROCESSING_GROUP, "answer changes");
    private static final String PENDING = AnswerChangeProjection.class.getName() + ".pending";

    private final AnswerChangeFacts facts;

    public AnswerChangeProjection(AnswerChangeFacts facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    /** One event on its own: written at once. */
    void on(AssessmentStarted started, long sequence) {
        on(started, sequence, null);
    }

    /** One event on its own: written at once. */
    void on(AnswerGiven given, long sequence) {
        on(given, sequence, null);
    }

    /** One event on its own: written at once. */
    void on(AssessmentCompleted completed, long sequence) {
        on(completed, sequence, null);
    }

    @EventHandler
    void on(AssessmentStarted started, @SequenceNumber long sequence, UnitOfWork<?> unitOfWork) {
        if (started.participationIfAny().isPresent()) {
            gather(unitOfWork, started.assessmentId(), sequence, started);
        } else {
            writeIfLast(unitOfWork);
        }
    }

    @EventHandler
    void on(AnswerGiven given, @SequenceNumber long sequence, UnitOfWork<?> unitOfWork) {
        gather(unitOfWork, given.assessmentId(), sequence, given);
    }

    @EventHandler
    void on(AssessmentCompleted completed, @SequenceNumber long sequence, UnitOfWork<?> unitOfWork) {
        gather(unitOfWork, completed.assessmentId(), sequence, completed);
    }

    /** Every other event: only the end of a batch matters. */
    @EventHandler
    void on(Object other, UnitOfWork<?> unitOfWork) {
        writeIfLast(unitOfWork);
    }

    @ResetHandler
    void reset() {
        facts.clear();
    }

    private void gather(UnitOfWork<?> unitOfWork, String assessmentId, long sequence, Object event) {
        List<Pending> pending = unitOfWork == null ? new ArrayList<>()
                : unitOfWork.root().getOrComputeResource(PENDING, key -> new ArrayList<Pending>());
        pending.add(new Pending(assessmentId, sequence, event));
        if (unitOfWork == null) {
            write(pending);
        } else {
            writeIfLast(unitOfWork);
        }
    }

    /** Writes what the batch gathered when this is its last event. */
    private void writeIfLast(UnitOfWork<?> unitOfWork) {
        if (unitOfWork == null) {
            return;
        }
        boolean last = !(unitOfWork.root() instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
        List<Pending> pending = unitOfWork.root().getResource(PENDING);
        if (last && pending != null) {
            unitOfWork.root().resources().remove(PENDING);
            write(pending);
        }
    }

    private void write(List<Pending> pending) {
        Set<String> ids = new LinkedHashSet<>();
        pending.forEach(one -> ids.add(one.assessmentId()));
        Map<String, InProgress> underWay = new HashMap<>(facts.inProgress(ids));
        Map<String, InProgress> saved = new LinkedHashMap<>();
        List<AnswerChangeFacts.Filed> completed = new ArrayList<>();
        for (Pending one : pending) {
            InProgress before = underWay.get(one.assessmentId());
            if (one.event() instanceof AssessmentStarted started) {
                if (before == null) {
                    InProgress fresh = new InProgress(started.assessmentId(), started.participationIfAny().orElseThrow(),
                            one.sequence(), Map.of(), List.of());
                    underWay.put(one.assessmentId(), fresh);
                    saved.put(one.assessmentId(), fresh);
                }
            } else if (before != null && one.sequence() > before.lastSequence()) {
                if (one.event() instanceof AnswerGiven given) {
                    InProgress after = answered(before, given, one.sequence());
                    underWay.put(one.assessmentId(), after);
                    saved.put(one.assessmentId(), after);
                } else if (one.event() instanceof AssessmentCompleted done) {
                    completed.add(new AnswerChangeFacts.Filed(before.participation(), new AnswerChanges.Completed(
                            before.assessmentId(), before.participation().roundId(), done.band(), before.changes())));
                    underWay.remove(one.assessmentId());
                    saved.remove(one.assessmentId());
                }
            }
        }
        AnswerChangeFacts.Changes changes = new AnswerChangeFacts.Changes(new ArrayList<>(saved.values()), completed);
        if (!changes.isEmpty()) {
            facts.apply(changes);
        }
    }

    private static InProgress answered(InProgress assessment, AnswerGiven given, long sequence) {
        Map<Integer, Option> answers = new HashMap<>(assessment.answers());
        List<AnswerChanges.Change> changes = new ArrayList<>(assessment.changes());
        Option before = answers.put(given.question(), given.option());
        if (before != null && before != given.option()) {
            changes.add(new AnswerChanges.Change(given.question(), before, given.option()));
        }
        return new InProgress(assessment.assessmentId(), assessment.participation(), sequence, answers, changes);
    }

    /** An event of the batch about an assessment, with its sequence number. */
    private record Pending(String assessmentId, long sequence, Object event) {
    }
}
