package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** The operator registered an organisation, with the smallest group its reports may show. */
public record OrganisationRegistered(String organisationId, String name, int minimumGroupSize, Actor by, Instant at) implements OrganisationEvent {
    public OrganisationRegistered {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
