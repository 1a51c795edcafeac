package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.domain.organisation.Membership;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Memberships in memory, by account id and organisation, each with the organisation's version it reflects. */
public final class InMemoryMemberships implements Memberships {

    private record Recorded(Optional<Membership> membership, long version) {
    }

    private final Map<String, Map<String, Recorded>> memberships = new HashMap<>();

    @Override
    public synchronized List<Membership> of(String accountId) {
        return memberships.getOrDefault(accountId, Map.of()).values().stream()
                .map(Recorded::membership).flatMap(Optional::stream).toList();
    }

    @Override
    public synchronized void record(String accountId, String organisationId, Optional<Membership> membership,
                                    long version) {
        Map<String, Recorded> own = memberships.computeIfAbsent(accountId, id -> new LinkedHashMap<>());
        Recorded stored = own.get(organisationId);
        if (stored == null || stored.version() < version) {
            own.put(organisationId, new Recorded(membership, version));
        }
    }

    @Override
    public synchronized void clear() {
        memberships.clear();
    }

    public synchronized boolean isEmpty() {
        return memberships.values().stream().allMatch(own -> own.values().stream()
                .allMatch(recorded -> recorded.membership().isEmpty()));
    }
}
