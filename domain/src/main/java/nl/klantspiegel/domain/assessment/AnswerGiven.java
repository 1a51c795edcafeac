package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Option;

import java.time.Instant;
import java.util.Objects;

/** The respondent chose an option for a question, for the first time or instead of an earlier choice. */
public record AnswerGiven(String assessmentId, int question, Option option, Instant at) implements AssessmentEvent {
    public AnswerGiven {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(at, "at");
    }
}
