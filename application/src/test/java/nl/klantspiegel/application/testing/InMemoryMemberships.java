package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.domain.organisation.Membership;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Memberships in memory, by account id. */
public final class InMemoryMemberships implements Memberships {

    private final Map<String, List<Membership>> memberships = new HashMap<>();

    @Override
    public synchronized List<Membership> of(String accountId) {
        return memberships.getOrDefault(accountId, List.of());
    }

    @Override
    public synchronized void save(String accountId, List<Membership> changed) {
        memberships.put(accountId, List.copyOf(changed));
    }

    @Override
    public synchronized void clear() {
        memberships.clear();
    }

    public synchronized boolean isEmpty() {
        return memberships.values().stream().allMatch(List::isEmpty);
    }
}
