package nl.klantspiegel.application.port.in;

import java.util.List;

/**
 * An organisation's teams. Who asks is checked as for every organisation use case: a stranger gets {@link NotFound},
 * a member whose role does not allow it {@link AccessDenied}; an unknown team is {@link NotFound}.
 */
public interface TeamsUseCase {

    /** Admins and analysts: every team; a team lead: the teams they lead. */
    List<TeamView> teams(Caller caller, String organisationId);

    TeamView addTeam(Caller caller, String organisationId, String name);

    TeamView renameTeam(Caller caller, String organisationId, String teamId, String name);

    TeamView retireTeam(Caller caller, String organisationId, String teamId);

    /** Admins: how many people a team has, for the response rates; null withdraws it. */
    TeamView setHeadcount(Caller caller, String organisationId, String teamId, Integer headcount);

    /** @param headcount how many people it has, as an admin said; null when unknown */
    record TeamView(String id, String name, boolean retired, @Nullable Integer headcount) {
    }
}
