package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** A member no longer belongs to the organisation. */
public record MemberRemoved(String organisationId, String memberId, Actor by, Instant at) implements OrganisationEvent {
    public MemberRemoved {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
