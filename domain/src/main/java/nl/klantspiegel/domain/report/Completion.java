package nl.klantspiegel.domain.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.ScoredAnswer;

/**
 * One completed assessment as the reports count it: where it was taken (round and team, never who), when it was
 * completed, and the answers with the points and band it was scored with. Nothing else about the respondent.
 */
public record Completion(String assessmentId, String roundId, String teamId, Instant completedAt,
                         int instrumentVersion, List<ScoredAnswer> answers, Band band) {

    public Completion {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(completedAt, "completedAt");
        answers = List.copyOf(answers);
        Objects.requireNonNull(band, "band");
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("a completed assessment has answers");
        }
    }

    public int total() {
        return answers.stream().mapToInt(ScoredAnswer::points).sum();
    }

    /** The column totals of the paper form: the points of the questions answered a, b and c. */
    public ColumnTotals columns() {
        int a = 0;
        int b = 0;
        int c = 0;
        for (ScoredAnswer answer : answers) {
            switch (answer.option()) {
                case A -> a += answer.points();
                case B -> b += answer.points();
                case C -> c += answer.points();
            }
        }
        return new ColumnTotals(a, b, c);
    }

    /** The answer to one question, or null when the instrument this was taken with had no such question. */
    ScoredAnswer answer(int question) {
        for (ScoredAnswer answer : answers) {
            if (answer.question() == question) {
                return answer;
            }
        }
        return null;
    }
}
