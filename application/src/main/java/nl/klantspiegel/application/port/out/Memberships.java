package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.organisation.Membership;

import java.util.List;

/** Of which organisations an account is a member, and as what: found by the account's id. */
public interface Memberships {

    List<Membership> of(String accountId);

    /** Replaces the account's memberships. */
    void save(String accountId, List<Membership> memberships);

    void clear();
}
