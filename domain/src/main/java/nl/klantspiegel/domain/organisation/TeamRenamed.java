package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** A team got another name; what was recorded under the old one stays with the team. */
public record TeamRenamed(String organisationId, String teamId, String name, Actor by, Instant at) implements OrganisationEvent {
    public TeamRenamed {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
