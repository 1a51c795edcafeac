package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a respondent sees of one assessment: where it stands, the answers so far and, once completed,
 * the score. Language-neutral: texts are looked up in the instrument version it was taken with.
 *
 * @param version     the sequence number of the last event this view reflects
 * @param score       null until the assessment is completed
 * @param completedAt null until the assessment is completed
 */
public record AssessmentView(AssessmentId id, long version, Status status, Language language, int instrumentVersion,
                             Map<Integer, Option> answers, Instant startedAt, Score score, Instant completedAt) {

    public enum Status {IN_PROGRESS, COMPLETED}

    public AssessmentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(language, "language");
        answers = Collections.unmodifiableMap(new TreeMap<>(answers));
        if ((status == Status.COMPLETED) != (score != null)) {
            throw new IllegalArgumentException("a view has a score exactly when it is completed");
        }
    }

    /** The questions still without an answer, in order. */
    public List<Integer> unanswered() {
        return Instruments.version(instrumentVersion).unanswered(answers.keySet());
    }

    public Optional<Score> result() {
        return Optional.ofNullable(score);
    }

    /**
     * The view of an assessment's state, as the domain's {@link Assessment#evolve} folded it from its events: the view
     * folds nothing itself.
     *
     * @param sequence the sequence number of the last event the state reflects
     */
    public static AssessmentView of(Assessment assessment, long sequence) {
        AssessmentCompleted completed = assessment.completion().orElse(null);
        if (completed == null) {
            return new AssessmentView(new AssessmentId(assessment.id()), sequence, Status.IN_PROGRESS,
                    assessment.language(), assessment.instrument().version(), assessment.answers(),
                    assessment.startedAt(), null, null);
        }
        Score score = new Score(completed.instrumentVersion(), completed.answers(), completed.columnTotals(),
                completed.totalScore(), completed.band());
        return new AssessmentView(new AssessmentId(assessment.id()), sequence, Status.COMPLETED, assessment.language(),
                assessment.instrument().version(), assessment.answers(), assessment.startedAt(), score,
                completed.at());
    }
}
