package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An event log in memory: position i holds the i-th event added. */
public final class InMemoryEventLog implements EventLog {

    /** The time an event without one of its own was stored at. */
    public static final Instant AT = Instant.parse("2026-05-01T09:00:00Z");

    private final List<Object> events = new ArrayList<>();
    /** Each read, as after..upTo. */
    public final List<String> reads = new ArrayList<>();
    /** Each question for starts, as the set of assessments asked about. */
    public final List<Set<String>> askedForStarts = new ArrayList<>();

    public void add(Object event) {
        events.add(event);
    }

    @Override
    public long head() {
        return events.size();
    }

    @Override
    public List<StoredEvent> read(long after, long upTo, int window) {
        reads.add(after + ".." + upTo);
        List<StoredEvent> read = new ArrayList<>();
        for (long position = after + 1; position <= Math.min(after + window, upTo); position++) {
            Object payload = events.get((int) position - 1);
            String aggregate = payload instanceof AssessmentEvent a
                    ? a.assessmentId() : "x";
            Instant at = payload instanceof AnswerGiven given ? given.at() : AT;
            read.add(new StoredEvent(position, "e-" + position, payload.getClass().getSimpleName(), "1",
                    "Aggregate", aggregate, 0, at, "{\"n\":" + position + "}", payload));
        }
        return read;
    }

    @Override
    public Map<String, Instant> startTimes(Collection<String> assessmentIds) {
        Map<String, Instant> found = new HashMap<>();
        for (Object event : events) {
            if (event instanceof AssessmentStarted started && assessmentIds.contains(started.assessmentId())) {
                found.put(started.assessmentId(), started.at());
            }
        }
        return found;
    }

    @Override
    public Map<String, Participation> participationsFromStarts(Collection<String> assessmentIds) {
        askedForStarts.add(Set.copyOf(assessmentIds));
        Map<String, Participation> found = new HashMap<>();
        for (Object event : events) {
            if (event instanceof AssessmentStarted started && assessmentIds.contains(started.assessmentId())) {
                started.participationIfAny().ifPresent(where -> found.put(started.assessmentId(), where));
            }
        }
        return found;
    }
}
