package nl.klantspiegel.domain.assessment;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.ScoredAnswer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The respondent finished the test. The event keeps the final answers with their points, the column
 * totals, the total and the band as scored at that moment with that instrument version.
 */
public record AssessmentCompleted(String assessmentId, int instrumentVersion, List<ScoredAnswer> answers,
                                  ColumnTotals columnTotals, int totalScore, Band band, Instant at)
        implements AssessmentEvent {
    public AssessmentCompleted {
        Objects.requireNonNull(assessmentId, "assessmentId");
        answers = List.copyOf(answers);
        Objects.requireNonNull(columnTotals, "columnTotals");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(at, "at");
    }
}
