package nl.klantspiegel.domain.organisation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A measurement round was opened: for some teams, or for the whole organisation (no teams listed), until an admin
 * closes it or its closing time passes (when it has one). Respondents start through its invitation.
 *
 * @param teams           the teams it covers; empty: every active team of the organisation
 * @param opensAt         when it begins to take assessments, later than {@code at}; null: at once (and so in every
 *                        event stored before rounds could be scheduled)
 * @param closesAt        when it stops taking new assessments by itself; null: only when an admin closes it
 * @param invitationToken the unguessable part of the invitation link the organisation hands out
 */
public record RoundOpened(String organisationId, String roundId, String name, List<String> teams, Instant closesAt,
                          String invitationToken, Actor by, Instant at, Instant opensAt) implements OrganisationEvent {
    public RoundOpened {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(name, "name");
        teams = teams == null ? List.of() : List.copyOf(teams);
        Objects.requireNonNull(invitationToken, "invitationToken");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    /** Opened at once. */
    public RoundOpened(String organisationId, String roundId, String name, List<String> teams, Instant closesAt,
                       String invitationToken, Actor by, Instant at) {
        this(organisationId, roundId, name, teams, closesAt, invitationToken, by, at, null);
    }
}
