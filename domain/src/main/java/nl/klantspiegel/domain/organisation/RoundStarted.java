package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/**
 * A round that was opened for a later moment reached it and began to take assessments: recorded by the product
 * ({@link Actor#system()}), at the moment it was scheduled for. A round takes assessments from that moment whether
 * or not this was recorded yet; the record is for the audit trail.
 */
public record RoundStarted(String organisationId, String roundId, Actor by, Instant at) implements OrganisationEvent {
    public RoundStarted {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
