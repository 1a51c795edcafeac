package nl.klantspiegel.application.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give or change the answer to one question; the option is passed on as given, for the domain to judge. */
public record GiveAnswerCommand(@TargetAggregateIdentifier String assessmentId, int question, String option,
                                Instant at) {
}
