package nl.klantspiegel.application.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Ask the organisation to let a respondent start in a round, for a team (null: the round's only team). */
public record AdmitRespondentCommand(@TargetAggregateIdentifier String organisationId, String roundId, String teamId, Instant at) {
}
