package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.organisation.OrganisationRefused.Kind;
import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static nl.klantspiegel.domain.organisation.OrganisationScenario.ADMIN;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ANALYST;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.CLOSES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.FOREIGN_TEAM;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.LEAD;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.OPERATOR;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ORG;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ROUND;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ROUND_NAME;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SALES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SECOND_ADMIN;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SERVICE;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.STRANGER;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T0;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T1;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T2;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.anOrganisationWithAnAdmin;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.assertRefused;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.given;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.memberAdded;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.memberChanged;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.memberRemoved;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.minimumGroupSizeChanged;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.registered;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.roundClosed;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.roundOpened;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamAdded;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRetired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an organisation decides: given its events, when someone asks for a change, then exactly these events (with
 * who and when), nothing when nothing would change, or a refusal naming the rule it breaks. Who may ask what is
 * decided here too: the operator registers and adds the first admin, after that only admins manage.
 */
class OrganisationTest {

    private static final String LAST_ADMIN_MESSAGE =
            "This is the organisation's last admin; make another member admin first.";
    private static final String ONLY_ADMINS_MESSAGE = "Only an admin of the organisation may do this.";
    private static final String TEAM_NAME_MESSAGE =
            "A team needs a name of 1 to 100 characters, without control or invisible characters.";
    private static final String TOO_SMALL_MESSAGE =
            "The minimum group size is at least 3; smaller groups are not anonymous.";
    private static final String TOO_LARGE_MESSAGE =
            "The minimum group size is at most 50; above it almost every figure would be hidden.";
    private static final String LOCKED_MESSAGE = "The minimum group size can no longer be lowered: rounds have been "
            + "opened, and their respondents were promised groups of at least this size.";
    /** One character, two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Nested
    class Registering {

        @Test
        void the_operator_registers_an_organisation() {
            assertThat(Organisation.register(ORG, "Acme", 5, OPERATOR, T0))
                    .isEqualTo(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR, T0));
        }

        @Test
        void a_registered_organisation_has_no_teams_members_or_rounds_yet() {
            Organisation organisation = Organisation.registeredWith(
                    Organisation.register(ORG, "Acme", 7, OPERATOR, T0));

            assertThat(organisation.id()).isEqualTo(ORG);
            assertThat(organisation.name()).isEqualTo("Acme");
            assertThat(organisation.minimumGroupSize()).isEqualTo(7);
            assertThat(organisation.teams()).isEmpty();
            assertThat(organisation.members()).isEmpty();
            assertThat(organisation.rounds()).isEmpty();
            assertThat(organisation.version()).isZero();
        }

        @Test
        void an_organisation_shows_as_its_id_and_name() {
            assertThat(Organisation.registeredWith(Organisation.register(ORG, "Acme", 5, OPERATOR, T0)))
                    .hasToString("Organisation org-acme (Acme)");
        }

        @Test
        void only_the_operator_registers_organisations() {
            assertRefused(() -> Organisation.register(ORG, "Acme", 5, ADMIN, T0), Rule.NOT_ALLOWED)
                    .hasMessage("Only the operator registers organisations.");
        }

        @Test
        void the_default_minimum_group_size_is_5_and_none_is_below_3_or_above_50() {
            assertThat(Organisation.DEFAULT_MINIMUM_GROUP_SIZE).isEqualTo(5);
            assertThat(Organisation.LOWEST_MINIMUM_GROUP_SIZE).isEqualTo(3);
            assertThat(Organisation.HIGHEST_MINIMUM_GROUP_SIZE).isEqualTo(50);
        }

        @ParameterizedTest
        @ValueSource(ints = {3, 50})
        void a_minimum_group_size_of_3_to_50_is_allowed(int size) {
            assertThat(Organisation.register(ORG, "Acme", size, OPERATOR, T0).minimumGroupSize()).isEqualTo(size);
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 1, 0, -5, Integer.MIN_VALUE})
        void a_minimum_group_size_below_3_is_refused(int size) {
            assertRefused(() -> Organisation.register(ORG, "Acme", size, OPERATOR, T0),
                    Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE)
                    .hasMessage(TOO_SMALL_MESSAGE);
        }

        @ParameterizedTest
        @ValueSource(ints = {51, 100, Integer.MAX_VALUE})
        void a_minimum_group_size_above_50_is_refused(int size) {
            assertRefused(() -> Organisation.register(ORG, "Acme", size, OPERATOR, T0),
                    Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE)
                    .hasMessage(TOO_LARGE_MESSAGE);
        }

        @Test
        void the_organisation_name_is_trimmed_with_its_inner_white_space_collapsed() {
            assertThat(Organisation.register(ORG, "  Acme    Care ", 5, OPERATOR, T0).name()).isEqualTo("Acme Care");
        }

        @Test
        void an_organisation_needs_a_name() {
            assertRefused(() -> Organisation.register(ORG, "  ", 5, OPERATOR, T0), Rule.INVALID_NAME)
                    .hasMessage("An organisation needs a name of 1 to 100 characters, without control or "
                            + "invisible characters.");
        }
    }

    /** The name rules, shown on team names; organisations and rounds follow the same ones. */
    @Nested
    class Names {

