package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

/** A respondent finishes the test and gets the result. Finishing again gives the same result. */
public interface CompleteAssessmentUseCase {

    /**
     * @return the completed assessment with its score
     * @throws AssessmentNotFound                                    for an unknown id
     * @throws nl.klantspiegel.domain.assessment.AssessmentIncomplete while a question has no answer
     * @throws ConcurrentChange when other processes kept changing it at the same moment (nothing stored)
     */
    AssessmentView complete(AssessmentId id);
}
