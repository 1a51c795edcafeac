package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Add a team to an organisation. */
public record AddTeamCommand(@TargetAggregateIdentifier String organisationId, String teamId, String name, Actor by, Instant at) {
}
