package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/**
 * A round was closed: by an admin, before its closing time (or it had none), or by the product at its closing time
 * ({@link Actor#system()}, at that time). It starts no new assessments.
 */
public record RoundClosed(String organisationId, String roundId, Actor by, Instant at) implements OrganisationEvent {
    public RoundClosed {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
