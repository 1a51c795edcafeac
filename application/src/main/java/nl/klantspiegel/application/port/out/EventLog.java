package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.assessment.Participation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The event store as a log to read through: by position, in windows, for exports and replays. */
public interface EventLog {

    /** The newest position written (0 when nothing is). */
    long head();

    /**
     * The events at positions {@code after + 1} up to {@code min(after + window, upTo)}, in position order: fewer than
     * the window where positions hold nothing (gaps).
     */
    List<StoredEvent> read(long after, long upTo, int window);

    /**
     * Where these assessments were taken, read from their first events: for assessments the report facts do not
     * know yet. Slow on the embedded database (it scans), so asked rarely and for many at once.
     */
    Map<String, Participation> participationsFromStarts(Collection<String> assessmentIds);

    /** When these assessments were started, read from their first events (one scan on the embedded database). */
    Map<String, Instant> startTimes(Collection<String> assessmentIds);

    /**
     * One stored event.
     *
     * @param type        the event's name, e.g. {@code AssessmentStarted}
     * @param revision    the revision of its stored shape, or null for events stored before revisions
     * @param aggregateId its aggregate, or null for an event of no aggregate
     * @param payloadJson the payload as stored, a JSON text
     * @param payload     the payload as the application reads it today (upcast), for deciding whose it is
     */
    record StoredEvent(long position, String eventId, String type, String revision, String aggregateType,
                       String aggregateId, long sequence, Instant timestamp, String payloadJson, Object payload) {
        public StoredEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(payloadJson, "payloadJson");
        }
    }
}
