package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

/** A respondent gives or changes the answer to one question. */
public interface AnswerQuestionUseCase {

    /**
     * @param option the option key as given ("a", "b" or "c"); the domain decides whether it is valid
     * @return the assessment with the answer in place
     * @throws AssessmentNotFound                                         for an unknown id
     * @throws nl.klantspiegel.domain.instrument.InvalidAnswer            for a question or option the test lacks
     * @throws nl.klantspiegel.domain.assessment.AssessmentAlreadyCompleted once the assessment is completed
     * @throws ConcurrentChange when other processes kept changing it at the same moment (nothing stored)
     */
    AssessmentView answer(AssessmentId id, int question, String option);
}
