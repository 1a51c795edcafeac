package nl.klantspiegel.application.assessment;

import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;

import java.time.Instant;

/**
 * Start a new assessment under a fresh id.
 *
 * @param participation where, when started through an organisation's invitation; null for the public test
 */
public record StartAssessmentCommand(AssessmentId assessmentId, Language language, Participation participation,
                                     Instant at) {

    /** The public test. */
    public StartAssessmentCommand(AssessmentId assessmentId, Language language, Instant at) {
        this(assessmentId, language, null, at);
    }
}
