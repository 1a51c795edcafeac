package nl.klantspiegel.application.port.out;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.List;
import java.util.Optional;

/**
 * Where the read model of assessments is kept: per assessment its current view and its audit trail,
 * found by the assessment id only.
 */
public interface AssessmentViews {

    Optional<AssessmentView> find(AssessmentId id);

    Optional<List<RecordedEvent>> history(AssessmentId id);

    /** The histories of several assessments at once (those without a view are left out). */
    java.util.Map<AssessmentId, List<RecordedEvent>> histories(java.util.Collection<AssessmentId> ids);

    /**
     * Stores the view as it is after {@code event} and appends the event to the audit trail, as one atomic
     * change. The caller records each assessment's events one at a time, in order, each once: it checks
     * the stored view's version first, so a redelivered event is never recorded twice.
     */
    void record(AssessmentView view, RecordedEvent event);

    /** Forgets every view and audit trail, before they are rebuilt from the events. */
    void clear();
}
