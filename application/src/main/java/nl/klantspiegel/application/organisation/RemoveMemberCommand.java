package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Remove a member from an organisation. */
public record RemoveMemberCommand(@TargetAggregateIdentifier String organisationId, String memberId, Actor by, Instant at) {
}
