package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Say how many people a team has ({@code headcount} null: withdraw it). */
public record SetHeadcountCommand(@TargetAggregateIdentifier String organisationId, String teamId, Integer headcount,
                                  Actor by, Instant at) {
}
