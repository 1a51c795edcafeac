package nl.klantspiegel.application.port.in;

import java.time.Instant;

/**
 * Releases organisations' results when they are due (see {@code Releases}): on a schedule, on every node alike; the
 * releases themselves are decided once, by the organisation's releases aggregate.
 */
public interface ReleaseResultsUseCase {

    /** Releases what is due of every organisation's results now; answers how many releases were made. */
    int releaseDue();

    /**
     * Releases what is due of one organisation's results up to a moment, catching up from its last release (one
     * release tried per day first, then the period's); answers how many releases were made.
     */
    int releaseDue(String organisationId, Instant now);
}
