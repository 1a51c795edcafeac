package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Open a measurement round, at once ({@code opensAt} null or not later than {@code at}) or for a later moment. */
public record OpenRoundCommand(@TargetAggregateIdentifier String organisationId, String roundId, String name,
                               List<String> teams, Instant opensAt, Instant closesAt, String invitationToken, Actor by,
                               Instant at) {
}
