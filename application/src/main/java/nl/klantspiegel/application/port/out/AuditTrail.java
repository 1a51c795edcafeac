package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of every organisation: its entries, numbered from 1 without gaps and chained by hash. Only appended
 * to; a redelivered event is recognised by its
 * identifier and appended once. Everything is found by {@code _id}.
 */
public interface AuditTrail {

    /** How many entries the organisation's trail has, and the hash of the last one ("" when empty). */
    Head head(String organisationId);

    /**
     * Appends an entry, unless the event was appended already (among the organisation's recent entries).
     *
     * @param entry numbered {@code head.count() + 1}, chained to {@code head.lastHash()}
     * @return false when the event was there already
     */
    boolean append(String organisationId, Entry entry);

    /**
     * Notes that the trail holds the organisation's events up to this version (kept only when higher): what a reader
     * that knows the organisation's version waits for.
     */
    void recordOrganisationVersion(String organisationId, long version);

    /** The version noted last; empty when none was (a trail written before versions were noted). */
    java.util.OptionalLong organisationVersion(String organisationId);

    /** The entries with these numbers, in that order (missing numbers are left out). */
    List<Entry> entries(String organisationId, List<Long> numbers);

    /** The organisations an account is a member of, as the audit trail knows them (to file its sign-ins). */
    List<String> organisationsOf(String accountId);

    void setOrganisationsOf(String accountId, List<String> organisationIds);

    /** Forgets everything, before a rebuild from the first event. */
    void clear();

    record Head(long count, String lastHash, List<String> recentEventIds) {
        public Head {
            recentEventIds = List.copyOf(recentEventIds);
        }
    }

    /**
     * @param actorKind OPERATOR or MEMBER
     * @param details   what the entry is about, by id and value (never an e-mail address)
     * @param hash      SHA-256 of the previous entry's hash and this entry's content
     */
    record Entry(long number, String eventId, Instant at, String type, String actorKind, String actorId,
                 Map<String, String> details, String hash) {
        public Entry {
            // in the order of their names: Map.copyOf iterates in an order salted per JVM, so two nodes wrote and
            // showed one entry's details in two orders
            details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
        }
    }

}
