package nl.klantspiegel.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of an organisation, for its admins: who did what when, its releases of results, and per round how
 * many took part as the reports count them.
 */
public interface AuditTrailQuery {

    /**
     * One page, newest first.
     *
     * @param from  only entries at or after this moment; null: from the first
     * @param to    only entries before this moment; null: until now
     * @param type  only entries of this type (e.g. RoundOpened, SignedIn); null: all
     * @param page  from 0
     * @throws NotFound     for a stranger
     * @throws AccessDenied for a member who is not an admin
     */
    AuditPage audit(Caller caller, String organisationId, Instant from, Instant to, String type, int page, int size);

    /** The types of entries there are, for a filter. */
    List<String> entryTypes();

    /**
     * @param upToDate whether the trail held every change to the organisation acknowledged before the request (on
     *                 any node) when it was read; false when its projection lagged longer than the read waits, in
     *                 which case the newest entries follow shortly and the page says so rather than failing
     */
    record AuditPage(List<Entry> entries, int page, int size, boolean hasMore, long totalEntries,
                     List<Participation> participation, boolean upToDate) {
        public AuditPage {
            entries = List.copyOf(entries);
            participation = List.copyOf(participation);
        }
    }

    /**
     * @param actorEmail the actor's e-mail address as it is now; null for the operator or an erased account
     * @param details    ids and values; team and round names resolved where they are known
     */
    record Entry(long number, Instant at, String type, String actorKind, String actorId, @Nullable String actorEmail,
                 Map<String, String> details, String hash) {
        public Entry {
            // in the order of their names: Map.copyOf iterates in an order salted per JVM, so two nodes wrote and
            // showed one entry's details in two orders
            details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
        }
    }

    /** How many took part in a round: its released completed assessments, as every report counts them. */
    record Participation(String roundId, String roundName, int completed) {
    }
}
