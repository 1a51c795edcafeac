package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** The smallest group the organisation's reports may show was changed. */
public record MinimumGroupSizeChanged(String organisationId, int minimumGroupSize, Actor by, Instant at) implements OrganisationEvent {
    public MinimumGroupSizeChanged {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
