package nl.klantspiegel.application.organisation;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MemberChanged;
import nl.klantspiegel.domain.organisation.MemberRemoved;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.OrganisationRefused;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRenamed;
import nl.klantspiegel.domain.organisation.TeamRetired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;


/**
 * The Axon shell of the organisation: each command asks the domain, the events it answers are applied, and the
 * handler answers the organisation as they left it; the domain's refusals come out as they are; admitting a
 * respondent answers where they take part and changes nothing.
 */
class OrganisationAggregateTest {

    private static final String ORG = "org-acme";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(1));
    private static final Instant CLOSES = T0.plus(Duration.ofDays(14));
    private static final Actor OPERATOR = Actor.operator("operator-1");
    private static final Actor ADMIN = Actor.member("m-admin");
    private static final Actor LEAD = Actor.member("m-lead");
    private static final String SALES = "t-sales";
    private static final String SERVICE = "t-service";
    private static final String ROUND = "r-spring";

    private static final OrganisationRegistered REGISTERED = new OrganisationRegistered(ORG, "Acme", 5, OPERATOR, T0);
    private static final MemberAdded FIRST_ADMIN = new MemberAdded(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T0);
    private static final TeamAdded SALES_ADDED = new TeamAdded(ORG, SALES, "Sales", ADMIN, T0);
    private static final TeamAdded SERVICE_ADDED = new TeamAdded(ORG, SERVICE, "Service", ADMIN, T0);
    private static final MemberAdded LEAD_ADDED = new MemberAdded(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T0);
    private static final RoundOpened ROUND_OPENED =
            new RoundOpened(ORG, ROUND, "Spring", List.of(SALES, SERVICE), CLOSES, "token-spring", ADMIN, T0);

    private AggregateTestFixture<OrganisationAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrganisationAggregate.class);
    }

    @Test
    void register() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisationCommand(ORG, "  Acme  ", 7, OPERATOR, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganisationRegistered(ORG, "Acme", 7, OPERATOR, T0));
    }

    @Test
    void registration_by_a_member_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisationCommand(ORG, "Acme", 5, ADMIN, T0))
                .expectException(OrganisationRefused.class)
                .expectNoEvents();
    }

    @Test
    void add_team_answers_the_new_version() {
        fixture.given(REGISTERED, FIRST_ADMIN)
                .when(new AddTeamCommand(ORG, SALES, "Sales", ADMIN, T1))
                .expectEvents(new TeamAdded(ORG, SALES, "Sales", ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(2));
    }

    @Test
    void rename_team() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED)
                .when(new RenameTeamCommand(ORG, SALES, "Field sales", ADMIN, T1))
                .expectEvents(new TeamRenamed(ORG, SALES, "Field sales", ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(3));
    }

    @Test
    void a_rename_to_the_same_name_applies_nothing_and_answers_the_unchanged_version() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED)
                .when(new RenameTeamCommand(ORG, SALES, "Sales", ADMIN, T1))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(changedTo(3));
    }

    @Test
    void retire_team() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED)
                .when(new RetireTeamCommand(ORG, SERVICE, ADMIN, T1))
                .expectEvents(new TeamRetired(ORG, SERVICE, ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(4));
    }

    @Test
    void add_member() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED)
                .when(new AddMemberCommand(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T1))
                .expectEvents(new MemberAdded(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(3));
    }

    @Test
    void the_operator_adds_the_first_admin() {
        fixture.given(REGISTERED)
                .when(new AddMemberCommand(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T1))
                .expectEvents(new MemberAdded(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T1))
                .expectResultMessagePayloadMatching(changedTo(1));
    }

    @Test
    void change_member() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED, LEAD_ADDED)
                .when(new ChangeMemberCommand(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SALES, SERVICE), ADMIN, T1))
                .expectEvents(new MemberChanged(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SALES, SERVICE), ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(5));
    }

    @Test
    void remove_member() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, LEAD_ADDED)
                .when(new RemoveMemberCommand(ORG, LEAD.id(), ADMIN, T1))
                .expectEvents(new MemberRemoved(ORG, LEAD.id(), ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(4));
    }

    @Test
    void removing_the_last_admin_is_refused_by_the_domain() {
        fixture.given(REGISTERED, FIRST_ADMIN)
                .when(new RemoveMemberCommand(ORG, ADMIN.id(), ADMIN, T1))
                .expectException(refusedBy(OrganisationRefused.Rule.LAST_ADMIN))
                .expectNoEvents();
    }

    @Test
    void open_round() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED)
                .when(new OpenRoundCommand(ORG, ROUND, "Spring", List.of(SALES, SERVICE), null, CLOSES, "token-spring",
                        ADMIN, T0))
                .expectEvents(ROUND_OPENED)
                .expectResultMessagePayloadMatching(changedTo(4));
    }

    @Test
    void close_round() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED, ROUND_OPENED)
                .when(new CloseRoundCommand(ORG, ROUND, ADMIN, T1))
                .expectEvents(new RoundClosed(ORG, ROUND, ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(5));
    }

    @Test
    void open_round_for_later_then_keep_its_schedule() {
        java.time.Instant opens = T0.plus(java.time.Duration.ofDays(1));
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED)
                .when(new OpenRoundCommand(ORG, ROUND, "Spring", List.of(), opens, CLOSES, "token-spring", ADMIN, T0))
                .expectEvents(new nl.klantspiegel.domain.organisation.RoundOpened(ORG, ROUND, "Spring", List.of(),
                        CLOSES, "token-spring", ADMIN, T0, opens));
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED, ROUND_OPENED)
                .when(new KeepScheduleCommand(ORG, CLOSES))
                .expectEvents(new RoundClosed(ORG, ROUND, nl.klantspiegel.domain.organisation.Actor.system(), CLOSES))
                .expectResultMessagePayloadMatching(changedTo(5));
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED, ROUND_OPENED)
                .when(new KeepScheduleCommand(ORG, T1))
                .expectNoEvents();
    }

    @Test
    void set_headcount() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED)
                .when(new SetHeadcountCommand(ORG, SALES, 9, ADMIN, T1))
                .expectEvents(new nl.klantspiegel.domain.organisation.TeamHeadcountSet(ORG, SALES, 9, ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(3));
    }

    @Test
    void change_minimum_group_size() {
        fixture.given(REGISTERED, FIRST_ADMIN)
                .when(new ChangeMinimumGroupSizeCommand(ORG, 8, ADMIN, T1))
                .expectEvents(new MinimumGroupSizeChanged(ORG, 8, ADMIN, T1))
                .expectResultMessagePayloadMatching(changedTo(2));
    }

    @Test
    void a_command_by_someone_who_is_no_admin_is_refused_by_the_domain() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, LEAD_ADDED)
                .when(new AddTeamCommand(ORG, SERVICE, "Service", LEAD, T1))
                .expectException(refusedBy(OrganisationRefused.Rule.NOT_ALLOWED))
                .expectNoEvents();
    }

    @Test
    void admitting_a_respondent_answers_the_participation_and_applies_nothing() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED, ROUND_OPENED)
                .when(new AdmitRespondentCommand(ORG, ROUND, SERVICE, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new Participation(ORG, ROUND, SERVICE));
    }

    @Test
    void admitting_to_a_closed_round_is_refused() {
        fixture.given(REGISTERED, FIRST_ADMIN, SALES_ADDED, SERVICE_ADDED, ROUND_OPENED,
                        new RoundClosed(ORG, ROUND, ADMIN, T0.plusSeconds(1)))
                .when(new AdmitRespondentCommand(ORG, ROUND, SALES, T1))
                .expectException(refusedBy(OrganisationRefused.Rule.ROUND_CLOSED))
                .expectNoEvents();
    }

    /** The domain's refusal by this rule, as it is (not wrapped). */
    private static Matcher<OrganisationRefused> refusedBy(OrganisationRefused.Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(OrganisationRefused refused) {
                return refused.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("OrganisationRefused by rule " + rule);
            }
        };
    }

    /** The organisation as the command left it, at this version, with the events it applied. */
    private static org.hamcrest.Matcher<Object> changedTo(long version) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("the organisation at version " + version) {
            @Override
            protected boolean matchesSafely(Object answered) {
                return answered instanceof OrganisationChange change && change.view().version() == version
                        && change.view().organisation().version() == version;
            }
        };
    }
}