        @Test
        void a_name_is_trimmed_and_its_inner_white_space_collapsed_to_one_space() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "  Customer    Service  North ", ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, "Customer Service North", ADMIN, T1));
        }

        @Test
        void tabs_and_line_breaks_inside_a_name_count_as_white_space_and_become_one_space() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "Customer\t\tService\r\nNorth", ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, "Customer Service North", ADMIN, T1));
        }

        @Test
        void non_breaking_and_other_unicode_spaces_inside_a_name_become_one_space() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "Customer\u00A0Service\u2007\u202F\u3000North\u2028", ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, "Customer Service North", ADMIN, T1));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", " ", " \t\r\n ", "\u00A0", "\u00A0\u00A0\u00A0", " \u00A0\t\u202F\u3000 "})
        void a_blank_name_is_refused(String blank) {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, blank, ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
        }

        @Test
        void a_name_of_only_non_breaking_spaces_is_refused() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "\u00A0".repeat(5), ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
        }

        @Test
        void a_name_of_100_characters_is_accepted() {
            String hundred = "x".repeat(100);
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, hundred, ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, hundred, ADMIN, T1));
        }

        @Test
        void a_name_of_101_characters_is_refused() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "x".repeat(101), ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
        }

        @Test
        void an_emoji_counts_as_one_character() {
            String hundred = EMOJI.repeat(100);
            assertThat(hundred).hasSize(200);

            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, hundred, ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, hundred, ADMIN, T1));
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, EMOJI.repeat(101), ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
        }

        @Test
        void a_name_of_one_character_is_accepted() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, " " + EMOJI + " ", ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, EMOJI, ADMIN, T1));
        }

        @Test
        void the_length_is_counted_after_trimming_and_collapsing() {
            String fifty = "x".repeat(50);
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "   " + fifty + "     " + fifty.substring(1) + "   ", ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, fifty + " " + fifty.substring(1), ADMIN, T1));
        }

        @ParameterizedTest(name = "[{index}] U+{0}")
        @ValueSource(strings = {"0000", "0007", "001B", "001F", "007F", "0085", "009F"})
        void a_name_with_a_control_character_is_refused(String codePoint) {
            String name = "Sales" + Character.toString(Integer.parseInt(codePoint, 16)) + "North";
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, name, ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
        }

        /** Zero-width space, word joiner, byte order mark, soft hyphen, right-to-left override. */
        @ParameterizedTest(name = "[{index}] U+{0}")
        @ValueSource(strings = {"200B", "2060", "FEFF", "00AD", "202E"})
        void a_name_with_an_invisible_formatting_character_is_refused(String codePoint) {
            String invisible = Character.toString(Integer.parseInt(codePoint, 16));
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "Sales" + invisible, ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, invisible, ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME);
        }

        @Test
        void a_zero_width_space_cannot_disguise_a_taken_name() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addTeam(SERVICE, "Sa\u200Bles", ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage(TEAM_NAME_MESSAGE);
        }

        @Test
        void a_round_needs_a_valid_name_too() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.openRound(ROUND, " ", List.of(), null, "token", ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME)
                    .hasMessage("A round needs a name of 1 to 100 characters, without control or invisible "
                            + "characters.");
        }
    }

    @Nested
    class Teams {

        @Test
        void an_admin_adds_a_team() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addTeam(SALES, "Sales", ADMIN, T1))
                    .then(new TeamAdded(ORG, SALES, "Sales", ADMIN, T1));
        }

        @Test
        void team_names_are_unique_without_regard_to_case() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addTeam(SERVICE, "SALES", ADMIN, T1))
                    .thenRefused(Rule.DUPLICATE_TEAM_NAME)
                    .hasMessage("The organisation has a team named 'SALES' already.");
        }

        @Test
        void team_names_are_compared_after_trimming_and_collapsing() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Customer Service"))
                    .when(o -> o.addTeam(SERVICE, "  customer   service ", ADMIN, T1))
                    .thenRefused(Rule.DUPLICATE_TEAM_NAME)
                    .hasMessage("The organisation has a team named 'customer service' already.");
        }

        @Test
        void a_name_with_a_trailing_non_breaking_space_is_the_same_name() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addTeam(SERVICE, "Sales\u00A0", ADMIN, T1))
                    .thenRefused(Rule.DUPLICATE_TEAM_NAME)
                    .hasMessage("The organisation has a team named 'Sales' already.");
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Customer Service"))
                    .when(o -> o.addTeam(SERVICE, "customer\u00A0\u00A0service", ADMIN, T1))
                    .thenRefused(Rule.DUPLICATE_TEAM_NAME)
                    .hasMessage("The organisation has a team named 'customer service' already.");
        }

        @Test
        void the_name_of_a_retired_team_may_be_used_again() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamRetired(SALES))
                    .when(o -> o.addTeam(SERVICE, "Sales", ADMIN, T1))
                    .then(new TeamAdded(ORG, SERVICE, "Sales", ADMIN, T1));
        }

        @Test
        void a_team_id_is_never_used_twice_not_even_after_retirement() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamRetired(SALES)).state();

            assertThatThrownBy(() -> organisation.addTeam(SALES, "Sales again", ADMIN, T1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .isNotInstanceOf(OrganisationRefused.class)
                    .hasMessage("team t-sales exists already");
        }

        @Test
        void an_admin_renames_a_team() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.renameTeam(SALES, "  Sales   North ", ADMIN, T1))
                    .then(new TeamRenamed(ORG, SALES, "Sales North", ADMIN, T1));
        }

        @Test
        void renaming_a_team_to_its_own_name_changes_nothing() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.renameTeam(SALES, " Sales ", ADMIN, T1))
                    .thenNothing();
        }

        @Test
        void renaming_a_team_to_its_own_name_with_a_non_breaking_space_changes_nothing() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.renameTeam(SALES, "\u00A0Sales\u00A0", ADMIN, T1))
                    .thenNothing();
        }

        @Test
        void renaming_a_team_to_its_own_name_in_other_letters_case_is_a_rename() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.renameTeam(SALES, "SALES", ADMIN, T1))
                    .then(new TeamRenamed(ORG, SALES, "SALES", ADMIN, T1));
        }

        @Test
        void renaming_a_team_to_another_active_teams_name_is_refused() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"))
                    .when(o -> o.renameTeam(SERVICE, "sales", ADMIN, T1))
                    .thenRefused(Rule.DUPLICATE_TEAM_NAME)
                    .hasMessage("The organisation has a team named 'sales' already.");
        }

        @Test
        void renaming_a_team_to_a_retired_teams_name_is_allowed() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            teamRetired(SALES))
                    .when(o -> o.renameTeam(SERVICE, "Sales", ADMIN, T1))
                    .then(new TeamRenamed(ORG, SERVICE, "Sales", ADMIN, T1));
        }

        @Test
        void a_retired_team_is_not_renamed() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamRetired(SALES))
                    .when(o -> o.renameTeam(SALES, "Sales North", ADMIN, T1))
                    .thenRefused(Rule.TEAM_RETIRED)
                    .hasMessage("Team 'Sales' is retired.");
        }

        @Test
        void renaming_needs_a_valid_name() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.renameTeam(SALES, "", ADMIN, T1))
                    .thenRefused(Rule.INVALID_NAME);
        }

        @Test
        void renaming_an_unknown_team_is_refused() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.renameTeam(FOREIGN_TEAM, "Sales North", ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_TEAM)
                    .hasMessage("There is no team t-of-another-organisation in this organisation.");
        }

        @Test
        void an_admin_retires_a_team() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.retireTeam(SALES, ADMIN, T1))
                    .then(new TeamRetired(ORG, SALES, ADMIN, T1));
        }

        @Test
        void retiring_a_retired_team_changes_nothing() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamRetired(SALES))
                    .when(o -> o.retireTeam(SALES, ADMIN, T1))
                    .thenNothing();
        }

        @Test
        void retiring_an_unknown_team_is_refused() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.retireTeam(FOREIGN_TEAM, ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_TEAM);
            anOrganisationWithAnAdmin()
                    .when(o -> o.retireTeam(null, ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_TEAM)
                    .hasMessage("There is no team null in this organisation.");
        }
    }

    @Nested
    class Members {

        @Test
        void the_operator_adds_the_first_admin() {
            given(registered())
                    .when(o -> o.addMember(ADMIN.id(), Role.ADMIN, null, OPERATOR, T1))
                    .then(new MemberAdded(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T1));
        }

        @Test
        void the_operator_adds_no_second_admin() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addMember(SECOND_ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T1))
                    .thenRefused(Rule.NOT_ALLOWED)
                    .hasMessage("The operator adds an organisation's first admin only; after that its admins add "
                            + "members.");
        }

        @Test
        void the_operator_adds_no_analyst_not_even_as_the_first_member() {
            given(registered())
                    .when(o -> o.addMember(ANALYST.id(), Role.ANALYST, List.of(), OPERATOR, T1))
                    .thenRefused(Rule.NOT_ALLOWED);
        }

        @Test
        void the_operator_adds_no_team_lead() {
            given(registered(), teamAdded(SALES, "Sales"))
                    .when(o -> o.addMember(LEAD.id(), Role.TEAM_LEAD, List.of(SALES), OPERATOR, T1))
                    .thenRefused(Rule.NOT_ALLOWED);
        }

        @Test
        void an_admin_adds_a_second_admin() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addMember(SECOND_ADMIN.id(), Role.ADMIN, List.of(), ADMIN, T1))
                    .then(new MemberAdded(ORG, SECOND_ADMIN.id(), Role.ADMIN, List.of(), ADMIN, T1));
        }

        @Test
        void an_admin_adds_an_analyst() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.addMember(ANALYST.id(), Role.ANALYST, null, ADMIN, T1))
                    .then(new MemberAdded(ORG, ANALYST.id(), Role.ANALYST, List.of(), ADMIN, T1));
        }

        @Test
        void an_admin_adds_a_team_lead_with_the_teams_they_lead_each_once() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"))
                    .when(o -> o.addMember(LEAD.id(), Role.TEAM_LEAD, List.of(SERVICE, SALES, SERVICE), ADMIN, T1))
                    .then(new MemberAdded(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SERVICE, SALES), ADMIN, T1));
        }

        @Test
        void a_team_lead_leads_at_least_one_team() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addMember(LEAD.id(), Role.TEAM_LEAD, List.of(), ADMIN, T1))
                    .thenRefused(Rule.TEAM_LEAD_WITHOUT_TEAMS)
                    .hasMessage("A team lead leads at least one team.");
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addMember(LEAD.id(), Role.TEAM_LEAD, null, ADMIN, T1))
                    .thenRefused(Rule.TEAM_LEAD_WITHOUT_TEAMS);
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ADMIN", "ANALYST"})
        void only_a_team_lead_is_given_teams(Role role) {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addMember("m-new", role, List.of(SALES), ADMIN, T1))
                    .thenRefused(Rule.TEAMS_ONLY_FOR_TEAM_LEADS)
                    .hasMessage("Only a team lead is given teams; an admin or analyst sees every team.");
        }

        @Test
        void a_team_lead_leads_teams_of_this_organisation_only() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"))
                    .when(o -> o.addMember(LEAD.id(), Role.TEAM_LEAD, List.of(SALES, FOREIGN_TEAM), ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_TEAM)
                    .hasMessage("There is no team t-of-another-organisation in this organisation.");
        }

        @Test
        void a_team_lead_leads_no_retired_team() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamRetired(SALES))
                    .when(o -> o.addMember(LEAD.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T1))
                    .thenRefused(Rule.TEAM_RETIRED);
        }

        @Test
        void a_person_is_a_member_only_once() {
            anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.addMember(ANALYST.id(), Role.ADMIN, List.of(), ADMIN, T1))
                    .thenRefused(Rule.ALREADY_A_MEMBER)
                    .hasMessage("This person is a member of the organisation already.");
            anOrganisationWithAnAdmin()
                    .when(o -> o.addMember(ADMIN.id(), Role.ANALYST, List.of(), ADMIN, T1))
                    .thenRefused(Rule.ALREADY_A_MEMBER);
        }

        @Test
        void a_removed_member_may_be_added_again() {
            anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST), memberRemoved(ANALYST))
                    .when(o -> o.addMember(ANALYST.id(), Role.ANALYST, List.of(), ADMIN, T1))
                    .then(new MemberAdded(ORG, ANALYST.id(), Role.ANALYST, List.of(), ADMIN, T1));
        }

        @Test
        void an_admin_makes_an_analyst_a_team_lead() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.changeMember(ANALYST.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T1))
                    .then(new MemberChanged(ORG, ANALYST.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T1));
        }

        @Test
        void an_admin_changes_the_teams_a_team_lead_leads() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            memberAdded(LEAD, Role.TEAM_LEAD, SALES))
                    .when(o -> o.changeMember(LEAD.id(), Role.TEAM_LEAD, List.of(SALES, SERVICE), ADMIN, T1))
                    .then(new MemberChanged(ORG, LEAD.id(), Role.TEAM_LEAD, List.of(SALES, SERVICE), ADMIN, T1));
        }

        @Test
        void an_admin_makes_an_analyst_admin_while_being_the_only_admin() {
            anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.changeMember(ANALYST.id(), Role.ADMIN, null, ADMIN, T1))
                    .then(new MemberChanged(ORG, ANALYST.id(), Role.ADMIN, List.of(), ADMIN, T1));
        }

        @Test
        void the_same_role_and_teams_again_changes_nothing_whatever_their_order() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            memberAdded(LEAD, Role.TEAM_LEAD, SALES, SERVICE))
                    .when(o -> o.changeMember(LEAD.id(), Role.TEAM_LEAD, List.of(SERVICE, SALES, SERVICE), ADMIN,
                            T1))
                    .thenNothing();
        }

        @Test
        void the_last_admin_staying_admin_changes_nothing() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMember(ADMIN.id(), Role.ADMIN, List.of(), ADMIN, T1))
                    .thenNothing();
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"ANALYST", "TEAM_LEAD"})
        void the_last_admins_role_cannot_change(Role role) {
            List<String> teams = role == Role.TEAM_LEAD ? List.of(SALES) : List.of();
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.changeMember(ADMIN.id(), role, teams, ADMIN, T1))
                    .thenRefused(Rule.LAST_ADMIN)
                    .hasMessage(LAST_ADMIN_MESSAGE);
        }

        @Test
        void an_admin_who_is_not_the_last_may_become_analyst() {
            anOrganisationWithAnAdmin().and(memberAdded(SECOND_ADMIN, Role.ADMIN))
                    .when(o -> o.changeMember(ADMIN.id(), Role.ANALYST, List.of(), ADMIN, T1))
                    .then(new MemberChanged(ORG, ADMIN.id(), Role.ANALYST, List.of(), ADMIN, T1));
        }

        @Test
        void a_change_follows_the_team_rules_of_the_new_role() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.changeMember(ANALYST.id(), Role.TEAM_LEAD, List.of(), ADMIN, T1))
                    .thenRefused(Rule.TEAM_LEAD_WITHOUT_TEAMS);
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), memberAdded(LEAD, Role.TEAM_LEAD, SALES))
                    .when(o -> o.changeMember(LEAD.id(), Role.ANALYST, List.of(SALES), ADMIN, T1))
                    .thenRefused(Rule.TEAMS_ONLY_FOR_TEAM_LEADS);
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            teamRetired(SERVICE), memberAdded(LEAD, Role.TEAM_LEAD, SALES))
                    .when(o -> o.changeMember(LEAD.id(), Role.TEAM_LEAD, List.of(SALES, SERVICE), ADMIN, T1))
                    .thenRefused(Rule.TEAM_RETIRED);
        }

        @Test
        void changing_an_unknown_member_is_refused() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMember(STRANGER.id(), Role.ANALYST, List.of(), ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_MEMBER)
                    .hasMessage("There is no member m-stranger in this organisation.");
        }

        @Test
        void an_admin_removes_a_member() {
            anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.removeMember(ANALYST.id(), ADMIN, T1))
                    .then(new MemberRemoved(ORG, ANALYST.id(), ADMIN, T1));
        }

        @Test
        void an_admin_who_is_not_the_last_may_leave() {
            anOrganisationWithAnAdmin().and(memberAdded(SECOND_ADMIN, Role.ADMIN))
                    .when(o -> o.removeMember(ADMIN.id(), ADMIN, T1))
                    .then(new MemberRemoved(ORG, ADMIN.id(), ADMIN, T1));
        }

        @Test
        void the_last_admin_cannot_be_removed() {
            anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST))
                    .when(o -> o.removeMember(ADMIN.id(), ADMIN, T1))
                    .thenRefused(Rule.LAST_ADMIN)
                    .hasMessage(LAST_ADMIN_MESSAGE);
        }

        @Test
        void an_admin_who_was_made_analyst_no_longer_counts_as_admin() {
            anOrganisationWithAnAdmin().and(memberAdded(SECOND_ADMIN, Role.ADMIN),
                            memberChanged(ADMIN, Role.ANALYST))
                    .when(o -> o.removeMember(SECOND_ADMIN.id(), SECOND_ADMIN, T1))
                    .thenRefused(Rule.LAST_ADMIN);
        }

        @Test
        void removing_an_unknown_member_is_refused() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.removeMember(STRANGER.id(), ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_MEMBER);
            anOrganisationWithAnAdmin()
                    .when(o -> o.removeMember(null, ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_MEMBER)
                    .hasMessage("There is no member null in this organisation.");
        }
    }

    @Nested
    class WhoMayManage {

        /** Every management command, on an organisation where each of them would succeed for an admin. */
        static Stream<Arguments> managementCommands() {
            return Stream.of(
                    command("add a team", (o, by) -> o.addTeam("t-new", "New team", by, T1)),
                    command("rename a team", (o, by) -> o.renameTeam(SALES, "Sales North", by, T1)),
                    command("retire a team", (o, by) -> o.retireTeam(SALES, by, T1)),
                    command("add a member", (o, by) -> o.addMember("m-new", Role.ANALYST, List.of(), by, T1)),
                    command("change a member", (o, by) -> o.changeMember(ANALYST.id(), Role.ADMIN, List.of(), by,
                            T1)),
                    command("remove a member", (o, by) -> o.removeMember(ANALYST.id(), by, T1)),
                    command("open a round", (o, by) -> o.openRound("r-new", "Autumn", List.of(), null, "token-new",
                            by, T1)),
                    command("open a round for later", (o, by) -> o.openRound("r-new", "Autumn", List.of(), CLOSES,
                            null, "token-new", by, T1)),
                    command("close a round", (o, by) -> o.closeRound(ROUND, by, T1)),
                    command("set a team's headcount", (o, by) -> o.setHeadcount(SALES, 12, by, T1)),
                    command("change the minimum group size", (o, by) -> o.changeMinimumGroupSize(6, by, T1)));
        }

        static Stream<Arguments> commandsForWhichTheOperatorIsNoAdmin() {
            return managementCommands().filter(arguments -> !arguments.get()[0].equals("add a member"));
        }

        private static Arguments command(String what, BiFunction<Organisation, Actor, List<OrganisationEvent>> c) {
            return Arguments.of(what, c);
        }

        private static OrganisationScenario.Given aManagedOrganisation() {
            return anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), memberAdded(LEAD, Role.TEAM_LEAD, SALES),
                    memberAdded(ANALYST, Role.ANALYST), roundOpened(null));
        }

        @ParameterizedTest(name = "an admin may {0}")
        @MethodSource("managementCommands")
        void an_admin_may_do_each_of_these(String what,
                                           BiFunction<Organisation, Actor, List<OrganisationEvent>> command) {
            List<OrganisationEvent> events = command.apply(aManagedOrganisation().state(), ADMIN);

            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.organisationId()).isEqualTo(ORG);
                assertThat(event.by()).isEqualTo(ADMIN);
                assertThat(event.at()).isEqualTo(T1);
            });
        }

        @ParameterizedTest(name = "a team lead may not {0}")
        @MethodSource("managementCommands")
        void a_team_lead_manages_nothing(String what,
                                         BiFunction<Organisation, Actor, List<OrganisationEvent>> command) {
            aManagedOrganisation().when(o -> command.apply(o, LEAD))
                    .thenRefused(Rule.NOT_ALLOWED).hasMessage(ONLY_ADMINS_MESSAGE);
        }

        @ParameterizedTest(name = "an analyst may not {0}")
        @MethodSource("managementCommands")
        void an_analyst_manages_nothing(String what,
                                        BiFunction<Organisation, Actor, List<OrganisationEvent>> command) {
            aManagedOrganisation().when(o -> command.apply(o, ANALYST))
                    .thenRefused(Rule.NOT_ALLOWED).hasMessage(ONLY_ADMINS_MESSAGE);
        }

        @ParameterizedTest(name = "a stranger may not {0}")
        @MethodSource("managementCommands")
        void a_stranger_manages_nothing(String what,
                                        BiFunction<Organisation, Actor, List<OrganisationEvent>> command) {
            aManagedOrganisation().when(o -> command.apply(o, STRANGER))
                    .thenRefused(Rule.NOT_ALLOWED).hasMessage(ONLY_ADMINS_MESSAGE);
        }

        @ParameterizedTest(name = "the operator may not {0}")
        @MethodSource("commandsForWhichTheOperatorIsNoAdmin")
        void the_operator_manages_nothing_but_the_first_admin(
                String what, BiFunction<Organisation, Actor, List<OrganisationEvent>> command) {
            aManagedOrganisation().when(o -> command.apply(o, OPERATOR))
                    .thenRefused(Rule.NOT_ALLOWED).hasMessage(ONLY_ADMINS_MESSAGE);
        }

        @Test
        void the_operator_is_no_admin_even_under_an_admins_id() {
            aManagedOrganisation()
                    .when(o -> o.addTeam("t-new", "New team", Actor.operator(ADMIN.id()), T1))
                    .thenRefused(Rule.NOT_ALLOWED);
        }

        @Test
        void a_removed_admin_manages_nothing() {
            anOrganisationWithAnAdmin().and(memberAdded(SECOND_ADMIN, Role.ADMIN), memberRemoved(SECOND_ADMIN))
                    .when(o -> o.addTeam("t-new", "New team", SECOND_ADMIN, T1))
                    .thenRefused(Rule.NOT_ALLOWED);
        }

        @Test
        void an_admin_made_analyst_manages_nothing() {
            anOrganisationWithAnAdmin().and(memberAdded(SECOND_ADMIN, Role.ADMIN),
                            memberChanged(SECOND_ADMIN, Role.ANALYST))
                    .when(o -> o.addTeam("t-new", "New team", SECOND_ADMIN, T1))
                    .thenRefused(Rule.NOT_ALLOWED);
        }

        @Test
        void an_analyst_made_admin_manages() {
            anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST), memberChanged(ANALYST, Role.ADMIN))
                    .when(o -> o.addTeam("t-new", "New team", ANALYST, T1))
                    .then(new TeamAdded(ORG, "t-new", "New team", ANALYST, T1));
        }

        @Test
        void permission_is_decided_before_anything_else() {
            aManagedOrganisation()
                    .when(o -> o.renameTeam(FOREIGN_TEAM, "", LEAD, T1))
                    .thenRefused(Rule.NOT_ALLOWED);
            aManagedOrganisation()
                    .when(o -> o.addMember(ANALYST.id(), Role.TEAM_LEAD, List.of(), STRANGER, T1))
                    .thenRefused(Rule.NOT_ALLOWED);
        }
    }

    @Nested
    class OpeningRounds {

        private static OrganisationScenario.Given withSalesAndService() {
            return anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"));
        }

        @Test
        void an_admin_opens_a_round_for_some_teams_each_listed_once() {
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, "  Spring   2027 ", List.of(SERVICE, SALES, SERVICE), CLOSES,
                            "token-abc", ADMIN, T1))
                    .then(new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(SERVICE, SALES), CLOSES, "token-abc",
                            ADMIN, T1));
        }

        @Test
        void a_round_without_teams_covers_the_whole_organisation() {
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), null, "token-abc", ADMIN, T1))
                    .then(new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(), null, "token-abc", ADMIN, T1));
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, null, null, "token-abc", ADMIN, T1))
                    .then(new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(), null, "token-abc", ADMIN, T1));
        }

        @Test
        void a_round_needs_an_active_team() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), null, "token-abc", ADMIN, T1))
                    .thenRefused(Rule.NO_ACTIVE_TEAMS)
                    .hasMessage("The organisation has no active team to take part; add a team first.");
            withSalesAndService().and(teamRetired(SALES), teamRetired(SERVICE))
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), null, "token-abc", ADMIN, T1))
                    .thenRefused(Rule.NO_ACTIVE_TEAMS);
        }

        @Test
        void a_round_for_a_retired_team_is_refused() {
            withSalesAndService().and(teamRetired(SERVICE))
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(SALES, SERVICE), null, "token-abc", ADMIN, T1))
                    .thenRefused(Rule.TEAM_RETIRED)
                    .hasMessage("Team 'Service' is retired.");
        }

        @Test
        void a_round_for_a_team_of_another_organisation_is_refused() {
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(SALES, FOREIGN_TEAM), null, "token-abc",
                            ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_TEAM)
                    .hasMessage("There is no team t-of-another-organisation in this organisation.");
        }

        @Test
        void the_closing_time_lies_ahead() {
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), T1, "token-abc", ADMIN, T1))
                    .thenRefused(Rule.CLOSING_TIME_NOT_AHEAD)
                    .hasMessage("A round's closing time must lie ahead.");
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), T0, "token-abc", ADMIN, T1))
                    .thenRefused(Rule.CLOSING_TIME_NOT_AHEAD);
        }

        @Test
        void a_closing_time_a_moment_ahead_is_accepted() {
            Instant aMomentLater = T1.plusNanos(1);
            withSalesAndService()
                    .when(o -> o.openRound(ROUND, ROUND_NAME, List.of(), aMomentLater, "token-abc", ADMIN, T1))
                    .then(new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(), aMomentLater, "token-abc", ADMIN, T1));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", "  "})
        void a_round_needs_an_invitation_token(String token) {
            Organisation organisation = withSalesAndService().state();

            assertThatThrownBy(() -> organisation.openRound(ROUND, ROUND_NAME, List.of(), null, token, ADMIN, T1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .isNotInstanceOf(OrganisationRefused.class)
                    .hasMessage("a round needs an invitation token");
        }

        @Test
        void a_round_id_is_never_used_twice() {
            Organisation organisation = withSalesAndService().and(roundOpened(null), roundClosed(ROUND, T0)).state();

            assertThatThrownBy(() -> organisation.openRound(ROUND, "Autumn", List.of(), null, "token-new", ADMIN,
                    T1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .isNotInstanceOf(OrganisationRefused.class)
                    .hasMessage("round r-spring exists already");
        }

        @Test
        void several_rounds_may_be_open_at_once_even_with_the_same_name() {
            withSalesAndService().and(roundOpened(null))
                    .when(o -> o.openRound("r-other", ROUND_NAME, List.of(SALES), null, "token-other", ADMIN, T1))
                    .then(new RoundOpened(ORG, "r-other", ROUND_NAME, List.of(SALES), null, "token-other", ADMIN,
                            T1));
        }
    }

    @Nested
    class ClosingRounds {

        private static OrganisationScenario.Given withARound(Instant closesAt) {
            return anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(closesAt));
        }

        @Test
        void an_admin_closes_an_open_round() {
            withARound(null)
                    .when(o -> o.closeRound(ROUND, ADMIN, T1))
                    .then(new RoundClosed(ORG, ROUND, ADMIN, T1));
        }

        @Test
        void an_admin_closes_a_round_a_moment_before_its_closing_time() {
            Instant aMomentBefore = CLOSES.minusNanos(1);
            withARound(CLOSES)
                    .when(o -> o.closeRound(ROUND, ADMIN, aMomentBefore))
                    .then(new RoundClosed(ORG, ROUND, ADMIN, aMomentBefore));
        }

        @Test
        void a_round_closed_by_an_admin_is_not_closed_again() {
            withARound(CLOSES).and(roundClosed(ROUND, T1))
                    .when(o -> o.closeRound(ROUND, ADMIN, T2))
                    .thenRefused(Rule.ROUND_CLOSED)
                    .hasMessage("Round 'Spring 2027' is closed already.");
        }

        @Test
        void a_round_whose_closing_time_passed_is_not_closed_again() {
            withARound(CLOSES)
                    .when(o -> o.closeRound(ROUND, ADMIN, CLOSES.plus(Duration.ofDays(1))))
                    .thenRefused(Rule.ROUND_CLOSED)
                    .hasMessage("Round 'Spring 2027' is closed already.");
        }

        @Test
        void a_round_is_closed_from_its_closing_time_on() {
            withARound(CLOSES)
                    .when(o -> o.closeRound(ROUND, ADMIN, CLOSES))
                    .thenRefused(Rule.ROUND_CLOSED);
        }

        @Test
        void closing_an_unknown_round_is_refused() {
            withARound(null)
                    .when(o -> o.closeRound("r-unknown", ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_ROUND)
                    .hasMessage("There is no round r-unknown in this organisation.");
            withARound(null)
                    .when(o -> o.closeRound(null, ADMIN, T1))
                    .thenRefused(Rule.UNKNOWN_ROUND);
        }
    }

    @Nested
    class MinimumGroupSize {

        @Test
        void an_admin_raises_the_minimum_group_size() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMinimumGroupSize(8, ADMIN, T1))
                    .then(new MinimumGroupSizeChanged(ORG, 8, ADMIN, T1));
        }

        @Test
        void before_any_round_it_may_be_lowered_to_3() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMinimumGroupSize(3, ADMIN, T1))
                    .then(new MinimumGroupSizeChanged(ORG, 3, ADMIN, T1));
        }

        @Test
        void never_below_3() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMinimumGroupSize(2, ADMIN, T1))
                    .thenRefused(Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE)
                    .hasMessage(TOO_SMALL_MESSAGE);
        }

        @Test
        void it_may_be_raised_to_50() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMinimumGroupSize(50, ADMIN, T1))
                    .then(new MinimumGroupSizeChanged(ORG, 50, ADMIN, T1));
        }

        @Test
        void never_above_50() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMinimumGroupSize(51, ADMIN, T1))
                    .thenRefused(Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE)
                    .hasMessage(TOO_LARGE_MESSAGE);
        }

        @Test
        void not_above_50_either_once_a_round_was_opened() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null))
                    .when(o -> o.changeMinimumGroupSize(51, ADMIN, T1))
                    .thenRefused(Rule.MINIMUM_GROUP_SIZE_OUT_OF_RANGE)
                    .hasMessage(TOO_LARGE_MESSAGE);
        }

        @Test
        void the_same_size_again_changes_nothing() {
            anOrganisationWithAnAdmin()
                    .when(o -> o.changeMinimumGroupSize(5, ADMIN, T1))
                    .thenNothing();
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null))
                    .when(o -> o.changeMinimumGroupSize(5, ADMIN, T1))
                    .thenNothing();
        }

        @Test
        void once_a_round_was_opened_it_is_never_lowered() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null))
                    .when(o -> o.changeMinimumGroupSize(4, ADMIN, T1))
                    .thenRefused(Rule.MINIMUM_GROUP_SIZE_LOCKED)
                    .hasMessage(LOCKED_MESSAGE);
        }

        @Test
        void not_even_after_that_round_closed() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null), roundClosed(ROUND, T0))
                    .when(o -> o.changeMinimumGroupSize(4, ADMIN, T1))
                    .thenRefused(Rule.MINIMUM_GROUP_SIZE_LOCKED)
                    .hasMessage(LOCKED_MESSAGE);
        }

        @Test
        void once_a_round_was_opened_it_may_still_be_raised() {
            anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null))
                    .when(o -> o.changeMinimumGroupSize(6, ADMIN, T1))
                    .then(new MinimumGroupSizeChanged(ORG, 6, ADMIN, T1));
        }

        @Test
        void a_raised_size_is_the_one_that_cannot_be_lowered() {
            anOrganisationWithAnAdmin().and(minimumGroupSizeChanged(8), teamAdded(SALES, "Sales"),
                            roundOpened(null))
                    .when(o -> o.changeMinimumGroupSize(7, ADMIN, T1))
                    .thenRefused(Rule.MINIMUM_GROUP_SIZE_LOCKED)
                    .hasMessage(LOCKED_MESSAGE);
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
                "NOT_ALLOWED, NOT_ALLOWED",
                "INVALID_NAME, INVALID",
                "DUPLICATE_TEAM_NAME, CONFLICT",
                "UNKNOWN_TEAM, INVALID",
                "TEAM_RETIRED, CONFLICT",
                "UNKNOWN_MEMBER, NOT_FOUND",
                "ALREADY_A_MEMBER, CONFLICT",
                "LAST_ADMIN, CONFLICT",
                "TEAM_LEAD_WITHOUT_TEAMS, INVALID",
                "TEAMS_ONLY_FOR_TEAM_LEADS, INVALID",
                "UNKNOWN_ROUND, NOT_FOUND",
                "ROUND_CLOSED, CONFLICT",
                "NO_ACTIVE_TEAMS, CONFLICT",
                "CLOSING_TIME_NOT_AHEAD, INVALID",
                "OPENING_TIME_OUT_OF_RANGE, INVALID",
                "ROUND_NOT_OPEN_YET, CONFLICT",
                "HEADCOUNT_OUT_OF_RANGE, INVALID",
                "TEAM_REQUIRED, INVALID",
                "TEAM_NOT_IN_ROUND, INVALID",
                "MINIMUM_GROUP_SIZE_OUT_OF_RANGE, INVALID",
                "MINIMUM_GROUP_SIZE_LOCKED, CONFLICT"})
        void each_rule_is_of_one_kind(Rule rule, Kind kind) {
            assertThat(rule.kind()).isEqualTo(kind);
        }

        @Test
        void the_table_above_names_every_rule() {
            assertThat(Arrays.stream(Rule.values())).hasSize(21);
        }

        @Test
        void a_refusal_tells_its_rule_and_kind() {
            assertThatThrownBy(() -> anOrganisationWithAnAdmin().state().removeMember(STRANGER.id(), ADMIN, T1))
                    .isInstanceOfSatisfying(OrganisationRefused.class, refused -> {
                        assertThat(refused.rule()).isEqualTo(Rule.UNKNOWN_MEMBER);
                        assertThat(refused.kind()).isEqualTo(Kind.NOT_FOUND);
                    });
        }

        @Test
        void a_refusal_changes_nothing() {
            Organisation organisation = anOrganisationWithAnAdmin().and(memberAdded(ANALYST, Role.ANALYST)).state();

            assertRefused(() -> organisation.removeMember(ADMIN.id(), ADMIN, T1), Rule.LAST_ADMIN);
            assertThat(organisation.members()).extracting(Organisation.Member::id)
                    .containsExactly(ADMIN.id(), ANALYST.id());
            assertThat(organisation.version()).isEqualTo(2);
        }
    }
}
