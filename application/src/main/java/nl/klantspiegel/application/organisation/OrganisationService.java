package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.access.MemberGate;
import nl.klantspiegel.application.account.AccountService;
import nl.klantspiegel.application.account.Secrets;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.OrganisationsUseCase;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The organisation's use cases. Who may ask is checked here first, with the domain's {@link Membership} rules, so
 * that a stranger learns nothing ({@link NotFound}) and a member without the role is refused ({@link AccessDenied})
 * before anything is sent; the {@code Organisation} aggregate then decides, and refuses by its own rules. Answers
 * come from the read model once it shows the command's effect.
 */
public final class OrganisationService implements OrganisationsUseCase {

    private static final int INVITATION_TOKEN_BYTES = 18;

    private final CommandGateway commands;
    private final OrganisationViews views;
    private final Memberships memberships;
    private final OrganisationReadModels readModels;
    private final AccountService accounts;
    private final ProjectionCatchUp catchUp;
    private final Clock clock;
    private final Duration readYourWritesTimeout;

    public OrganisationService(CommandGateway commands, OrganisationViews views, Memberships memberships,
                               OrganisationReadModels readModels, AccountService accounts, ProjectionCatchUp catchUp,
                               Clock clock, Duration readYourWritesTimeout) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.views = Objects.requireNonNull(views, "views");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.readModels = Objects.requireNonNull(readModels, "readModels");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readYourWritesTimeout = Objects.requireNonNull(readYourWritesTimeout, "readYourWritesTimeout");
    }

    // ----- organisations ------------------------------------------------------------------------------

    @Override
    public OrganisationSummary register(Caller operator, String name) {
        if (!operator.operator()) {
            throw new AccessDenied("Only the operator registers organisations.");
        }
        String id = UUID.randomUUID().toString();
        return summary(send(id, new RegisterOrganisationCommand(id, name, Organisation.DEFAULT_MINIMUM_GROUP_SIZE,
                operator.actor(), clock.instant())));
    }

    @Override
    public List<OrganisationSummary> list(Caller caller) {
        awaitCaughtUp();
        if (caller.operator()) {
            return views.all().stream()
                    .map(summary -> views.find(summary.id()).map(OrganisationService::summary).orElse(null))
                    .filter(Objects::nonNull)
                    .toList();
        }
        return memberships.of(caller.accountId()).stream()
                .map(membership -> views.find(membership.organisationId()).map(OrganisationService::summary))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public OrganisationSummary summary(Caller caller, String organisationId) {
        OrganisationView view = caller.operator() ? existing(organisationId) : memberView(caller, organisationId).view();
        return summary(view);
    }

    @Override
    public OrganisationSummary changeMinimumGroupSize(Caller caller, String organisationId, int minimumGroupSize) {
        Access access = managing(caller, organisationId);
        OrganisationView changed = send(organisationId, new ChangeMinimumGroupSizeCommand(organisationId, minimumGroupSize,
                access.actor(), clock.instant()));
        return summary(changed);
    }

    private static OrganisationSummary summary(OrganisationView view) {
        return new OrganisationSummary(view.id(), view.name(), view.minimumGroupSize(),
                (int) view.teams().stream().filter(team -> !team.retired()).count(), view.members().size(),
                view.members().stream().anyMatch(member -> member.role() == Role.ADMIN));
    }

    // ----- teams --------------------------------------------------------------------------------------

    @Override
    public List<TeamView> teams(Caller caller, String organisationId) {
        Access access = memberView(caller, organisationId);
        return access.view().teams().stream()
                .filter(team -> access.membership().maySeeTeam(team.id()))
                .map(OrganisationService::team)
                .toList();
    }

    @Override
    public TeamView addTeam(Caller caller, String organisationId, String name) {
        Access access = managing(caller, organisationId);
        String teamId = UUID.randomUUID().toString();
        OrganisationView changed = send(organisationId, new AddTeamCommand(organisationId, teamId, name, access.actor(),
                clock.instant()));
        return team(changed.team(teamId).orElseThrow());
    }

    @Override
    public TeamView renameTeam(Caller caller, String organisationId, String teamId, String name) {
        Access access = managing(caller, organisationId);
        requireTeam(access.view(), teamId);
        OrganisationView changed = send(organisationId, new RenameTeamCommand(organisationId, teamId, name, access.actor(),
                clock.instant()));
        return team(changed.team(teamId).orElseThrow());
    }

    @Override
    public TeamView retireTeam(Caller caller, String organisationId, String teamId) {
        Access access = managing(caller, organisationId);
        requireTeam(access.view(), teamId);
        OrganisationView changed = send(organisationId, new RetireTeamCommand(organisationId, teamId, access.actor(),
                clock.instant()));
        return team(changed.team(teamId).orElseThrow());
    }

    @Override
    public TeamView setHeadcount(Caller caller, String organisationId, String teamId, Integer headcount) {
        Access access = managing(caller, organisationId);
        requireTeam(access.view(), teamId);
        OrganisationView changed = send(organisationId, new SetHeadcountCommand(organisationId, teamId, headcount,
                access.actor(), clock.instant()));
        return team(changed.team(teamId).orElseThrow());
    }

    private static TeamView team(Organisation.Team team) {
        return new TeamView(team.id(), team.name(), team.retired(), team.headcount());
    }

    private static void requireTeam(OrganisationView view, String teamId) {
        if (view.team(teamId).isEmpty()) {
            throw new NotFound("Team " + teamId);
        }
    }

    // ----- members ------------------------------------------------------------------------------------

    /**
     * The members, for the organisation's admins. The operator, who adds an organisation's first admin, sees its
     * admins only: enough to hand a new activation link to one who let theirs expire.
     */
    @Override
    public List<MemberView> members(Caller caller, String organisationId) {
        if (caller.operator()) {
            return existing(organisationId).members().stream()
                    .filter(member -> member.role() == Role.ADMIN)
                    .map(this::member)
                    .toList();
        }
        Access access = managing(caller, organisationId);
        return access.view().members().stream().map(this::member).toList();
    }

    /**
     * Adds a member by e-mail address. The organisation's rules are asked first, on the view, so that a refusal
     * (already a member, a team lead without teams, a second admin by the operator) leaves no account behind and
     * no pending member's link replaced; the account is found or made next, the aggregate decides for real, and
     * only then is an activation link issued.
     */
    @Override
    public NewMember addMember(Caller caller, String organisationId, String email, Role role, List<String> teams) {
        Access access = caller.operator() ? operatorAccess(caller, organisationId) : managing(caller, organisationId);
        if (role == null) {
            throw new InvalidRequest("A member needs a role: ADMIN, TEAM_LEAD or ANALYST.");
        }
        String knownId = accounts.findByEmail(email).map(Accounts.Account::id).orElse(UUID.randomUUID().toString());
        Instant now = clock.instant();
        List<String> memberTeams = teams == null ? List.of() : teams;
        access.view().organisation().addMember(knownId, role, memberTeams, access.actor(), now);
        String memberId = accounts.enrol(email).id();
        OrganisationView view = send(organisationId, new AddMemberCommand(organisationId, memberId, role, memberTeams,
                access.actor(), now));
        AccountService.Invited invited = accounts.issueActivation(memberId);
        return new NewMember(member(memberOf(view, memberId)), invited.activationToken(),
                invited.activationExpiresAt());
    }

    @Override
    public MemberView changeMember(Caller caller, String organisationId, String memberId, Role role,
                                   List<String> teams) {
        Access access = managing(caller, organisationId);
        if (role == null) {
            throw new InvalidRequest("A member needs a role: ADMIN, TEAM_LEAD or ANALYST.");
        }
        memberOf(access.view(), memberId);
        OrganisationView changed = send(organisationId, new ChangeMemberCommand(organisationId, memberId, role, teams,
                access.actor(), clock.instant()));
        return member(memberOf(changed, memberId));
    }

    @Override
    public void removeMember(Caller caller, String organisationId, String memberId) {
        Access access = managing(caller, organisationId);
        memberOf(access.view(), memberId);
        send(organisationId, new RemoveMemberCommand(organisationId, memberId, access.actor(), clock.instant()));
    }

    /**
     * A new activation link for a member who has not activated their account; the old link stops working. The
     * operator may do this for an admin (who may have let the first link expire before anyone could manage the
     * organisation), the admins for anyone.
     */
    @Override
    public NewMember renewActivation(Caller caller, String organisationId, String memberId) {
        Organisation.Member member;
        if (caller.operator()) {
            member = memberOf(existing(organisationId), memberId);
            if (member.role() != Role.ADMIN) {
                throw new AccessDenied("The operator renews an admin's activation link only; the admins do the rest.");
            }
        } else {
            member = memberOf(managing(caller, organisationId).view(), memberId);
        }
        if (accounts.isActive(memberId)) {
            return new NewMember(member(member), null, null); // the list says so already: active needs no link
        }
        AccountService.Invited invited = accounts.issueActivation(memberId);
        return new NewMember(member(member), invited.activationToken(), invited.activationExpiresAt());
    }

    private MemberView member(Organisation.Member member) {
        Optional<String> email = accounts.emailOf(member.id());
        return new MemberView(member.id(), email.orElse(null), member.role(),
                member.teams().stream().sorted().toList(), accounts.isActive(member.id()));
    }

    private static Organisation.Member memberOf(OrganisationView view, String memberId) {
        return view.members().stream().filter(member -> member.id().equals(memberId)).findFirst()
                .orElseThrow(() -> new NotFound("Member " + memberId));
    }

    // ----- rounds -------------------------------------------------------------------------------------

    @Override
    public List<RoundView> rounds(Caller caller, String organisationId) {
        Access access = memberView(caller, organisationId);
        Instant now = clock.instant();
        return access.view().rounds().stream()
                .filter(round -> access.membership().maySeeAllReports() || round.coversWholeOrganisation()
                        || round.teams().stream().anyMatch(access.membership()::maySeeTeam))
                .map(round -> round(round, now, access.membership().mayHandOutInvitation(round)))
                .toList();
    }

    @Override
    public RoundView openRound(Caller caller, String organisationId, String name, List<String> teams,
                               Instant opensAt, Instant closesAt) {
        Access access = managing(caller, organisationId);
        String roundId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        OrganisationView changed = send(organisationId, new OpenRoundCommand(organisationId, roundId, name,
                teams == null ? List.of() : teams, opensAt, closesAt, Secrets.newToken(INVITATION_TOKEN_BYTES), access.actor(),
                now));
        return round(changed.round(roundId).orElseThrow(), clock.instant(), true);
    }

    @Override
    public RoundView closeRound(Caller caller, String organisationId, String roundId) {
        Access access = managing(caller, organisationId);
        if (access.view().round(roundId).isEmpty()) {
            throw new NotFound("Round " + roundId);
        }
        OrganisationView changed = send(organisationId, new CloseRoundCommand(organisationId, roundId, access.actor(),
                clock.instant()));
        return round(changed.round(roundId).orElseThrow(), clock.instant(), true);
    }

    /** The invitation token only for those who hand it out. */
    private static RoundView round(Organisation.Round round, Instant now, boolean withInvitation) {
        return RoundView.of(round, now, withInvitation);
    }

    // ----- who may ------------------------------------------------------------------------------------

    /**
     * The caller's place in the organisation: known to a member only. The operator, who knows every organisation
     * exists but is a member of none, may see none of its teams, rounds or results.
     */
    private Access memberView(Caller caller, String organisationId) {
        awaitCaughtUp();
        MemberGate.Member member = MemberGate.member(caller, organisationId, views,
                "The operator sees no organisation's teams, rounds or results; its members do.");
        return new Access(member.organisation(), member.membership(), caller);
    }

    private Access managing(Caller caller, String organisationId) {
        if (caller.operator()) {
            existing(organisationId);
            throw new AccessDenied("The operator adds an organisation's first admin; the admins manage it.");
        }
        Access access = memberView(caller, organisationId);
        if (!access.membership().mayManage()) {
            throw new AccessDenied("Only an admin of the organisation may do this.");
        }
        return access;
    }

    private Access operatorAccess(Caller caller, String organisationId) {
        return new Access(existing(organisationId), null, caller);
    }

    /** After a restart, reads wait until the views show every event stored before it. */
    private void awaitCaughtUp() {
        catchUp.await(OrganisationViewProjection.PROCESSING_GROUP, "organisation views", readYourWritesTimeout);
    }

    private OrganisationView existing(String organisationId) {
        awaitCaughtUp();
        return Optional.ofNullable(organisationId).flatMap(views::find)
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
    }

    private record Access(OrganisationView view, Membership membership, Caller caller) {
        nl.klantspiegel.domain.organisation.Actor actor() {
            return caller.actor();
        }
    }

    // ----- commands and what they changed -------------------------------------------------------------------

    /**
     * Sends a command to the organisation and writes what it changed through to the read models before answering with
     * the organisation as the command left it: the next request reads it on any node, with no projection to wait for.
     */
    private OrganisationView send(String organisationId, Object command) {
        OrganisationChange change;
        try {
            change = commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            throw new NotFound("Organisation " + organisationId);
        }
        Objects.requireNonNull(change, "the organisation answers every command with what it changed");
        readModels.record(change.view(), change.events());
        return change.view();
    }
}
