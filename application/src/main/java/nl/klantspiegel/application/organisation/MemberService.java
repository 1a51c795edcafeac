package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.MembersUseCase;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.Accounts;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An organisation's members, named by e-mail address: its admins add, change and remove them and hand out their
 * activation links; the operator adds an organisation's first admin, and renews an admin's link.
 */
public final class MemberService implements MembersUseCase {

    private final OrganisationGate gate;
    private final OrganisationCommands commands;
    private final Enrolment accounts;
    private final Clock clock;

    public MemberService(OrganisationGate gate, OrganisationCommands commands, Enrolment accounts, Clock clock) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The members, for the organisation's admins. The operator, who adds an organisation's first admin, sees its
     * admins only: enough to hand a new activation link to one who let theirs expire.
     */
    @Override
    public List<MemberView> members(Caller caller, String organisationId) {
        if (caller.operator()) {
            return gate.existing(organisationId).members().stream()
                    .filter(member -> member.role() == Role.ADMIN)
                    .map(this::member)
                    .toList();
        }
        return gate.admin(caller, organisationId).view().members().stream().map(this::member).toList();
    }

    /**
     * Adds a member by e-mail address. The organisation's rules are asked first, on the view, so that a refusal
     * (already a member, a team lead without teams, a second admin by the operator) leaves no account behind and
     * no pending member's link replaced; the account is found or made next, the aggregate decides for real, and
     * only then is an activation link issued.
     */
    @Override
    public NewMember addMember(Caller caller, String organisationId, String email, Role role, List<String> teams) {
        OrganisationGate.Place place = caller.operator() ? gate.operator(caller, organisationId)
                : gate.admin(caller, organisationId);
        requireRole(role);
        String knownId = accounts.findByEmail(email).map(Accounts.Account::id).orElse(UUID.randomUUID().toString());
        Instant now = clock.instant();
        List<String> memberTeams = teams == null ? List.of() : teams;
        place.view().organisation().addMember(knownId, role, memberTeams, place.actor(), now);
        String memberId = accounts.enrol(email).id();
        OrganisationView view = commands.send(organisationId, new AddMemberCommand(organisationId, memberId, role,
                memberTeams, place.actor(), now));
        Enrolment.Invited invited = accounts.issueActivation(memberId);
        return new NewMember(member(memberOf(view, memberId)), invited.activationToken(),
                invited.activationExpiresAt());
    }

    @Override
    public MemberView changeMember(Caller caller, String organisationId, String memberId, Role role,
                                   List<String> teams) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        requireRole(role);
        memberOf(admin.view(), memberId);
        OrganisationView changed = commands.send(organisationId, new ChangeMemberCommand(organisationId, memberId,
                role, teams, admin.actor(), clock.instant()));
        return member(memberOf(changed, memberId));
    }

    @Override
    public void removeMember(Caller caller, String organisationId, String memberId) {
        OrganisationGate.Place admin = gate.admin(caller, organisationId);
        memberOf(admin.view(), memberId);
        commands.send(organisationId, new RemoveMemberCommand(organisationId, memberId, admin.actor(),
                clock.instant()));
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
            member = memberOf(gate.existing(organisationId), memberId);
            if (member.role() != Role.ADMIN) {
                throw new AccessDenied("The operator renews an admin's activation link only; the admins do the rest.");
            }
        } else {
            member = memberOf(gate.admin(caller, organisationId).view(), memberId);
        }
        if (accounts.isActive(memberId)) {
            return new NewMember(member(member), null, null); // the list says so already: active needs no link
        }
        Enrolment.Invited invited = accounts.issueActivation(memberId);
        return new NewMember(member(member), invited.activationToken(), invited.activationExpiresAt());
    }

    private static void requireRole(Role role) {
        if (role == null) {
            throw new InvalidRequest("A member needs a role: ADMIN, TEAM_LEAD or ANALYST.");
        }
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
}
