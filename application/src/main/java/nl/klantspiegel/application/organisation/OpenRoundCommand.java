package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Open a measurement round. */
public record OpenRoundCommand(@TargetAggregateIdentifier String organisationId, String roundId, String name, List<String> teams, Instant closesAt, String invitationToken, Actor by, Instant at) {
}
