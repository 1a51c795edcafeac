package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/** An admin closed a round before its closing time (or it had none): it starts no new assessments. */
public record RoundClosed(String organisationId, String roundId, Actor by, Instant at) implements OrganisationEvent {
    public RoundClosed {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
