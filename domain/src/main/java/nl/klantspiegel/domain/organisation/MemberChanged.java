package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A member's role or teams changed. */
public record MemberChanged(String organisationId, String memberId, Role role, List<String> teams, Actor by,
                            Instant at) implements OrganisationEvent {
    public MemberChanged {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(role, "role");
        teams = teams == null ? List.of() : List.copyOf(teams);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
