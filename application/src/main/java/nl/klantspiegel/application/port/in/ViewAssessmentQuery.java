package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.Optional;

/** Shows one assessment: to resume it, or to see its result again. */
public interface ViewAssessmentQuery {

    /**
     * @return the assessment as stored, never a view that lacks events stored before a restart
     * @throws ViewsCatchingUp when the views are still catching up after a restart
     */
    Optional<AssessmentView> view(AssessmentId id);
}
