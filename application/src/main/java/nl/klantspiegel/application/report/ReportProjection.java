package nl.klantspiegel.application.report;

import nl.klantspiegel.application.projection.CatchUpWait;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Completion;

/**
 * Keeps the facts the reports are computed from: for every assessment started through an organisation's invitation,
 * its round, team and start, once completed its answers and band, and once released the release that showed it.
 * Assessments of the public test are not the organisations' business and are skipped. Every write is keyed by the assessment, so a redelivered event changes
 * nothing; a reset forgets everything before the facts are built again from the first event.
 *
 * <p>Events come in batches (a tracking processor's unit of work). The projection gathers what a batch brings and
 * writes it while handling the batch's last event — one write per round touched instead of one per event, which is
 * what lets a rebuild keep up with the event store. It writes before the batch's position is stored, never after:
 * a crash in between makes the batch come again, and writing it twice changes nothing. Outside a batch (a single
 * event) it writes at once.
 */
@ProcessingGroup(ReportProjection.PROCESSING_GROUP)
public class ReportProjection {

    public static final String PROCESSING_GROUP = "reports";
    /** Its views, as a use case waits for them to catch up after a start. */
    public static final CatchUpWait.Views VIEWS = new CatchUpWait.Views(PROCESSING_GROUP, "reports");
    private static final String PENDING = ReportProjection.class.getName() + ".pending";

    private final ReportFacts facts;

    public ReportProjection(ReportFacts facts) {
        this.facts = Objects.requireNonNull(facts, "facts");
    }

    /** One event on its own: written at once. */
    void on(AssessmentStarted started) {
        on(started, null);
    }

    /** One event on its own: written at once. */
    void on(AssessmentCompleted completed) {
        on(completed, null);
    }

    /** One event on its own: written at once. */
    void on(ResultsReleased released) {
        on(released, null);
    }

    @EventHandler
    void on(AssessmentStarted started, UnitOfWork<?> unitOfWork) {
        Pending pending = pending(unitOfWork);
        Optional<Participation> participation = started.participationIfAny();
        participation.ifPresent(where -> pending.started.put(started.assessmentId(),
                new ReportFacts.Started(where, started.at())));
        writeIfLast(unitOfWork, pending);
    }

    /** A release marks what the batch before it wrote: that is written first, then the release. */
    @EventHandler
    void on(ResultsReleased released, UnitOfWork<?> unitOfWork) {
        Pending pending = pending(unitOfWork);
        if (unitOfWork != null) {
            unitOfWork.root().resources().remove(PENDING);
        }
        write(pending);
        facts.released(released);
    }

    @EventHandler
    void on(AssessmentCompleted completed, UnitOfWork<?> unitOfWork) {
        Pending pending = pending(unitOfWork);
        pending.completed.add(completed);
        writeIfLast(unitOfWork, pending);
    }

    /** Every other event: only the end of a batch matters. */
    @EventHandler
    void on(Object other, UnitOfWork<?> unitOfWork) {
        if (unitOfWork != null) {
            writeIfLast(unitOfWork, unitOfWork.root().getResource(PENDING));
        }
    }

    @ResetHandler
    void reset() {
        facts.clear();
    }

    private Pending pending(UnitOfWork<?> unitOfWork) {
        return unitOfWork == null ? new Pending() : unitOfWork.root().getOrComputeResource(PENDING, key -> new Pending());
    }

    /** Writes what is pending when this is the batch's last event, or no batch at all. */
    private void writeIfLast(UnitOfWork<?> unitOfWork, Pending pending) {
        if (unitOfWork == null) {
            write(pending);
            return;
        }
        boolean last = !(unitOfWork.root() instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
        if (last && pending != null) {
            unitOfWork.root().resources().remove(PENDING);
            write(pending);
        }
    }

    private void write(Pending pending) {
        Set<String> unknown = new HashSet<>();
        for (AssessmentCompleted completed : pending.completed) {
            if (!pending.started.containsKey(completed.assessmentId())) {
                unknown.add(completed.assessmentId());
            }
        }
        Map<String, Participation> where = new LinkedHashMap<>();
        pending.started.forEach((assessment, started) -> where.put(assessment, started.participation()));
        if (!unknown.isEmpty()) {
            where.putAll(facts.participations(unknown));
        }
        List<ReportFacts.Filed> filed = new ArrayList<>();
        for (AssessmentCompleted completed : pending.completed) {
            Participation participation = where.get(completed.assessmentId());
            if (participation != null) {
                filed.add(new ReportFacts.Filed(participation, new Completion(completed.assessmentId(),
                        participation.roundId(), participation.teamId(), completed.at(),
                        completed.instrumentVersion(), completed.answers(), completed.band())));
            }
        }
        ReportFacts.Changes changes = new ReportFacts.Changes(pending.started, filed);
        if (!changes.isEmpty()) {
            facts.apply(changes);
        }
    }

    /** What a batch brought so far. */
    private static final class Pending {
        private final Map<String, ReportFacts.Started> started = new LinkedHashMap<>();
        private final List<AssessmentCompleted> completed = new ArrayList<>();
    }
}
