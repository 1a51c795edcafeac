package nl.klantspiegel.application.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Finish the test and score it. */
public record CompleteAssessmentCommand(@TargetAggregateIdentifier String assessmentId, Instant at) {
}
