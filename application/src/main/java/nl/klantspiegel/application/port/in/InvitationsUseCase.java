package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.instrument.Language;

import java.util.List;

/** Respondents, without any account: the invitation link of a round, and starting the test through it. */
public interface InvitationsUseCase {

    /**
     * What an invitation is for, as the respondent sees it before starting: the organisation, the round, whether it is
     * open, the teams to choose from.
     *
     * @throws NotFound for an unknown or malformed token
     */
    Invitation describe(String token);

    /**
     * Starts an assessment in the round, for the chosen team (may be null when the round has one team).
     *
     * @throws NotFound for an unknown or malformed token
     * @throws nl.klantspiegel.domain.organisation.OrganisationRefused when the round is closed or the team wrong
     */
    AssessmentView start(String token, Language language, String teamId);

    /**
     * What a respondent sees before starting: whose round this is and which teams to choose from.
     *
     * @param opensAt when the round begins, while it waits for that moment; null otherwise
     */
    record Invitation(String organisationName, String roundName, boolean open, List<Team> teams, int minimumGroupSize,
                      @Nullable java.time.Instant opensAt) {
        public Invitation {
            teams = List.copyOf(teams);
        }
    }

    record Team(String id, String name) {
    }
}
