package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.organisation.Membership;

import java.util.List;
import java.util.Optional;

/** Of which organisations an account is a member, and as what: found by the account's id. */
public interface Memberships {

    /** The account's memberships (of organisations that have not removed it). */
    List<Membership> of(String accountId);

    /**
     * Records the account's membership of one organisation as it is at the organisation's {@code version}: a
     * membership, or none (removed). Kept only when no later version of that membership is stored, so that writers
     * may come in any order; one organisation's record never touches another's.
     */
    void record(String accountId, String organisationId, Optional<Membership> membership, long version);

    void clear();
}
