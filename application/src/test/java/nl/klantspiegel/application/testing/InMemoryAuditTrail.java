package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.AuditTrail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trails in memory, keeping the port's promises as the MongoDB adapter does (both take
 * {@code AuditTrailContract}): entries numbered from 1 without gaps, a redelivered event among the last 500 appended
 * once, a clear forgets everything.
 */
public final class InMemoryAuditTrail implements AuditTrail {

    /** As the MongoDB adapter: the head names the last 500 events, which are recognised when delivered again. */
    private static final int RECENT = 500;

    private final Map<String, List<Entry>> entries = new HashMap<>();
    private final Map<String, List<String>> organisationsOf = new HashMap<>();
    private final List<List<Long>> entriesAskedFor = new ArrayList<>();
    private final Map<String, Long> organisationVersions = new HashMap<>();

    @Override
    public synchronized void recordOrganisationVersion(String organisationId, long version) {
        organisationVersions.merge(organisationId, version, Math::max);
    }

    @Override
    public synchronized java.util.OptionalLong organisationVersion(String organisationId) {
        Long version = organisationVersions.get(organisationId);
        return version == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(version);
    }

    @Override
    public Head head(String organisationId) {
        List<Entry> trail = entries.getOrDefault(organisationId, List.of());
        return new Head(trail.size(), trail.isEmpty() ? "" : trail.get(trail.size() - 1).hash(),
                trail.subList(Math.max(0, trail.size() - RECENT), trail.size()).stream().map(Entry::eventId).toList());
    }

    @Override
    public boolean append(String organisationId, Entry entry) {
        Head head = head(organisationId);
        if (head.recentEventIds().contains(entry.eventId())) {
            return false;
        }
        if (entry.number() != head.count() + 1) {
            throw new IllegalArgumentException("entry " + entry.number() + " does not follow " + head.count());
        }
        entries.computeIfAbsent(organisationId, key -> new ArrayList<>()).add(entry);
        return true;
    }

    @Override
    public List<Entry> entries(String organisationId, List<Long> numbers) {
        entriesAskedFor.add(List.copyOf(numbers));
        List<Entry> trail = entries.getOrDefault(organisationId, List.of());
        return numbers.stream()
                .filter(number -> number >= 1 && number <= trail.size())
                .map(number -> trail.get((int) (number - 1)))
                .toList();
    }

    @Override
    public List<String> organisationsOf(String accountId) {
        return organisationsOf.getOrDefault(accountId, List.of());
    }

    @Override
    public void setOrganisationsOf(String accountId, List<String> organisationIds) {
        organisationsOf.put(accountId, List.copyOf(organisationIds));
    }

    @Override
    public synchronized void clear() {
        entries.clear();
        organisationsOf.clear();
        organisationVersions.clear();
    }

    /** Every entry of the organisation, oldest first. */
    public List<Entry> all(String organisationId) {
        return List.copyOf(entries.getOrDefault(organisationId, List.of()));
    }

    /** The numbers asked for in each read of entries, in order. */
    public List<List<Long>> entriesAskedFor() {
        return entriesAskedFor;
    }
}
