package nl.klantspiegel.domain.assessment;

import java.util.Objects;

/**
 * Where an assessment was taken: in a measurement round of an organisation, for a team. Fixed when the assessment
 * starts; a later rename or retirement of the team, or any change of members, never changes it. It says nothing of
 * who the respondent is.
 */
public record Participation(String organisationId, String roundId, String teamId) {
    public Participation {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(teamId, "teamId");
    }
}
