package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.List;
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
     * The events of one aggregate, in the order of its sequence numbers (an assessment's, an organisation's own
     * events, its releases): every event acknowledged so far, read from the store itself.
     */
    List<StoredEvent> aggregate(String aggregateId);

    /**
     * The events of several aggregates at once, each in the order of its sequence numbers; aggregates without events
     * are left out.
     */
    java.util.Map<String, List<StoredEvent>> aggregates(java.util.Collection<String> aggregateIds);

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
