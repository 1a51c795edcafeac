package nl.klantspiegel.domain.release;

import java.time.Instant;

/** What can happen to an organisation's results as its members see them: they are released, batch by batch. */
public sealed interface ReleaseEvent permits ResultsReleased {

    String organisationId();

    /** When it happened. */
    Instant at();
}
