package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Close a measurement round now. */
public record CloseRoundCommand(@TargetAggregateIdentifier String organisationId, String roundId, Actor by, Instant at) {
}
