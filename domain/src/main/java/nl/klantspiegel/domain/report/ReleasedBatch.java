package nl.klantspiegel.domain.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A released batch as the reports count it: its release, when that was made (the period it counts in), its round and
 * team (null: pooled, for the organisation's figures only), how many it holds, and those completed assessments.
 *
 * @param size how many assessments the release put in it
 */
public record ReleasedBatch(long release, Instant releasedAt, String roundId, String teamId, int size,
                            List<Completion> completions) {

    public ReleasedBatch {
        Objects.requireNonNull(releasedAt, "releasedAt");
        Objects.requireNonNull(roundId, "roundId");
        completions = List.copyOf(completions);
        if (size < 1 || completions.size() > size) {
            throw new IllegalArgumentException("a batch of " + size + " with " + completions.size() + " completions");
        }
    }

    public boolean pooled() {
        return teamId == null;
    }
}
