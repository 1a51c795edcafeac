package nl.klantspiegel.adapter.web;

import io.swagger.v3.oas.annotations.media.Schema;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;

import java.time.Instant;

/** One stored event of an assessment. */
@Schema(name = "HistoryEntry")
record HistoryEntryResponse(
        @Schema(description = "Position in the assessment's event stream, from 0") long sequence,
        @Schema(example = "AnswerGiven", allowableValues = {"AssessmentStarted", "AnswerGiven", "AssessmentCompleted"})
        String type,
        @Schema(description = "When the event was stored") Instant time,
        // an object whose fields the type says (no discriminator inside it: a client reads it as a map, by the type)
        @Schema(implementation = java.util.Map.class, description = "The event's own fields, as its type says: "
                + "AssessmentStarted {assessmentId, instrumentVersion, language, at, participation}; AnswerGiven "
                + "{assessmentId, question, option, at}; AssessmentCompleted {assessmentId, instrumentVersion, answers, "
                + "columnTotals, totalScore, band, at}")
        AssessmentEvent data) {

    static HistoryEntryResponse of(RecordedEvent event) {
        return new HistoryEntryResponse(event.sequence(), event.type(), event.recordedAt(), event.event());
    }
}
