package nl.klantspiegel.domain.report;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a report shows of one group: either that it is suppressed and why (and nothing else, not even how many), or
 * its figures — none when the group holds no completed assessment. For a round, also how many assessments were
 * started in it.
 */
public record GroupReport(GroupKey key, Optional<SuppressionReason> suppression, Optional<GroupFigures> figures,
                          OptionalInt started) {

    public GroupReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(suppression, "suppression");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(started, "started");
        if (suppression.isPresent() && (figures.isPresent() || started.isPresent())) {
            throw new IllegalArgumentException("a suppressed group shows no figures");
        }
    }

    public boolean suppressed() {
        return suppression.isPresent();
    }

    /** How many completed assessments; empty when suppressed. */
    public OptionalInt n() {
        return suppressed() ? OptionalInt.empty() : OptionalInt.of(figures.map(GroupFigures::n).orElse(0));
    }

    /** Completed of started, as a fraction; empty when suppressed or nothing was started (or counted). */
    public Optional<Double> completionRate() {
        if (suppressed() || started.isEmpty() || started.getAsInt() == 0) {
            return Optional.empty();
        }
        return Optional.of((double) n().getAsInt() / started.getAsInt());
    }
}
