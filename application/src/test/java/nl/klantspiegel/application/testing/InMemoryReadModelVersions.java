package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.ReadModelVersions;
import nl.klantspiegel.application.port.out.ReportFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versions of the read models in memory (every port that stores one, as the MongoDB adapter opens them), with
 * the answering version, the numbers handed out and the retired versions as the shared store keeps them.
 */
public class InMemoryReadModelVersions implements ReadModelVersions {

    public final Map<String, Object> opened = new HashMap<>();
    public final Map<String, Integer> active = new TreeMap<>();
    public final Map<String, Integer> allocated = new TreeMap<>();
    public final List<Retired> retired = new ArrayList<>();
    public final List<String> dropped = new ArrayList<>();
    private int reads;

    @Override
    public synchronized int active(String projection) {
        reads++;
        return active.getOrDefault(projection, 0);
    }

    @Override
    public synchronized Map<String, Integer> active(Collection<String> projections) {
        reads++;
        Map<String, Integer> found = new TreeMap<>();
        projections.forEach(projection -> found.put(projection, active.getOrDefault(projection, 0)));
        return found;
    }

    /** How often the answering version was read. */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public synchronized int allocate(String projection) {
        int next = Math.max(allocated.getOrDefault(projection, 0), active.getOrDefault(projection, 0)) + 1;
        allocated.put(projection, next);
        return next;
    }

    @Override
    public synchronized boolean activate(String projection, int expected, int version, Instant at) {
        if (active.getOrDefault(projection, 0) != expected) {
            return false;
        }
        active.put(projection, version);
        retired.add(new Retired(projection, expected, at));
        return true;
    }

    @Override
    public synchronized void retire(String projection, int version, Instant at) {
        if (retired.stream().noneMatch(one -> one.projection().equals(projection) && one.version() == version)) {
            retired.add(new Retired(projection, version, at));
        }
    }

    @Override
    public synchronized List<Retired> retired(Collection<String> projections) {
        return retired.stream().filter(one -> projections.contains(one.projection()))
                .sorted(Comparator.comparing(Retired::at)).toList();
    }

    @Override
    public synchronized void forget(Retired one) {
        retired.removeIf(it -> it.projection().equals(one.projection()) && it.version() == one.version());
    }

    @Override
    public synchronized <T> T open(Class<T> store, int version) {
        return store.cast(opened.computeIfAbsent(store.getSimpleName() + " " + version, key -> {
            if (store == ReportFacts.class) {
                return new InMemoryReportFacts();
            }
            if (store == AnswerChangeFacts.class) {
                return new InMemoryAnswerChangeFacts();
            }
            if (store == Invitations.class) {
                return new InMemoryInvitations();
            }
            if (store == OrganisationViews.class) {
                return new InMemoryOrganisationViews();
            }
            if (store == Memberships.class) {
                return new InMemoryMemberships();
            }
            if (store == AuditTrail.class) {
                return new InMemoryAuditTrail();
            }
            throw new IllegalArgumentException(store.getSimpleName() + " stores no read model");
        }));
    }

    @Override
    public synchronized void drop(Class<?> store, int version) {
        dropped.add(store.getSimpleName() + " " + version);
        opened.remove(store.getSimpleName() + " " + version);
    }
}
