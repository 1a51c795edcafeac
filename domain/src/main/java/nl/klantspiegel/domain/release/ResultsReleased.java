package nl.klantspiegel.domain.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * New results of an organisation became visible to its members: batches of completed assessments, each of at least
 * the minimum group size. Every figure, export and audit page shows released batches only, so whatever a member sees
 * moves by whole batches.
 *
 * @param number           the release's number in the organisation, from 1, without gaps
 * @param cutoff           what was completed (or started) before this moment was considered
 * @param minimumGroupSize the organisation's minimum group size the batches were made with
 * @param completed        batches of completed assessments
 * @param at               when the release was made (on or after the cutoff); the period its results count in
 */
public record ResultsReleased(String organisationId, long number, Instant cutoff, int minimumGroupSize,
                              List<Batch> completed, Instant at) implements ReleaseEvent {

    public ResultsReleased {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(cutoff, "cutoff");
        completed = completed == null ? List.of() : List.copyOf(completed);
        Objects.requireNonNull(at, "at");
        if (number < 1) {
            throw new IllegalArgumentException("releases are numbered from 1, not " + number);
        }
    }

    /**
     * Assessments of one round released together: all of one team, or — {@code teamId} null — pooled from the teams
     * that stayed below the minimum in a round that is closed. A pooled batch counts in the organisation's figures
     * only, never in a team's.
     */
    public record Batch(String roundId, String teamId, List<String> assessmentIds) {

        public Batch {
            Objects.requireNonNull(roundId, "roundId");
            assessmentIds = List.copyOf(assessmentIds);
            if (assessmentIds.isEmpty()) {
                throw new IllegalArgumentException("a batch holds assessments");
            }
        }

        public int size() {
            return assessmentIds.size();
        }

        public boolean pooled() {
            return teamId == null;
        }
    }
}
