package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Take a team out of new rounds. */
public record RetireTeamCommand(@TargetAggregateIdentifier String organisationId, String teamId, Actor by, Instant at) {
}
