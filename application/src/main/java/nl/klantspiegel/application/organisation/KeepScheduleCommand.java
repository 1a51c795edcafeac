package nl.klantspiegel.application.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Put on record what the organisation's round schedules made happen by {@code now}. */
public record KeepScheduleCommand(@TargetAggregateIdentifier String organisationId, Instant now) {
}
