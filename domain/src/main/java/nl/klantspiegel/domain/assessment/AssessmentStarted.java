package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Language;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A respondent started the test with a version of the instrument, in a language; through an organisation's
 * invitation, it also records where ({@link Participation}), and never who.
 *
 * @param participation the organisation, round and team; null for the public test (and in every event stored
 *                      before organisations existed)
 */
public record AssessmentStarted(String assessmentId, int instrumentVersion, Language language, Instant at,
                                Participation participation) implements AssessmentEvent {
    public AssessmentStarted {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(at, "at");
    }

    /** The public test, taken outside any organisation. */
    public AssessmentStarted(String assessmentId, int instrumentVersion, Language language, Instant at) {
        this(assessmentId, instrumentVersion, language, at, null);
    }

    public Optional<Participation> participationIfAny() {
        return Optional.ofNullable(participation);
    }
}
