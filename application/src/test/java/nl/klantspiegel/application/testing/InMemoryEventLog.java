package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.release.ReleaseEvent;
import nl.klantspiegel.domain.release.Releases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event log in memory: position i holds the i-th event added, stored at the time the event says it happened, under
 * its aggregate (an assessment, an organisation, an organisation's releases) with the next sequence number of that
 * aggregate.
 */
public final class InMemoryEventLog implements EventLog {

    /** The time an event without one of its own was stored at. */
    public static final Instant AT = Instant.parse("2026-05-01T09:00:00Z");

    private final List<StoredEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    /** Each read, as after..upTo. */
    public final List<String> reads = new ArrayList<>();
    /** How many aggregates each call of {@link #aggregates} asked for. */
    public final List<Integer> aggregatesAsked = new ArrayList<>();

    public synchronized void add(Object event) {
        String aggregate = aggregateOf(event);
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        long position = events.size() + 1L;
        events.add(new StoredEvent(position, "e-" + position, event.getClass().getSimpleName(), "1", "Aggregate",
                aggregate, sequence, timeOf(event), "{\"n\":" + position + "}", event));
    }

    private static String aggregateOf(Object event) {
        if (event instanceof AssessmentEvent assessment) {
            return assessment.assessmentId();
        }
        if (event instanceof OrganisationEvent organisation) {
            return organisation.organisationId();
        }
        if (event instanceof ReleaseEvent release) {
            return Releases.aggregateId(release.organisationId());
        }
        if (event instanceof AccountEvent account) {
            return account.accountId();
        }
        return "x";
    }

    private static Instant timeOf(Object event) {
        if (event instanceof AssessmentEvent assessment) {
            return assessment.at();
        }
        if (event instanceof OrganisationEvent organisation) {
            return organisation.at();
        }
        if (event instanceof ReleaseEvent release) {
            return release.at();
        }
        return AT;
    }

    @Override
    public synchronized long head() {
        return events.size();
    }

    @Override
    public synchronized List<StoredEvent> read(long after, long upTo, int window) {
        reads.add(after + ".." + upTo);
        List<StoredEvent> read = new ArrayList<>();
        for (long position = after + 1; position <= Math.min(after + window, upTo); position++) {
            read.add(events.get((int) position - 1));
        }
        return read;
    }

    @Override
    public synchronized List<StoredEvent> aggregate(String aggregateId) {
        return events.stream().filter(event -> aggregateId.equals(event.aggregateId())).toList();
    }

    @Override
    public synchronized java.util.Map<String, List<StoredEvent>> aggregates(java.util.Collection<String> aggregateIds) {
        aggregatesAsked.add(aggregateIds.size());
        java.util.Map<String, List<StoredEvent>> found = new java.util.LinkedHashMap<>();
        for (String id : aggregateIds) {
            List<StoredEvent> own = aggregate(id);
            if (!own.isEmpty()) {
                found.put(id, own);
            }
        }
        return found;
    }
}
