package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
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

    /** The view of an assessment that has just been started. */
    public static AssessmentView of(AssessmentStarted started) {
        return new AssessmentView(new AssessmentId(started.assessmentId()), 0, Status.IN_PROGRESS,
                started.language(), started.instrumentVersion(), Map.of(), started.at(), null, null);
    }

    /** This view after the event with the given sequence number. */
    public AssessmentView after(AssessmentEvent event, long sequence) {
        if (event instanceof AnswerGiven given) {
            Map<Integer, Option> changed = new TreeMap<>(answers);
            changed.put(given.question(), given.option());
            return new AssessmentView(id, sequence, status, language, instrumentVersion, changed, startedAt, score,
                    completedAt);
        }
        if (event instanceof AssessmentCompleted completed) {
            Score finalScore = new Score(completed.instrumentVersion(), completed.answers(), completed.columnTotals(),
                    completed.totalScore(), completed.band());
            return new AssessmentView(id, sequence, Status.COMPLETED, language, instrumentVersion, answers, startedAt,
                    finalScore, completed.at());
        }
        throw new IllegalArgumentException("assessment " + id + " cannot start twice");
    }
}
