package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/**
 * An admin said how many people a team has, so that rounds can show what share of them took part; or withdrew it
 * ({@code headcount} null). A number of people, never who they are.
 */
public record TeamHeadcountSet(String organisationId, String teamId, Integer headcount, Actor by, Instant at)
        implements OrganisationEvent {
    public TeamHeadcountSet {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
