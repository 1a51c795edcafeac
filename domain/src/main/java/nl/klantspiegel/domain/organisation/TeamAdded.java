package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** A team was added to the organisation. */
public record TeamAdded(String organisationId, String teamId, String name, Actor by, Instant at) implements OrganisationEvent {
    public TeamAdded {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
