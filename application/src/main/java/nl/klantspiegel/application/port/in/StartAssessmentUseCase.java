package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.instrument.Language;

/** A respondent starts the test. */
public interface StartAssessmentUseCase {

    /** @return the new assessment; its id is the respondent's key to resume */
    AssessmentView start(Language language);
}
