package nl.klantspiegel.domain.assessment;

import java.time.Instant;

/** Everything that can happen to an assessment. Events are facts: immutable and in the past tense. */
public sealed interface AssessmentEvent permits AssessmentStarted, AnswerGiven, AssessmentCompleted {

    String assessmentId();

    /** When it happened. */
    Instant at();
}
