package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/**
 * Somebody took the organisation's data out: an export, recorded in its audit trail once it ended.
 *
 * @param exportId  the export's id, as its response and its closing line state it
 * @param kind      what was exported, e.g. {@code events}
 * @param filter    the filters asked for, as text ({@code after=120 type=AssessmentCompleted}), empty when none
 * @param records   how many records (events, rows) it held
 * @param lastHash  the last hash of its chain (for an event export; empty otherwise): matches a file to this export
 * @param complete  false when it stopped before its end (the connection was lost)
 */
public record DataExported(String organisationId, String exportId, String kind, String filter, long records,
                           String lastHash, boolean complete, Actor by, Instant at) implements OrganisationEvent {

    /**
     * The operator's export of every organisation's events: recorded in the trail of each organisation, since each
     * one's data left with it. The only export the operator makes.
     */
    public static final String EVERY_ORGANISATION = "all-events";

    public DataExported {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(kind, "kind");
        filter = filter == null ? "" : filter;
        lastHash = lastHash == null ? "" : lastHash;
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
