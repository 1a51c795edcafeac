package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Change the smallest group the organisation's reports may show. */
public record ChangeMinimumGroupSizeCommand(@TargetAggregateIdentifier String organisationId, int minimumGroupSize, Actor by, Instant at) {
}
