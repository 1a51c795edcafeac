package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Change a member's role or teams. */
public record ChangeMemberCommand(@TargetAggregateIdentifier String organisationId, String memberId, Role role, List<String> teams, Actor by, Instant at) {
}
