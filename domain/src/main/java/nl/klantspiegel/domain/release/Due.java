package nl.klantspiegel.domain.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a release is decided on: what was completed before the cutoff and is not released yet, and the organisation as
 * it stands.
 *
 * @param after            the number of the last release these facts already reflect (0: none)
 * @param minimumGroupSize the organisation's minimum group size
 * @param closedRounds     the rounds that were closed at the cutoff (their leftovers may be pooled)
 * @param completed        completed assessments not released yet, each completed before the cutoff
 */
public record Due(long after, Instant cutoff, int minimumGroupSize, Set<String> closedRounds,
                  List<Unreleased> completed) {

    public Due {
        Objects.requireNonNull(cutoff, "cutoff");
        closedRounds = Set.copyOf(closedRounds);
        completed = List.copyOf(completed);
        if (after < 0) {
            throw new IllegalArgumentException("after " + after);
        }
        if (minimumGroupSize < 1) {
            throw new IllegalArgumentException("minimum group size " + minimumGroupSize);
        }
        for (Unreleased one : completed) {
            if (!one.at().isBefore(cutoff)) {
                throw new IllegalArgumentException("assessment " + one.assessmentId() + " is not before the cutoff "
                        + cutoff);
            }
        }
        if (completed.stream().map(Unreleased::assessmentId).distinct().count() != completed.size()) {
            throw new IllegalArgumentException("an assessment is due twice");
        }
    }
}
