package nl.klantspiegel.domain.report;

import java.util.Objects;
import java.util.Optional;

/**
 * What a report shows of one group: the figures of its released completed assessments, none when nothing of it has
 * been released. Never how many started and did not finish: beside the completed figures, that count would single out
 * whoever stopped halfway.
 */
public record GroupReport(GroupKey key, Optional<GroupFigures> figures) {

    public GroupReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(figures, "figures");
    }

    /** How many released completed assessments. */
    public int n() {
        return figures.map(GroupFigures::n).orElse(0);
    }
}
