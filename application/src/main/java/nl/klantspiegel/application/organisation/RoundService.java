package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.account.Secrets;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.RoundsUseCase;
import nl.klantspiegel.domain.organisation.Membership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An organisation's measurement rounds: its members see those their role reaches, with the invitation for those who
 * hand it out; its admins open (now or for later) and close them.
 */
public final class RoundService implements RoundsUseCase {

    private static final int INVITATION_TOKEN_BYTES = 18;

    private final OrganisationGate gate;
    private final OrganisationCommands commands;
    private final Clock clock;

    public RoundService(OrganisationGate gate, OrganisationCommands commands, Clock clock) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<RoundView> rounds(Caller caller, String organisationId) {
        OrganisationGate.Place member = gate.member(caller, organisationId);
        Membership membership = member.membership();
        Instant now = clock.instant();
        return member.view().rounds().stream()
                .filter(round -> membership.maySeeAllReports() || round.coversWholeOrganisation()
                        || round.teams().stream().anyMatch(membership::maySeeTeam))
                .map(round -> RoundView.of(round, now, membership.mayHandOutInvitation(round)))
                .toList();
    }

    @Override
    public RoundView openRound(Caller caller, String organisationId, String name, List<String> teams,
                               Instant opensAt, Instant closesAt) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        String roundId = UUID.randomUUID().toString();
        OrganisationView changed = commands.send(organisationId, new OpenRoundCommand(organisationId, roundId, name,
                teams == null ? List.of() : teams, opensAt, closesAt, Secrets.newToken(INVITATION_TOKEN_BYTES),
                admin.actor(), clock.instant()));
        return RoundView.of(changed.round(roundId).orElseThrow(), clock.instant(), true);
    }

    @Override
    public RoundView closeRound(Caller caller, String organisationId, String roundId) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        if (admin.view().round(roundId).isEmpty()) {
            throw new NotFound("Round " + roundId);
        }
        OrganisationView changed = commands.send(organisationId, new CloseRoundCommand(organisationId, roundId,
                admin.actor(), clock.instant()));
        return RoundView.of(changed.round(roundId).orElseThrow(), clock.instant(), true);
    }
}
