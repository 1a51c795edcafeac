package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Make an account a member of an organisation. */
public record AddMemberCommand(@TargetAggregateIdentifier String organisationId, String memberId, Role role, List<String> teams, Actor by, Instant at) {
}
