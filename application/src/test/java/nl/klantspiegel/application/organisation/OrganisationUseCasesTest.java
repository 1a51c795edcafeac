package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.account.Enrolment;
import nl.klantspiegel.application.account.Secrets;
import nl.klantspiegel.application.assessment.AssessmentService;
import nl.klantspiegel.application.assessment.StartAssessmentCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.InvitationsUseCase;
import nl.klantspiegel.application.port.in.MembersUseCase.MemberView;
import nl.klantspiegel.application.port.in.MembersUseCase.NewMember;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.OrganisationsUseCase.OrganisationSummary;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.in.RoundSchedulesUseCase;
import nl.klantspiegel.application.port.in.RoundsUseCase.RoundView;
import nl.klantspiegel.application.port.in.TeamsUseCase.TeamView;
import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.application.port.out.Accounts.Account;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.domain.organisation.Membership;
import java.util.Set;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.FakePasswordHashing;
import nl.klantspiegel.application.testing.InMemoryAccounts;
import nl.klantspiegel.application.testing.InMemoryApiTokens;
import nl.klantspiegel.application.testing.InMemoryEventLog;
import nl.klantspiegel.application.testing.InMemoryInvitations;
import nl.klantspiegel.application.testing.InMemoryMemberships;
import nl.klantspiegel.application.testing.InMemoryOperatorSetup;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemorySignInThrottles;
import nl.klantspiegel.application.testing.RecordingEventGateway;
import nl.klantspiegel.application.testing.ScriptedCommandGateway;
import nl.klantspiegel.domain.account.EmailAddress;
import nl.klantspiegel.domain.assessment.Assessment;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRefused;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRetired;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static nl.klantspiegel.application.testing.ScriptedCommandGateway.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The organisation's use cases with the command side scripted as the aggregate would answer: who may ask what (a
 * stranger learns nothing, a member without the role is refused, the operator registers, lists, sees a summary and
 * adds the first admin, and nothing else), commands sent with the caller as actor at the clock's time, answers read
 * from the view once it shows the command (read-your-writes), unknown teams, members and rounds reported before
 * anything is sent, and the respondents' way in through an invitation.
 */
class OrganisationUseCasesTest {

    private static final String ORG = "org-acme";
    private static final String OTHER_ORG = "org-other";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final Instant CLOSES = T0.plus(Duration.ofDays(14));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Caller OPERATOR = new Caller("acc-operator", true);
    private static final Caller ADMIN = new Caller("acc-admin", false);
    private static final Caller LEAD = new Caller("acc-lead", false);
    private static final Caller ANALYST = new Caller("acc-analyst", false);
    private static final Caller STRANGER = new Caller("acc-stranger", false);
    private static final String PENDING = "acc-pending";

    private static final String SALES = "t-sales";
    private static final String SERVICE = "t-service";
    private static final String OLD = "t-old";
    private static final String ROUND_ALL = "r-all";
    private static final String ROUND_SALES = "r-sales";
    private static final String ROUND_SERVICE = "r-service";
    private static final String ROUND_CLOSED = "r-closed";
    private static final String TOKEN_ALL = "invitation-token-whole-organisation";
    private static final String TOKEN_SALES = "invitation-token-sales-0000001";
    private static final String TOKEN_SERVICE = "invitation-token-service-000001";
    private static final String TOKEN_CLOSED = "invitation-token-closed-0000001";

    private final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    private final InMemoryInvitations invitations = new InMemoryInvitations();
    private final InMemoryMemberships memberships = new InMemoryMemberships();
    private final OrganisationReadModels readModels = new OrganisationReadModels(views, invitations, memberships);
    private final OrganisationViewProjection projection = new OrganisationViewProjection(readModels);
    private final InMemoryAccounts accountStore = new InMemoryAccounts();
    private final InMemoryEventLog log = new InMemoryEventLog();
    private final ScriptedCommandGateway commands = new ScriptedCommandGateway();
    private final Enrolment accounts = new Enrolment(accountStore, new FakePasswordHashing(),
            new RecordingEventGateway(), CLOCK);
    private final OrganisationGate gate = new OrganisationGate(views, CatchUps.caughtUp(TIMEOUT));
    private final OrganisationCommands organisationCommands = new OrganisationCommands(commands, readModels);
    private final OrganisationService organisationService = service(CatchUps.caughtUp(TIMEOUT));
    private final TeamService teamService = new TeamService(gate, organisationCommands, CLOCK);
    private final MemberService memberService = new MemberService(gate, organisationCommands, accounts, CLOCK);
    private final RoundService roundService = new RoundService(gate, organisationCommands, CLOCK);
    private final InvitationService invitation = invitations(CatchUps.caughtUp(TIMEOUT));

