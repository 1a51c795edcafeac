package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

import java.util.Optional;

/** Shows one assessment: to resume it, or to see its result again. */
public interface ViewAssessmentQuery {

    Optional<AssessmentView> view(AssessmentId id);
}
