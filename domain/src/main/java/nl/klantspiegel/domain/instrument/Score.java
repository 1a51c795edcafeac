package nl.klantspiegel.domain.instrument;

import java.util.List;
import java.util.Objects;

/** The outcome of scoring a complete set of answers with one version of the instrument. */
public record Score(int instrumentVersion, List<ScoredAnswer> answers, ColumnTotals columnTotals, int total,
                    Band band) {
    public Score {
        answers = List.copyOf(answers);
        Objects.requireNonNull(columnTotals, "columnTotals");
        Objects.requireNonNull(band, "band");
    }
}
