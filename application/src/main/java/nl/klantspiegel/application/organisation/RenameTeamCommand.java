package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give a team another name. */
public record RenameTeamCommand(@TargetAggregateIdentifier String organisationId, String teamId, String name, Actor by, Instant at) {
}
