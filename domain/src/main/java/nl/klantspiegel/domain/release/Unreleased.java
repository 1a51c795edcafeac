package nl.klantspiegel.domain.release;

import java.time.Instant;
import java.util.Objects;

/**
 * An assessment completed in an organisation's round that no release has shown yet.
 *
 * @param at when it was completed
 */
public record Unreleased(String assessmentId, String roundId, String teamId, Instant at) {
    public Unreleased {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(at, "at");
    }
}
