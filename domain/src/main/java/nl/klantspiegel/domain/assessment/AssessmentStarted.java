package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Language;

import java.time.Instant;
import java.util.Objects;

/** A respondent started the test with a version of the instrument, in a language. */
public record AssessmentStarted(String assessmentId, int instrumentVersion, Language language, Instant at)
        implements AssessmentEvent {
    public AssessmentStarted {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(at, "at");
    }
}
