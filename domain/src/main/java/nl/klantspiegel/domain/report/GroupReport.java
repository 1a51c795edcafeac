package nl.klantspiegel.domain.report;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a report shows of one group: the figures of its released completed assessments — none when nothing of it has
 * been released — and, for a round, how many released assessments were started in it.
 */
public record GroupReport(GroupKey key, Optional<GroupFigures> figures, OptionalInt started) {

    public GroupReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(started, "started");
    }

    /** How many released completed assessments. */
    public int n() {
        return figures.map(GroupFigures::n).orElse(0);
    }

    /** Completed of started, as a fraction; empty when nothing was started (or counted). */
    public Optional<Double> completionRate() {
        if (started.isEmpty() || started.getAsInt() == 0) {
            return Optional.empty();
        }
        return Optional.of((double) n() / started.getAsInt());
    }
}
