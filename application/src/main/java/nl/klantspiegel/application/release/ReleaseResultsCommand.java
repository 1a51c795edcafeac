package nl.klantspiegel.application.release;

import nl.klantspiegel.domain.release.Due;
import nl.klantspiegel.domain.release.Releases;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/** Release what is due of an organisation's results. */
public record ReleaseResultsCommand(String organisationId, Due due, Instant at) {

    public ReleaseResultsCommand {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(at, "at");
    }

    @TargetAggregateIdentifier
    public String releasesId() {
        return Releases.aggregateId(organisationId);
    }
}
