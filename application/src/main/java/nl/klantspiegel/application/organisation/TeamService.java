package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.TeamsUseCase;
import nl.klantspiegel.domain.organisation.Organisation;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An organisation's teams: its members see those their role reaches; its admins add, rename and retire them. */
public final class TeamService implements TeamsUseCase {

    private final OrganisationGate gate;
    private final OrganisationCommands commands;
    private final Clock clock;

    public TeamService(OrganisationGate gate, OrganisationCommands commands, Clock clock) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<TeamView> teams(Caller caller, String organisationId) {
        OrganisationGate.Place member = gate.member(caller, organisationId);
        return member.view().teams().stream()
                .filter(team -> member.membership().maySeeTeam(team.id()))
                .map(TeamService::team)
                .toList();
    }

    @Override
    public TeamView addTeam(Caller caller, String organisationId, String name) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        String teamId = UUID.randomUUID().toString();
        return changed(organisationId, teamId, new AddTeamCommand(organisationId, teamId, name, admin.actor(),
                clock.instant()));
    }

    @Override
    public TeamView renameTeam(Caller caller, String organisationId, String teamId, String name) {
        OrganisationGate.Place admin = adminOfTeam(caller, organisationId, teamId);
        return changed(organisationId, teamId, new RenameTeamCommand(organisationId, teamId, name, admin.actor(),
                clock.instant()));
    }

    @Override
    public TeamView retireTeam(Caller caller, String organisationId, String teamId) {
        OrganisationGate.Place admin = adminOfTeam(caller, organisationId, teamId);
        return changed(organisationId, teamId, new RetireTeamCommand(organisationId, teamId, admin.actor(),
                clock.instant()));
    }

    @Override
    public TeamView setHeadcount(Caller caller, String organisationId, String teamId, Integer headcount) {
        OrganisationGate.Place admin = adminOfTeam(caller, organisationId, teamId);
        return changed(organisationId, teamId, new SetHeadcountCommand(organisationId, teamId, headcount,
                admin.actor(), clock.instant()));
    }

    /** An admin's place, for a team the organisation has: an unknown team is reported before anything is sent. */
    private OrganisationGate.Place adminOfTeam(Caller caller, String organisationId, String teamId) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        if (admin.view().team(teamId).isEmpty()) {
            throw new NotFound("Team " + teamId);
        }
        return admin;
    }

    private TeamView changed(String organisationId, String teamId, Object command) {
        OrganisationView changed = commands.send(organisationId, command);
        return team(changed.team(teamId).orElseThrow());
    }

    private static TeamView team(Organisation.Team team) {
        return new TeamView(team.id(), team.name(), team.retired(), team.headcount());
    }
}
