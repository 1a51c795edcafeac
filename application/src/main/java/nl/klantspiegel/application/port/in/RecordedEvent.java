package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event of an assessment, as the audit trail shows it.
 *
 * @param sequence   its position in the assessment's stream, from 0
 * @param type       the event's name, e.g. {@code AnswerGiven}
 * @param recordedAt when the event store recorded it
 */
public record RecordedEvent(long sequence, String type, Instant recordedAt, AssessmentEvent event) {
    public RecordedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(event, "event");
    }

    public static RecordedEvent of(long sequence, Instant recordedAt, AssessmentEvent event) {
        return new RecordedEvent(sequence, event.getClass().getSimpleName(), recordedAt, event);
    }
}
