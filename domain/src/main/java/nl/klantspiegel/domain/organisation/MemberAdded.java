package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A person became a member of the organisation, with a role and, for a team lead, the teams they lead. The member
 * is their account's id: the e-mail address stays in the accounts store.
 */
public record MemberAdded(String organisationId, String memberId, Role role, List<String> teams, Actor by, Instant at)
        implements OrganisationEvent {
    public MemberAdded {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(role, "role");
        teams = teams == null ? List.of() : List.copyOf(teams);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
