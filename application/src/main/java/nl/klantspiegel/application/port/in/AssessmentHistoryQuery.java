package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.List;
import java.util.Optional;

/** The audit trail of one assessment: its stored events in order. */
public interface AssessmentHistoryQuery {

    /**
     * @return the events, oldest first; empty when there is no such assessment
     */
    Optional<List<RecordedEvent>> history(AssessmentId id);
}
