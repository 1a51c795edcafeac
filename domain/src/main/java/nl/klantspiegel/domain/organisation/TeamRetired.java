package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** A team no longer takes part in new rounds; its history stays. */
public record TeamRetired(String organisationId, String teamId, Actor by, Instant at) implements OrganisationEvent {
    public TeamRetired {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
