package nl.klantspiegel.application.assessment;

import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.instrument.Language;

import java.time.Instant;

/** Start a new assessment under a fresh id. */
public record StartAssessmentCommand(AssessmentId assessmentId, Language language, Instant at) {
}