    /**
     * Acme: teams Sales, Service and Old (retired); an admin, a team lead of Sales, an analyst and a member who has
     * not activated their account; a round for the whole organisation, one for Sales, one for Service whose closing
     * time has passed, and one for Sales closed by the admin. Another organisation has only its admin.
     */
    @BeforeEach
    void anOrganisation() {
        account(OPERATOR.accountId(), "operator@klantspiegel.example", true);
        account(ADMIN.accountId(), "admin@acme.example", true);
        account(LEAD.accountId(), "lead@acme.example", true);
        account(ANALYST.accountId(), "analyst@acme.example", true);
        account(STRANGER.accountId(), "stranger@elsewhere.example", true);
        account(PENDING, "pending@acme.example", false);

        Actor admin = ADMIN.actor();
        given(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR.actor(), T0),
                new MemberAdded(ORG, ADMIN.accountId(), Role.ADMIN, List.of(), OPERATOR.actor(), T0),
                new TeamAdded(ORG, SALES, "Sales", admin, T0),
                new TeamAdded(ORG, SERVICE, "Service", admin, T0),
                new TeamAdded(ORG, OLD, "Old", admin, T0),
                new TeamRetired(ORG, OLD, admin, T0),
                new MemberAdded(ORG, LEAD.accountId(), Role.TEAM_LEAD, List.of(SALES), admin, T0),
                new MemberAdded(ORG, ANALYST.accountId(), Role.ANALYST, List.of(), admin, T0),
                new MemberAdded(ORG, PENDING, Role.ANALYST, List.of(), admin, T0),
                new RoundOpened(ORG, ROUND_ALL, "Everyone", List.of(), null, TOKEN_ALL, admin, T0),
                new RoundOpened(ORG, ROUND_SALES, "Sales spring", List.of(SALES), CLOSES, TOKEN_SALES, admin, T0),
                new RoundOpened(ORG, ROUND_SERVICE, "Service spring", List.of(SERVICE), T0.plusSeconds(1800),
                        TOKEN_SERVICE, admin, T0),
                new RoundOpened(ORG, ROUND_CLOSED, "Sales winter", List.of(SALES), null, TOKEN_CLOSED, admin, T0),
                new RoundClosed(ORG, ROUND_CLOSED, admin, T0.plusSeconds(60)));
        given(new OrganisationRegistered(OTHER_ORG, "Other", 7, OPERATOR.actor(), T0),
                new MemberAdded(OTHER_ORG, "acc-other-admin", Role.ADMIN, List.of(), OPERATOR.actor(), T0));
    }

    // ----- organisations ------------------------------------------------------------------------------

    @Test
    void the_operator_registers_an_organisation_and_gets_it_as_its_view_shows_it() {
        commands.then(aggregateLater());

        OrganisationSummary registered = organisationService.register(OPERATOR, "Initech");

        RegisterOrganisationCommand sent = (RegisterOrganisationCommand) commands.sent().get(0);
        assertThat(sent.name()).isEqualTo("Initech");
        assertThat(sent.minimumGroupSize()).isEqualTo(Organisation.DEFAULT_MINIMUM_GROUP_SIZE);
        assertThat(sent.by()).isEqualTo(Actor.operator(OPERATOR.accountId()));
        assertThat(sent.at()).isEqualTo(NOW);
        assertThat(registered).isEqualTo(new OrganisationSummary(sent.organisationId(), "Initech",
                Organisation.DEFAULT_MINIMUM_GROUP_SIZE, 0, 0, false));
    }

    @Test
    void each_registration_is_a_new_organisation() {
        commands.then(aggregate()).then(aggregate());

        assertThat(organisationService.register(OPERATOR, "One").id()).isNotEqualTo(organisationService.register(OPERATOR, "Two").id());
    }

    @Test
    void only_the_operator_registers() {
        assertThatThrownBy(() -> organisationService.register(ADMIN, "Initech")).isInstanceOf(AccessDenied.class);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void the_operator_lists_every_organisation_in_the_order_registered() {
        assertThat(organisationService.list(OPERATOR)).containsExactly(
                new OrganisationSummary(ORG, "Acme", 5, 2, 4, true),
                new OrganisationSummary(OTHER_ORG, "Other", 7, 0, 1, true));
    }

    @Test
    void an_organisation_listed_but_without_a_view_is_left_out() {
        views.dropViewOnly(ORG);

        assertThat(organisationService.list(OPERATOR)).extracting(OrganisationSummary::id).containsExactly(OTHER_ORG);
    }

    @Test
    void a_member_lists_only_their_own_organisations() {
        assertThat(organisationService.list(LEAD)).containsExactly(new OrganisationSummary(ORG, "Acme", 5, 2, 4, true));
        assertThat(organisationService.list(STRANGER)).isEmpty();
    }

    @Test
    void members_and_the_operator_see_a_summary_and_a_stranger_learns_nothing() {
        OrganisationSummary acme = new OrganisationSummary(ORG, "Acme", 5, 2, 4, true);
        assertThat(organisationService.summary(ANALYST, ORG)).isEqualTo(acme);
        assertThat(organisationService.summary(LEAD, ORG)).isEqualTo(acme);
        assertThat(organisationService.summary(OPERATOR, ORG)).isEqualTo(acme);

        assertThatThrownBy(() -> organisationService.summary(STRANGER, ORG)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> organisationService.summary(ADMIN, OTHER_ORG)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> organisationService.summary(OPERATOR, "org-unknown")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> organisationService.summary(ADMIN, null)).isInstanceOf(NotFound.class);
    }

    @Test
    void reads_wait_for_the_views_to_catch_up_after_a_restart() {
        OrganisationService restarted = service(CatchUps.onlyCaughtUp(Duration.ofMillis(50)));
        InvitationService restartedInvitations = invitations(CatchUps.onlyCaughtUp(Duration.ofMillis(50)));

        assertThatThrownBy(() -> restarted.list(OPERATOR)).isInstanceOf(ViewsCatchingUp.class)
                .hasMessageContaining("organisation views");
        assertThatThrownBy(() -> restarted.list(ADMIN)).isInstanceOf(ViewsCatchingUp.class);
        assertThatThrownBy(() -> restarted.summary(OPERATOR, ORG)).isInstanceOf(ViewsCatchingUp.class);
        assertThatThrownBy(() -> new TeamService(gate(CatchUps.onlyCaughtUp(Duration.ofMillis(50))),
                organisationCommands, CLOCK).teams(ADMIN, ORG)).isInstanceOf(ViewsCatchingUp.class);
        assertThatThrownBy(() -> new RoundService(gate(CatchUps.onlyCaughtUp(Duration.ofMillis(50))),
                organisationCommands, CLOCK).rounds(ADMIN, ORG)).isInstanceOf(ViewsCatchingUp.class);
        assertThatThrownBy(() -> restartedInvitations.describe(TOKEN_SALES)).isInstanceOf(ViewsCatchingUp.class);
        assertThatThrownBy(() -> restartedInvitations.start(TOKEN_SALES, Language.NL, null))
                .isInstanceOf(ViewsCatchingUp.class);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void reads_are_served_once_the_organisation_views_caught_up() {
        OrganisationService restarted =
                service(CatchUps.onlyCaughtUp(Duration.ofMillis(50), OrganisationViewProjection.PROCESSING_GROUP));

        assertThat(restarted.list(OPERATOR)).hasSize(2);
        assertThat(invitations(CatchUps.onlyCaughtUp(Duration.ofMillis(50),
                OrganisationViewProjection.PROCESSING_GROUP)).describe(TOKEN_SALES).roundName()).isEqualTo("Sales spring");
    }

    @Test
    void an_admin_changes_the_minimum_group_size() {
        commands.then(aggregateLater());

        OrganisationSummary changed = organisationService.changeMinimumGroupSize(ADMIN, ORG, 8);

        assertThat(commands.sent()).containsExactly(new ChangeMinimumGroupSizeCommand(ORG, 8, ADMIN.actor(), NOW));
        assertThat(changed.minimumGroupSize()).isEqualTo(8);
        assertThat(List.of(changed.lowestMinimumGroupSize(), changed.highestMinimumGroupSize()))
                .as("the bounds the domain allows, for the web client's form").containsExactly(3, 50);
    }

    // ----- who may manage -----------------------------------------------------------------------------

    @Test
    void a_member_who_is_not_an_admin_may_not_manage() {
        for (Caller member : List.of(LEAD, ANALYST)) {
            for (ThrowingCallable management : management(member)) {
                assertThatThrownBy(management).isInstanceOf(AccessDenied.class);
            }
            assertThatThrownBy(() -> memberService.addMember(member, ORG, "new@acme.example", Role.ANALYST, List.of()))
                    .isInstanceOf(AccessDenied.class);
        }
        assertThat(commands.sent()).isEmpty();
        assertThat(accountStore.creates()).isZero();
    }

    @Test
    void the_operator_may_not_manage_nor_see_teams_rounds_or_members() {
        for (ThrowingCallable management : management(OPERATOR)) {
            assertThatThrownBy(management).isInstanceOf(AccessDenied.class);
        }
        assertThatThrownBy(() -> memberService.renewActivation(OPERATOR, ORG, PENDING))
                .isInstanceOf(AccessDenied.class).hasMessageContaining("admin");
        assertThatThrownBy(() -> memberService.renewActivation(OPERATOR, ORG, LEAD.accountId()))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> teamService.teams(OPERATOR, ORG)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> roundService.rounds(OPERATOR, ORG)).isInstanceOf(AccessDenied.class);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void a_stranger_learns_nothing_of_an_organisation() {
        List<ThrowingCallable> everything = new ArrayList<>(management(STRANGER));
        everything.add(() -> teamService.teams(STRANGER, ORG));
        everything.add(() -> roundService.rounds(STRANGER, ORG));
        everything.add(() -> memberService.addMember(STRANGER, ORG, "new@acme.example", Role.ANALYST, List.of()));
        for (ThrowingCallable call : everything) {
            assertThatThrownBy(call).isInstanceOf(NotFound.class);
        }
        assertThat(commands.sent()).isEmpty();
        assertThat(accountStore.creates()).isZero();
    }

    @Test
    void an_unknown_organisation_is_not_found_even_for_the_operator() {
        for (ThrowingCallable call : management(OPERATOR, "org-unknown")) {
            assertThatThrownBy(call).isInstanceOf(NotFound.class);
        }
        assertThatThrownBy(() -> memberService.addMember(OPERATOR, "org-unknown", "new@acme.example", Role.ADMIN, null))
                .isInstanceOf(NotFound.class);
        assertThat(commands.sent()).isEmpty();
        assertThat(accountStore.creates()).isZero();
    }

    // ----- teams --------------------------------------------------------------------------------------

    @Test
    void admins_and_analysts_see_every_team_and_a_team_lead_only_theirs() {
        List<TeamView> all = List.of(new TeamView(SALES, "Sales", false, null), new TeamView(SERVICE, "Service", false, null),
                new TeamView(OLD, "Old", true, null));
        assertThat(teamService.teams(ADMIN, ORG)).isEqualTo(all);
        assertThat(teamService.teams(ANALYST, ORG)).isEqualTo(all);
        assertThat(teamService.teams(LEAD, ORG)).containsExactly(new TeamView(SALES, "Sales", false, null));
    }

    @Test
    void an_admin_adds_a_team_and_gets_it_once_the_view_shows_it() {
        commands.then(aggregateLater());

        TeamView added = teamService.addTeam(ADMIN, ORG, "Support");

        AddTeamCommand sent = (AddTeamCommand) commands.sent().get(0);
        assertThat(sent).isEqualTo(new AddTeamCommand(ORG, sent.teamId(), "Support", ADMIN.actor(), NOW));
        assertThat(added).isEqualTo(new TeamView(sent.teamId(), "Support", false, null));
    }

    @Test
    void the_organisations_refusal_is_passed_on_as_it_is() {
        commands.then(aggregate());

        assertThatThrownBy(() -> teamService.addTeam(ADMIN, ORG, "sales"))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(OrganisationRefused.Rule.DUPLICATE_TEAM_NAME));
    }

    @Test
    void an_admin_renames_and_retires_a_team() {
        commands.then(aggregateLater()).then(aggregateLater());

        assertThat(teamService.renameTeam(ADMIN, ORG, SALES, "Field sales"))
                .isEqualTo(new TeamView(SALES, "Field sales", false, null));
        assertThat(teamService.retireTeam(ADMIN, ORG, SERVICE)).isEqualTo(new TeamView(SERVICE, "Service", true, null));

        assertThat(commands.sent()).containsExactly(
                new RenameTeamCommand(ORG, SALES, "Field sales", ADMIN.actor(), NOW),
                new RetireTeamCommand(ORG, SERVICE, ADMIN.actor(), NOW));
    }

    @Test
    void an_unknown_team_is_not_found_before_anything_is_sent() {
        assertThatThrownBy(() -> teamService.renameTeam(ADMIN, ORG, "t-unknown", "Support"))
                .isInstanceOf(NotFound.class).hasMessageContaining("t-unknown");
        assertThatThrownBy(() -> teamService.retireTeam(ADMIN, ORG, "t-unknown")).isInstanceOf(NotFound.class);
        assertThat(commands.sent()).isEmpty();
    }

    // ----- members ------------------------------------------------------------------------------------

    @Test
    void an_admin_sees_the_members_by_their_addresses_as_they_are_now() {
        accountStore.erase(ANALYST.accountId());

        assertThat(memberService.members(ADMIN, ORG)).containsExactly(
                new MemberView(ADMIN.accountId(), "admin@acme.example", Role.ADMIN, List.of(), true),
                new MemberView(LEAD.accountId(), "lead@acme.example", Role.TEAM_LEAD, List.of(SALES), true),
                new MemberView(ANALYST.accountId(), null, Role.ANALYST, List.of(), false),
                new MemberView(PENDING, "pending@acme.example", Role.ANALYST, List.of(), false));
    }

    @Test
    void adding_a_new_person_makes_their_account_and_hands_over_its_activation_link() {
        commands.then(aggregateLater());

        NewMember added = memberService.addMember(ADMIN, ORG, "New.Person@Acme.example", Role.TEAM_LEAD,
                List.of(SERVICE, SALES));

        Account created = accountStore.findByEmail(new EmailAddress("new.person@acme.example")).orElseThrow();
        assertThat(created.isActive()).isFalse();
        assertThat(commands.sent()).containsExactly(new AddMemberCommand(ORG, created.id(), Role.TEAM_LEAD,
                List.of(SERVICE, SALES), ADMIN.actor(), NOW));
        assertThat(added.member()).isEqualTo(new MemberView(created.id(), "new.person@acme.example", Role.TEAM_LEAD,
                List.of(SALES, SERVICE), false));
        assertThat(added.activationToken()).isNotNull();
        assertThat(accountStore.findByActivation(Secrets.hash(added.activationToken()))).contains(created);
        assertThat(added.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void adding_a_person_with_an_active_account_answers_as_for_a_new_one() {
        commands.then(aggregateLater());

        NewMember added = memberService.addMember(ADMIN, ORG, "stranger@elsewhere.example", Role.ANALYST, List.of());

        assertThat(commands.sent()).containsExactly(new AddMemberCommand(ORG, STRANGER.accountId(), Role.ANALYST,
                List.of(), ADMIN.actor(), NOW));
        assertThat(added.member()).isEqualTo(new MemberView(STRANGER.accountId(), "stranger@elsewhere.example",
                Role.ANALYST, List.of(), false));
        assertThat(added.activationToken()).as("a link, as a new address gets").isNotNull();
        assertThat(added.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(accountStore.creates()).isZero();
    }

    @Test
    void adding_a_person_whose_account_is_not_activated_yet_gives_a_fresh_link() {
        account("acc-waiting", "waiting@elsewhere.example", false);
        commands.then(aggregateLater());
        String other = otherOrganisationAdminedByAcmesAdmin();

        NewMember added = memberService.addMember(ADMIN, other, "waiting@elsewhere.example", Role.ANALYST, null);

        assertThat(added.member().id()).isEqualTo("acc-waiting");
        assertThat(added.activationToken()).isNotNull();
        assertThat(accountStore.findByActivation(Secrets.hash(added.activationToken())))
                .hasValueSatisfying(account -> assertThat(account.id()).isEqualTo("acc-waiting"));
    }

    @Test
    void the_operator_adds_the_first_admin() {
        commands.then(aggregate()).then(aggregateLater());
        String initech = organisationService.register(OPERATOR, "Initech").id();

        NewMember added = memberService.addMember(OPERATOR, initech, "boss@initech.example", Role.ADMIN, List.of());

        Account boss = accountStore.findByEmail(new EmailAddress("boss@initech.example")).orElseThrow();
        assertThat(commands.sent().get(1)).isEqualTo(new AddMemberCommand(initech, boss.id(), Role.ADMIN, List.of(),
                OPERATOR.actor(), NOW));
        assertThat(added.member().role()).isEqualTo(Role.ADMIN);
        assertThat(organisationService.summary(OPERATOR, initech).hasAdmin()).isTrue();
    }

    @Test
    void once_there_is_an_admin_the_organisation_refuses_members_added_by_the_operator() {
        commands.then(aggregate());

        assertThatThrownBy(() -> memberService.addMember(OPERATOR, ORG, "new.boss@acme.example", Role.ADMIN, null))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(OrganisationRefused.Rule.NOT_ALLOWED));
        assertThat(commands.sent()).isEmpty();
        assertThat(accountStore.creates()).isZero();
    }

    @Test
    void a_refused_member_leaves_no_account_behind() {
        commands.then(aggregate());

        assertThatThrownBy(() -> memberService.addMember(ADMIN, ORG, "new@acme.example", Role.TEAM_LEAD, List.of()))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.kind()).isEqualTo(OrganisationRefused.Kind.INVALID));
        assertThatThrownBy(() -> memberService.addMember(ADMIN, ORG, "new@acme.example", Role.TEAM_LEAD,
                List.of("t-unknown"))).isInstanceOf(OrganisationRefused.class);

        assertThat(accountStore.creates()).isZero();
        assertThat(accountStore.findByEmail(new EmailAddress("new@acme.example"))).isEmpty();
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void adding_a_pending_member_again_is_refused_and_keeps_their_link_working() {
        commands.then(aggregate());
        String link = accountStore.find(PENDING).orElseThrow().activationTokenHash();

        assertThatThrownBy(() -> memberService.addMember(ADMIN, ORG, "pending@acme.example", Role.ADMIN, null))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(OrganisationRefused.Rule.ALREADY_A_MEMBER));

        assertThat(accountStore.find(PENDING).orElseThrow().activationTokenHash()).isEqualTo(link);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void a_member_refused_by_the_aggregate_itself_gets_no_activation_link() {
        // the view says yes; the aggregate, a moment later, says no (another admin added the person meanwhile)
        OrganisationRefused alreadyAMember = catchThrowableOfType(OrganisationRefused.class, () -> views.find(ORG)
                .orElseThrow().organisation().addMember(LEAD.accountId(), Role.ANALYST, List.of(), ADMIN.actor(), NOW));
        commands.then(failing(alreadyAMember));

        assertThatThrownBy(() -> memberService.addMember(ADMIN, ORG, "late@acme.example", Role.ANALYST, null))
                .isInstanceOf(OrganisationRefused.class);

        Account enrolled = accountStore.findByEmail(new EmailAddress("late@acme.example")).orElseThrow();
        assertThat(enrolled.activationTokenHash()).isNull();
        assertThat(enrolled.isActive()).isFalse();
    }

    @Test
    void the_operator_sees_an_organisations_admins_only() {
        given(new MemberAdded(ORG, PENDING + "-admin", Role.ADMIN, List.of(), ADMIN.actor(), T0));
        account(PENDING + "-admin", "second.admin@acme.example", false);

        assertThat(memberService.members(OPERATOR, ORG)).containsExactly(
                new MemberView(ADMIN.accountId(), "admin@acme.example", Role.ADMIN, List.of(), true),
                new MemberView(PENDING + "-admin", "second.admin@acme.example", Role.ADMIN, List.of(), false));
        assertThatThrownBy(() -> memberService.members(OPERATOR, "org-unknown")).isInstanceOf(NotFound.class);
    }

    @Test
    void the_operator_renews_the_link_of_an_admin_who_let_theirs_expire() {
        commands.then(aggregate()).then(aggregate());
        String initechId = organisationService.register(OPERATOR, "Initech").id();
        NewMember first = memberService.addMember(OPERATOR, initechId, "boss@initech.example", Role.ADMIN, List.of());

        NewMember renewed = memberService.renewActivation(OPERATOR, initechId, first.member().id());

        assertThat(renewed.activationToken()).isNotNull().isNotEqualTo(first.activationToken());
        assertThat(renewed.member().role()).isEqualTo(Role.ADMIN);
        assertThat(accountStore.findByActivation(Secrets.hash(first.activationToken()))).isEmpty();
        assertThat(accountStore.findByActivation(Secrets.hash(renewed.activationToken()))).isPresent();
        assertThatThrownBy(() -> memberService.renewActivation(OPERATOR, initechId, "acc-unknown"))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void a_changed_member_needs_a_role() {
        assertThatThrownBy(() -> memberService.changeMember(ADMIN, ORG, LEAD.accountId(), null, List.of()))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("role");
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void a_member_needs_a_role_and_an_address() {
        assertThatThrownBy(() -> memberService.addMember(ADMIN, ORG, "new@acme.example", null, List.of()))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> memberService.addMember(ADMIN, ORG, "no address", Role.ANALYST, List.of()))
                .isInstanceOf(InvalidRequest.class);
        assertThat(accountStore.creates()).isZero();
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void an_admin_changes_a_member() {
        commands.then(aggregateLater());

        MemberView changed = memberService.changeMember(ADMIN, ORG, LEAD.accountId(), Role.TEAM_LEAD,
                List.of(SERVICE, SALES));

        assertThat(commands.sent()).containsExactly(new ChangeMemberCommand(ORG, LEAD.accountId(), Role.TEAM_LEAD,
                List.of(SERVICE, SALES), ADMIN.actor(), NOW));
        assertThat(changed).isEqualTo(new MemberView(LEAD.accountId(), "lead@acme.example", Role.TEAM_LEAD,
                List.of(SALES, SERVICE), true));
    }

    @Test
    void an_admin_removes_a_member_and_the_answer_waits_for_the_view() {
        commands.then(aggregateLater());

        memberService.removeMember(ADMIN, ORG, ANALYST.accountId());

        assertThat(commands.sent()).containsExactly(new RemoveMemberCommand(ORG, ANALYST.accountId(), ADMIN.actor(),
                NOW));
        assertThat(views.find(ORG).orElseThrow().membership(ANALYST.accountId())).isEmpty();
    }

    @Test
    void a_change_is_in_the_read_models_when_the_answer_comes_with_no_projection_run() {
        commands.then(aggregate()).then(aggregate()).then(aggregate());

        TeamView added = teamService.addTeam(ADMIN, ORG, "Support");
        NewMember member = memberService.addMember(ADMIN, ORG, "new@acme.example", Role.TEAM_LEAD, List.of(added.id()));
        RoundView round = roundService.openRound(ADMIN, ORG, "Autumn", List.of(added.id()), null, null);

        assertThat(views.find(ORG).orElseThrow().team(added.id())).isPresent();
        assertThat(memberships.of(member.member().id())).containsExactly(new Membership(ORG, member.member().id(),
                Role.TEAM_LEAD, Set.of(added.id())));
        assertThat(invitations.find(round.invitationToken())).contains(new Invitations.Invitation(
                round.invitationToken(), ORG, round.id()));
        assertThat(teamService.teams(ADMIN, ORG)).extracting(TeamView::id).contains(added.id());
    }

    @Test
    void an_unknown_member_is_not_found_before_anything_is_sent() {
        assertThatThrownBy(() -> memberService.changeMember(ADMIN, ORG, STRANGER.accountId(), Role.ADMIN, List.of()))
                .isInstanceOf(NotFound.class).hasMessageContaining(STRANGER.accountId());
        assertThatThrownBy(() -> memberService.removeMember(ADMIN, ORG, STRANGER.accountId())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> memberService.renewActivation(ADMIN, ORG, STRANGER.accountId()))
                .isInstanceOf(NotFound.class);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void a_fresh_activation_link_replaces_the_old_one() {
        String oldHash = accountStore.find(PENDING).orElseThrow().activationTokenHash();

        NewMember renewed = memberService.renewActivation(ADMIN, ORG, PENDING);

        assertThat(renewed.member()).isEqualTo(new MemberView(PENDING, "pending@acme.example", Role.ANALYST,
                List.of(), false));
        assertThat(renewed.activationToken()).isNotNull();
        assertThat(renewed.activationExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(accountStore.find(PENDING).orElseThrow().activationTokenHash())
                .isEqualTo(Secrets.hash(renewed.activationToken()))
                .isNotEqualTo(oldHash);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void an_active_member_gets_no_activation_link() {
        NewMember renewed = memberService.renewActivation(ADMIN, ORG, LEAD.accountId());

        assertThat(renewed.activationToken()).isNull();
        assertThat(renewed.activationExpiresAt()).isNull();
        assertThat(renewed.member().active()).isTrue();
    }

    @Test
    void a_member_whose_account_was_erased_gets_no_activation_link() {
        accountStore.erase(PENDING);

        assertThatThrownBy(() -> memberService.renewActivation(ADMIN, ORG, PENDING))
                .isInstanceOf(NotFound.class).hasMessageContaining(PENDING);
        assertThat(accountStore.creates()).isZero();
    }

    // ----- headcounts ---------------------------------------------------------------------------------

    @Test
    void an_admin_sets_and_withdraws_a_teams_headcount() {
        commands.then(aggregateLater()).then(aggregateLater());

        assertThat(teamService.setHeadcount(ADMIN, ORG, SALES, 12)).isEqualTo(new TeamView(SALES, "Sales", false, 12));
        assertThat(commands.sent().get(0)).isEqualTo(new SetHeadcountCommand(ORG, SALES, 12, ADMIN.actor(), NOW));
        assertThat(teamService.teams(LEAD, ORG)).containsExactly(new TeamView(SALES, "Sales", false, 12));

        assertThat(teamService.setHeadcount(ADMIN, ORG, SALES, null)).isEqualTo(new TeamView(SALES, "Sales", false, null));
    }

    @Test
    void a_headcount_for_a_team_that_is_not_there_is_not_found_before_anything_is_sent() {
        assertThatThrownBy(() -> teamService.setHeadcount(ADMIN, ORG, "t-unknown", 5)).isInstanceOf(NotFound.class);
        assertThat(commands.sent()).isEmpty();
    }

    // ----- schedules ----------------------------------------------------------------------------------

    @Test
    void an_admin_opens_a_round_for_later_and_it_waits_for_its_moment() {
        commands.then(aggregateLater());
        Instant opens = NOW.plus(Duration.ofDays(2));

        RoundView scheduled = roundService.openRound(ADMIN, ORG, "Later", List.of(SALES), opens, opens.plus(
                Duration.ofDays(7)));

        OpenRoundCommand sent = (OpenRoundCommand) commands.sent().get(0);
        assertThat(sent.opensAt()).isEqualTo(opens);
        assertThat(scheduled.status()).isEqualTo("SCHEDULED");
        assertThat(scheduled.openedAt()).isEqualTo(NOW);
        assertThat(scheduled.opensAt()).isEqualTo(opens);
        assertThat(scheduled.invitationToken()).isEqualTo(sent.invitationToken());
    }

    @Test
    void the_product_records_what_the_schedules_made_happen_once() {
        commands.then(aggregate());
        RoundScheduleService schedules = new RoundScheduleService(commands, views, readModels, CLOCK);

        assertThat(schedules.keepSchedules()).isEqualTo(new RoundSchedulesUseCase.Kept(1, Map.of()));

        assertThat(commands.sent()).containsExactly(new KeepScheduleCommand(ORG, NOW));
        Organisation.Round closed = views.find(ORG).orElseThrow().round(ROUND_SERVICE).orElseThrow();
        assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(schedules.keepSchedules().recorded()).isZero(); // nothing due any more: nothing is sent
        assertThat(commands.sent()).hasSize(1);
    }

    @Test
    void an_organisation_that_fails_is_left_for_the_next_time_and_holds_up_no_other() {
        commands.then(command -> {
            throw new IllegalStateException("the store is away");
        });
        RoundScheduleService schedules = new RoundScheduleService(commands, views, readModels, CLOCK);

        RoundSchedulesUseCase.Kept kept = schedules.keepSchedules();
        assertThat(kept.recorded()).isZero();
        assertThat(kept.failures()).containsOnlyKeys(ORG);
        assertThat(kept.failures().get(ORG)).contains("the store is away");
        assertThat(views.find(ORG).orElseThrow().round(ROUND_SERVICE).orElseThrow().closedAt()).isNull();
    }

    @Test
    void a_command_that_finds_nothing_due_any_more_records_nothing() {
        commands.then(command -> new OrganisationChange(views.find(ORG).orElseThrow(), List.of()));
        RoundScheduleService schedules = new RoundScheduleService(commands, views, readModels, CLOCK);

        assertThat(schedules.keepSchedules()).isEqualTo(new RoundSchedulesUseCase.Kept(0, Map.of()));
        assertThat(commands.sent()).hasSize(1);
    }

    @Test
    void the_schedule_service_needs_all_it_is_given() {
        assertThatNullPointerException().isThrownBy(() -> new RoundScheduleService(null, views, readModels, CLOCK))
                .withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new RoundScheduleService(commands, null, readModels, CLOCK))
                .withMessage("views");
        assertThatNullPointerException().isThrownBy(() -> new RoundScheduleService(commands, views, null, CLOCK))
                .withMessage("readModels");
        assertThatNullPointerException().isThrownBy(() -> new RoundScheduleService(commands, views, readModels, null))
                .withMessage("clock");
    }

    // ----- rounds -------------------------------------------------------------------------------------

    @Test
    void an_admin_sees_every_round_with_its_invitation() {
        assertThat(roundService.rounds(ADMIN, ORG)).containsExactly(
                new RoundView(ROUND_ALL, "Everyone", List.of(), T0, T0, null, null, "OPEN", TOKEN_ALL),
                new RoundView(ROUND_SALES, "Sales spring", List.of(SALES), T0, T0, CLOSES, null, "OPEN", TOKEN_SALES),
                new RoundView(ROUND_SERVICE, "Service spring", List.of(SERVICE), T0, T0, T0.plusSeconds(1800), null,
                        "CLOSED", TOKEN_SERVICE),
                new RoundView(ROUND_CLOSED, "Sales winter", List.of(SALES), T0, T0, null, T0.plusSeconds(60), "CLOSED",
                        TOKEN_CLOSED));
    }

    @Test
    void an_analyst_sees_every_round_without_invitations() {
        assertThat(roundService.rounds(ANALYST, ORG)).extracting(RoundView::id)
                .containsExactly(ROUND_ALL, ROUND_SALES, ROUND_SERVICE, ROUND_CLOSED);
        assertThat(roundService.rounds(ANALYST, ORG)).extracting(RoundView::invitationToken).containsOnlyNulls();
    }

    @Test
    void a_team_lead_sees_the_rounds_of_their_teams_and_of_the_whole_organisation_with_the_invitation_to_remind() {
        List<RoundView> rounds = roundService.rounds(LEAD, ORG);

        assertThat(rounds).extracting(RoundView::id).containsExactly(ROUND_ALL, ROUND_SALES, ROUND_CLOSED);
        assertThat(rounds).extracting(RoundView::invitationToken).containsExactly(TOKEN_ALL, TOKEN_SALES,
                TOKEN_CLOSED);
        assertThat(rounds.get(1)).isEqualTo(new RoundView(ROUND_SALES, "Sales spring", List.of(SALES), T0, T0, CLOSES,
                null, "OPEN", TOKEN_SALES));
    }

    @Test
    void an_admin_opens_a_round_with_a_fresh_invitation() {
        commands.then(aggregateLater());

        RoundView opened = roundService.openRound(ADMIN, ORG, "Autumn", List.of(SERVICE), null, CLOSES);

        OpenRoundCommand sent = (OpenRoundCommand) commands.sent().get(0);
        assertThat(sent).isEqualTo(new OpenRoundCommand(ORG, sent.roundId(), "Autumn", List.of(SERVICE), null, CLOSES,
                sent.invitationToken(), ADMIN.actor(), NOW));
        assertThat(Secrets.looksLikeToken(sent.invitationToken())).isTrue();
        assertThat(sent.invitationToken()).hasSize(24);
        assertThat(opened).isEqualTo(new RoundView(sent.roundId(), "Autumn", List.of(SERVICE), NOW, NOW, CLOSES, null,
                "OPEN", sent.invitationToken()));
        assertThat(invitations.find(sent.invitationToken()))
                .contains(new Invitations.Invitation(sent.invitationToken(), ORG, sent.roundId()));
    }

    @Test
    void a_round_opened_without_teams_covers_the_whole_organisation() {
        commands.then(aggregateLater());

        RoundView opened = roundService.openRound(ADMIN, ORG, "Autumn", null, null, null);

        assertThat(((OpenRoundCommand) commands.sent().get(0)).teams()).isEmpty();
        assertThat(opened.teams()).isEmpty();
        assertThat(opened.status()).isEqualTo("OPEN");
    }

    @Test
    void each_round_gets_its_own_invitation() {
        commands.then(aggregate()).then(aggregate());

        RoundView one = roundService.openRound(ADMIN, ORG, "One", null, null, null);
        RoundView two = roundService.openRound(ADMIN, ORG, "Two", null, null, null);

        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.invitationToken()).isNotEqualTo(two.invitationToken());
    }

    @Test
    void an_admin_closes_a_round() {
        commands.then(aggregateLater());

        RoundView closed = roundService.closeRound(ADMIN, ORG, ROUND_SALES);

        assertThat(commands.sent()).containsExactly(new CloseRoundCommand(ORG, ROUND_SALES, ADMIN.actor(), NOW));
        assertThat(closed).isEqualTo(new RoundView(ROUND_SALES, "Sales spring", List.of(SALES), T0, T0, CLOSES, NOW,
                "CLOSED", TOKEN_SALES));
    }

    @Test
    void an_unknown_round_is_not_found_before_anything_is_sent() {
        assertThatThrownBy(() -> roundService.closeRound(ADMIN, ORG, "r-unknown"))
                .isInstanceOf(NotFound.class).hasMessageContaining("r-unknown");
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void an_organisation_the_command_side_does_not_know_is_not_found() {
        commands.then(failing(new AggregateNotFoundException(ORG, "no such aggregate")));

        assertThatThrownBy(() -> roundService.closeRound(ADMIN, ORG, ROUND_SALES))
                .isInstanceOf(NotFound.class).hasMessageContaining(ORG);
    }

    // ----- invitations --------------------------------------------------------------------------------

    @Test
    void an_invitation_shows_whose_round_it_is_and_the_teams_to_choose_from() {
        assertThat(invitation.describe(TOKEN_SALES)).isEqualTo(new InvitationsUseCase.Invitation("Acme", "Sales spring",
                true, List.of(new InvitationsUseCase.Team(SALES, "Sales")), 5, null));
        assertThat(invitation.describe(TOKEN_ALL).teams()).containsExactly(new InvitationsUseCase.Team(SALES, "Sales"),
                new InvitationsUseCase.Team(SERVICE, "Service"));
        assertThat(invitation.describe(TOKEN_SERVICE).open()).isFalse();
        assertThat(invitation.describe(TOKEN_CLOSED).open()).isFalse();
        assertThat(invitation.describe(TOKEN_CLOSED).opensAt()).isNull();
    }

    @Test
    void an_invitation_to_a_round_that_has_not_begun_says_when_it_opens_and_admits_nobody_before() {
        Instant opens = NOW.plus(Duration.ofDays(1));
        given(new RoundOpened(ORG, "r-later", "Later", List.of(SALES), null, "invitation-token-later-00001",
                ADMIN.actor(), T0, opens));
        commands.then(aggregate());

        InvitationsUseCase.Invitation later = invitation.describe("invitation-token-later-00001");
        assertThat(later.open()).isFalse();
        assertThat(later.opensAt()).isEqualTo(opens);
        assertThatThrownBy(() -> invitation.start("invitation-token-later-00001", Language.NL, SALES))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused -> assertThat(refused.rule())
                        .isEqualTo(OrganisationRefused.Rule.ROUND_NOT_OPEN_YET));
    }

    @Test
    void an_unknown_invitation_is_not_found() {
        assertThatThrownBy(() -> invitation.describe("invitation-token-nobody-knows-01")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> invitation.start("invitation-token-nobody-knows-01", Language.NL, SALES))
                .isInstanceOf(NotFound.class);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void a_malformed_invitation_is_not_even_looked_up() {
        for (String malformed : new String[]{null, "short", TOKEN_SALES + "/", TOKEN_SALES.replace('-', '+')}) {
            assertThatThrownBy(() -> invitation.describe(malformed)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> invitation.start(malformed, Language.EN, SALES)).isInstanceOf(NotFound.class);
        }
        assertThat(invitations.lookups()).isZero();
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void an_invitation_to_a_round_its_organisation_does_not_have_is_not_found() {
        invitations.save(new Invitations.Invitation("invitation-token-lost-round-01", ORG, "r-lost"));

        assertThatThrownBy(() -> invitation.describe("invitation-token-lost-round-01")).isInstanceOf(NotFound.class);
    }

    @Test
    void an_invitation_to_an_organisation_without_a_view_names_no_organisation() {
        invitations.save(new Invitations.Invitation("invitation-token-lost-orgn-01", "org-lost", "r-lost"));

        assertThatThrownBy(() -> invitation.describe("invitation-token-lost-orgn-01"))
                .isInstanceOf(NotFound.class)
                .hasMessage(new NotFound("This invitation").getMessage())
                .hasMessageNotContaining("org-lost");
    }

    @Test
    void starting_through_an_invitation_starts_an_assessment_where_the_organisation_admits_it() {
        commands.then(aggregate()).then(this::assessmentStarted);

        AssessmentView started = invitation.start(TOKEN_ALL, Language.EN, SERVICE);

        assertThat(commands.sent().get(0)).isEqualTo(new AdmitRespondentCommand(ORG, ROUND_ALL, SERVICE, NOW));
        StartAssessmentCommand start = (StartAssessmentCommand) commands.sent().get(1);
        assertThat(start.participation()).isEqualTo(new Participation(ORG, ROUND_ALL, SERVICE));
        assertThat(start.language()).isEqualTo(Language.EN);
        assertThat(start.at()).isEqualTo(NOW);
        assertThat(started.id()).isEqualTo(start.assessmentId());
        assertThat(started.status()).isEqualTo(AssessmentView.Status.IN_PROGRESS);
        assertThat(started.language()).isEqualTo(Language.EN);
    }

    @Test
    void a_round_with_one_team_needs_no_choice() {
        commands.then(aggregate()).then(this::assessmentStarted);

        invitation.start(TOKEN_SALES, Language.NL, null);

        assertThat(((StartAssessmentCommand) commands.sent().get(1)).participation())
                .isEqualTo(new Participation(ORG, ROUND_SALES, SALES));
    }

    @Test
    void a_closed_round_starts_nothing() {
        commands.then(aggregate());

        assertThatThrownBy(() -> invitation.start(TOKEN_CLOSED, Language.NL, SALES))
                .isInstanceOfSatisfying(OrganisationRefused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(OrganisationRefused.Rule.ROUND_CLOSED));
        assertThat(commands.sent()).hasSize(1);
    }

    @Test
    void an_invitation_of_an_organisation_the_command_side_does_not_know_is_not_found() {
        commands.then(failing(new AggregateNotFoundException(ORG, "no such aggregate")));

        assertThatThrownBy(() -> invitation.start(TOKEN_SALES, Language.NL, SALES)).isInstanceOf(NotFound.class);
        assertThat(commands.sent()).hasSize(1);
    }

    // ----- construction -------------------------------------------------------------------------------

    @Test
    void every_collaborator_is_required() {
        CatchUpWait caughtUp = CatchUps.caughtUp(TIMEOUT);
        assertThatNullPointerException().isThrownBy(() -> new OrganisationGate(null, caughtUp))
                .withMessage("views");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationGate(views, null))
                .withMessage("caughtUp");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationCommands(null, readModels))
                .withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationCommands(commands, null))
                .withMessage("readModels");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationService(null, organisationCommands, views,
                memberships, CLOCK)).withMessage("gate");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationService(gate, null, views,
                memberships, CLOCK)).withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationService(gate, organisationCommands, null,
                memberships, CLOCK)).withMessage("views");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationService(gate, organisationCommands, views,
                null, CLOCK)).withMessage("memberships");
        assertThatNullPointerException().isThrownBy(() -> new OrganisationService(gate, organisationCommands, views,
                memberships, null)).withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> new TeamService(null, organisationCommands, CLOCK))
                .withMessage("gate");
        assertThatNullPointerException().isThrownBy(() -> new TeamService(gate, null, CLOCK))
                .withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new TeamService(gate, organisationCommands, null))
                .withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> new RoundService(null, organisationCommands, CLOCK))
                .withMessage("gate");
        assertThatNullPointerException().isThrownBy(() -> new RoundService(gate, null, CLOCK))
                .withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new RoundService(gate, organisationCommands, null))
                .withMessage("clock");
        assertThatNullPointerException().isThrownBy(() -> new MemberService(null, organisationCommands, accounts,
                CLOCK)).withMessage("gate");
        assertThatNullPointerException().isThrownBy(() -> new MemberService(gate, null, accounts, CLOCK))
                .withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new MemberService(gate, organisationCommands, null, CLOCK))
                .withMessage("accounts");
        assertThatNullPointerException().isThrownBy(() -> new MemberService(gate, organisationCommands, accounts,
                null)).withMessage("clock");
        AssessmentService assessments = assessments();
        assertThatNullPointerException().isThrownBy(() -> new InvitationService(null, views, invitations,
                assessments, gate, CLOCK)).withMessage("commands");
        assertThatNullPointerException().isThrownBy(() -> new InvitationService(commands, null, invitations,
                assessments, gate, CLOCK)).withMessage("views");
        assertThatNullPointerException().isThrownBy(() -> new InvitationService(commands, views, null,
                assessments, gate, CLOCK)).withMessage("invitations");
        assertThatNullPointerException().isThrownBy(() -> new InvitationService(commands, views, invitations,
                null, gate, CLOCK)).withMessage("assessments");
        assertThatNullPointerException().isThrownBy(() -> new InvitationService(commands, views, invitations,
                assessments, null, CLOCK)).withMessage("gate");
        assertThatNullPointerException().isThrownBy(() -> new InvitationService(commands, views, invitations,
                assessments, gate, null)).withMessage("clock");
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private OrganisationGate gate(CatchUpWait caughtUp) {
        return new OrganisationGate(views, caughtUp);
    }

    private OrganisationService service(CatchUpWait caughtUp) {
        return new OrganisationService(gate(caughtUp), new OrganisationCommands(commands, readModels), views,
                memberships, CLOCK);
    }

    private InvitationService invitations(CatchUpWait caughtUp) {
        return new InvitationService(commands, views, invitations, assessments(), gate(caughtUp), CLOCK);
    }

    private AssessmentService assessments() {
        return new AssessmentService(commands, log, CLOCK);
    }

    /** Everything that needs an admin of Acme, or of the given organisation (adding a member: see the tests). */
    private List<ThrowingCallable> management(Caller caller) {
        return management(caller, ORG);
    }

    private List<ThrowingCallable> management(Caller caller, String organisationId) {
        List<ThrowingCallable> management = new ArrayList<>(List.of(
                () -> organisationService.changeMinimumGroupSize(caller, organisationId, 8),
                () -> teamService.addTeam(caller, organisationId, "Support"),
                () -> teamService.renameTeam(caller, organisationId, SALES, "Field sales"),
                () -> teamService.retireTeam(caller, organisationId, SALES),
                () -> memberService.changeMember(caller, organisationId, LEAD.accountId(), Role.ANALYST, List.of()),
                () -> memberService.removeMember(caller, organisationId, LEAD.accountId()),
                () -> roundService.openRound(caller, organisationId, "Autumn", List.of(), null, null),
                () -> roundService.closeRound(caller, organisationId, ROUND_SALES),
                () -> teamService.setHeadcount(caller, organisationId, SALES, 12)));
        if (!caller.operator()) { // the operator sees the admins and renews their links: see the tests
            management.add(() -> memberService.members(caller, organisationId));
            management.add(() -> memberService.renewActivation(caller, organisationId, PENDING));
        }
        return management;
    }

    /** Acme's admin adds members to the other organisation: make them its admin first. */
    private String otherOrganisationAdminedByAcmesAdmin() {
        given(new MemberAdded(OTHER_ORG, ADMIN.accountId(), Role.ADMIN, List.of(), OPERATOR.actor(), T0));
        return OTHER_ORG;
    }

    private void account(String id, String email, boolean active) {
        accountStore.put(new Account(id, new EmailAddress(email), id.equals(OPERATOR.accountId()),
                active ? "hash:a long enough password" : null, active ? null : Secrets.hash("activation-of-" + id),
                active ? null : NOW.plus(Duration.ofDays(1)), T0, active ? T0 : null));
    }

    /** Projects events as the aggregate stored them, each with the next sequence number of its organisation. */
    private void given(OrganisationEvent... events) {
        for (OrganisationEvent event : events) {
            long sequence = event instanceof OrganisationRegistered ? 0
                    : views.find(event.organisationId()).orElseThrow().version() + 1;
            projection.on(event, sequence);
        }
    }

    /** The aggregate: the domain decides, its events are projected at once; answers as the aggregate does. */
    private Function<Object, Object> aggregate() {
        return command -> handle(command, false);
    }

    /**
     * The aggregate, with a projection that lags: its events are projected only after the service has first read
     * the view, so the service must wait for the version it was answered rather than take the view as it finds it.
     */
    private Function<Object, Object> aggregateLater() {
        return command -> handle(command, true);
    }

    private Object handle(Object command, boolean later) {
        if (command instanceof RegisterOrganisationCommand register) {
            OrganisationRegistered registered = Organisation.register(register.organisationId(), register.name(),
                    register.minimumGroupSize(), register.by(), register.at());
            return changed(Organisation.registeredWith(registered), List.of(registered), later);
        }
        Organisation organisation = views.find(organisationOf(command)).orElseThrow().organisation();
        List<OrganisationEvent> events;
        if (command instanceof AdmitRespondentCommand admit) {
            return organisation.admit(admit.roundId(), admit.teamId(), admit.at());
        } else if (command instanceof AddTeamCommand c) {
            events = organisation.addTeam(c.teamId(), c.name(), c.by(), c.at());
        } else if (command instanceof RenameTeamCommand c) {
            events = organisation.renameTeam(c.teamId(), c.name(), c.by(), c.at());
        } else if (command instanceof RetireTeamCommand c) {
            events = organisation.retireTeam(c.teamId(), c.by(), c.at());
        } else if (command instanceof AddMemberCommand c) {
            events = organisation.addMember(c.memberId(), c.role(), c.teams(), c.by(), c.at());
        } else if (command instanceof ChangeMemberCommand c) {
            events = organisation.changeMember(c.memberId(), c.role(), c.teams(), c.by(), c.at());
        } else if (command instanceof RemoveMemberCommand c) {
            events = organisation.removeMember(c.memberId(), c.by(), c.at());
        } else if (command instanceof OpenRoundCommand c) {
            events = organisation.openRound(c.roundId(), c.name(), c.teams(), c.opensAt(), c.closesAt(),
                    c.invitationToken(), c.by(), c.at());
        } else if (command instanceof SetHeadcountCommand c) {
            events = organisation.setHeadcount(c.teamId(), c.headcount(), c.by(), c.at());
        } else if (command instanceof KeepScheduleCommand c) {
            events = organisation.keepSchedule(c.now());
        } else if (command instanceof CloseRoundCommand c) {
            events = organisation.closeRound(c.roundId(), c.by(), c.at());
        } else if (command instanceof ChangeMinimumGroupSizeCommand c) {
            events = organisation.changeMinimumGroupSize(c.minimumGroupSize(), c.by(), c.at());
        } else {
            throw new AssertionError("not an organisation command: " + command);
        }
        Organisation after = organisation;
        for (OrganisationEvent event : events) {
            after = after.evolve(event);
        }
        return changed(after, events, later);
    }

    /**
     * What the aggregate answers. {@code later}: the projection delivers the events only after the next read of the
     * views (it lags; the service must not depend on it); otherwise never (the service writes through).
     */
    private OrganisationChange changed(Organisation after, List<OrganisationEvent> events, boolean later) {
        if (later) {
            views.afterNextRead(() -> given(events.toArray(OrganisationEvent[]::new)));
        }
        return new OrganisationChange(OrganisationView.of(after), events);
    }

    private static String organisationOf(Object command) {
        Map<Class<?>, Function<Object, String>> ids = Map.ofEntries(
                Map.entry(SetHeadcountCommand.class, c -> ((SetHeadcountCommand) c).organisationId()),
                Map.entry(KeepScheduleCommand.class, c -> ((KeepScheduleCommand) c).organisationId()));
        ids = new java.util.HashMap<>(ids);
        ids.putAll(Map.of(
                AdmitRespondentCommand.class, c -> ((AdmitRespondentCommand) c).organisationId(),
                AddTeamCommand.class, c -> ((AddTeamCommand) c).organisationId(),
                RenameTeamCommand.class, c -> ((RenameTeamCommand) c).organisationId(),
                RetireTeamCommand.class, c -> ((RetireTeamCommand) c).organisationId(),
                AddMemberCommand.class, c -> ((AddMemberCommand) c).organisationId(),
                ChangeMemberCommand.class, c -> ((ChangeMemberCommand) c).organisationId(),
                RemoveMemberCommand.class, c -> ((RemoveMemberCommand) c).organisationId(),
                OpenRoundCommand.class, c -> ((OpenRoundCommand) c).organisationId(),
                CloseRoundCommand.class, c -> ((CloseRoundCommand) c).organisationId(),
                ChangeMinimumGroupSizeCommand.class, c -> ((ChangeMinimumGroupSizeCommand) c).organisationId()));
        return ids.get(command.getClass()).apply(command);
    }

    /** The assessment aggregate starts the assessment and answers with its view. */
    private Object assessmentStarted(Object command) {
        StartAssessmentCommand start = (StartAssessmentCommand) command;
        return AssessmentView.of(Assessment.startedWith(Assessment.start(start.assessmentId(), start.language(),
                start.participation(), start.at())), 0);
    }
}
