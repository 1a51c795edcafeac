package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.Optional;

/** Shows one assessment: to resume it, or to see its result again. */
public interface ViewAssessmentQuery {

    /**
     * @return the assessment as its own stored events make it, on any node, right after any change to it
     */
    Optional<AssessmentView> view(AssessmentId id);
}
