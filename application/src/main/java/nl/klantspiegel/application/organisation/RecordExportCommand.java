package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.organisation.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record an export in the organisation's audit trail. */
public record RecordExportCommand(@TargetAggregateIdentifier String organisationId, String exportId, String kind,
                                  String filter, long records, String lastHash, boolean complete, Actor by,
                                  Instant at) {
}
