package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;

import java.time.Instant;

/** One stored event of an assessment. */
@Schema(name = "HistoryEntry")
record HistoryEntryResponse(
        @Schema(description = "Position in the assessment's event stream, from 0") long sequence,
        @Schema(example = "AnswerGiven") String type,
        @Schema(description = "When the event was stored") Instant time,
        @Schema(description = "The event's own fields") AssessmentEvent data) {

    static HistoryEntryResponse of(RecordedEvent event) {
        return new HistoryEntryResponse(event.sequence(), event.type(), event.recordedAt(), event.event());
    }
}
