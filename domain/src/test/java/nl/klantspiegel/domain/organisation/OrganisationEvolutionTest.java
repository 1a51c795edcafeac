package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.Organisation.Member;
import nl.klantspiegel.domain.organisation.Organisation.Round;
import nl.klantspiegel.domain.organisation.Organisation.Team;
import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static nl.klantspiegel.domain.organisation.OrganisationScenario.ADMIN;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ANALYST;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.CLOSES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.LEAD;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.OPERATOR;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ORG;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.OTHER_ORG;
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
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRenamed;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRetired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The state an organisation's events make: its teams (retired ones kept), its members with their roles and teams,
 * its rounds with their closing times, and a version that counts the events. Evolving never changes an earlier
 * state, and an organisation takes only its own events, registration once. A snapshot of a state, restored, is that
 * state: it decides and evolves alike.
 */
class OrganisationEvolutionTest {

    @Nested
    class TeamsState {

        @Test
        void teams_are_kept_in_the_order_they_were_added_retired_ones_included() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"), teamRetired(SALES)).state();

            assertThat(organisation.teams())
                    .containsExactly(new Team(SALES, "Sales", true), new Team(SERVICE, "Service", false));
            assertThat(organisation.activeTeams()).containsExactly(new Team(SERVICE, "Service", false));
            assertThat(organisation.findTeam(SALES)).contains(new Team(SALES, "Sales", true));
            assertThat(organisation.findTeam("t-unknown")).isEmpty();
        }

        @Test
        void a_renamed_team_keeps_its_place_and_its_retirement() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"), teamRetired(SALES),
                            teamRenamed(SALES, "Sales (old)"), teamRenamed(SERVICE, "Customer Service"))
                    .state();

            assertThat(organisation.teams()).containsExactly(new Team(SALES, "Sales (old)", true),
                    new Team(SERVICE, "Customer Service", false));
        }

        @Test
        void renaming_or_retiring_a_team_it_does_not_have_adds_no_team() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamRenamed("t-unknown", "Ghost"), teamRetired("t-unknown"))
                    .state();

            assertThat(organisation.teams()).containsExactly(new Team(SALES, "Sales", false));
            assertThat(organisation.version()).isEqualTo(4);
        }
    }

    @Nested
    class MembersState {

        @Test
        void members_are_kept_with_their_roles_and_teams() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            memberAdded(LEAD, Role.TEAM_LEAD, SALES, SERVICE), memberAdded(ANALYST, Role.ANALYST))
                    .state();

            assertThat(organisation.members()).containsExactly(
                    new Member(ADMIN.id(), Role.ADMIN, Set.of()),
                    new Member(LEAD.id(), Role.TEAM_LEAD, Set.of(SALES, SERVICE)),
                    new Member(ANALYST.id(), Role.ANALYST, Set.of()));
        }

        @Test
        void a_change_replaces_role_and_teams() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            memberAdded(LEAD, Role.TEAM_LEAD, SALES, SERVICE), memberAdded(ANALYST, Role.ANALYST),
                            memberChanged(LEAD, Role.ANALYST), memberChanged(ANALYST, Role.TEAM_LEAD, SERVICE))
                    .state();

            assertThat(organisation.members()).containsExactly(
                    new Member(ADMIN.id(), Role.ADMIN, Set.of()),
                    new Member(LEAD.id(), Role.ANALYST, Set.of()),
                    new Member(ANALYST.id(), Role.TEAM_LEAD, Set.of(SERVICE)));
        }

        @Test
        void a_removed_member_is_gone_and_has_no_membership() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(memberAdded(ANALYST, Role.ANALYST), memberRemoved(ANALYST)).state();

            assertThat(organisation.members()).containsExactly(new Member(ADMIN.id(), Role.ADMIN, Set.of()));
            assertThat(organisation.membership(ANALYST.id())).isEmpty();
        }

        @Test
        void a_member_has_a_membership_in_this_organisation_with_their_role_and_teams() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), memberAdded(LEAD, Role.TEAM_LEAD, SALES)).state();

            assertThat(organisation.membership(LEAD.id()))
                    .contains(new Membership(ORG, LEAD.id(), Role.TEAM_LEAD, Set.of(SALES)));
            assertThat(organisation.membership(ADMIN.id()))
                    .contains(new Membership(ORG, ADMIN.id(), Role.ADMIN, Set.of()));
            assertThat(organisation.membership(STRANGER.id())).isEmpty();
        }

        @Test
        void changing_a_member_it_does_not_have_adds_no_member() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), memberChanged(STRANGER, Role.TEAM_LEAD, SALES)).state();

            assertThat(organisation.members()).containsExactly(new Member(ADMIN.id(), Role.ADMIN, Set.of()));
            assertThat(organisation.membership(STRANGER.id())).isEmpty();
            assertThat(organisation.version()).isEqualTo(3);
        }

        @Test
        void changing_a_removed_member_does_not_bring_them_back() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(memberAdded(ANALYST, Role.ANALYST), memberRemoved(ANALYST), memberChanged(ANALYST, Role.ADMIN))
                    .state();

            assertThat(organisation.membership(ANALYST.id())).isEmpty();
            assertRefused(() -> organisation.addTeam(SALES, "Sales", ANALYST, T1), Rule.NOT_ALLOWED);
        }

        @Test
        void a_member_keeps_its_own_unchangeable_copy_of_its_teams() {
            Set<String> teams = new HashSet<>(Set.of(SALES));
            Member member = new Member(LEAD.id(), Role.TEAM_LEAD, teams);

            teams.add(SERVICE);

            assertThat(member.teams()).containsExactly(SALES);
            assertThatThrownBy(() -> member.teams().add(SERVICE)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void a_team_lead_keeps_a_team_that_was_retired() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), memberAdded(LEAD, Role.TEAM_LEAD, SALES), teamRetired(SALES))
                    .state();

            assertThat(organisation.membership(LEAD.id())).get()
                    .satisfies(membership -> assertThat(membership.maySeeTeam(SALES)).isTrue());
        }
    }

    @Nested
    class RoundsState {

        @Test
        void rounds_are_kept_in_the_order_they_were_opened_with_their_times() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"),
                            new RoundOpened(ORG, ROUND, ROUND_NAME, List.of(SERVICE, SALES), CLOSES, "token-1",
                                    ADMIN, T1),
                            new RoundOpened(ORG, "r-autumn", "Autumn", List.of(), null, "token-2", ADMIN, T2),
                            new RoundClosed(ORG, "r-autumn", SECOND_ADMIN, CLOSES))
                    .state();

            assertThat(organisation.rounds()).containsExactly(
                    new Round(ROUND, ROUND_NAME, List.of(SERVICE, SALES), T1, CLOSES, null, "token-1"),
                    new Round("r-autumn", "Autumn", List.of(), T2, null, CLOSES, "token-2"));
            assertThat(organisation.findRound("r-autumn")).get().satisfies(round -> {
                assertThat(round.coversWholeOrganisation()).isTrue();
                assertThat(round.isOpenAt(T2)).as("before it was closed").isTrue();
                assertThat(round.isOpenAt(CLOSES)).isFalse();
            });
            assertThat(organisation.findRound(ROUND)).get().satisfies(round -> {
                assertThat(round.coversWholeOrganisation()).isFalse();
                assertThat(round.isOpenAt(T2)).isTrue();
            });
            assertThat(organisation.findRound("r-unknown")).isEmpty();
        }

        @Test
        void a_round_is_open_until_its_closing_time() {
            Round round = new Round(ROUND, ROUND_NAME, List.of(), T0, CLOSES, null, "token");

            assertThat(round.isOpenAt(T0)).isTrue();
            assertThat(round.isOpenAt(CLOSES.minusNanos(1))).isTrue();
            assertThat(round.isOpenAt(CLOSES)).isFalse();
        }

        @Test
        void a_round_closed_by_an_admin_is_closed_whatever_its_closing_time() {
            Round round = new Round(ROUND, ROUND_NAME, List.of(), T0, CLOSES, T1, "token");

            assertThat(round.isOpenAt(T2)).isFalse();
            assertThat(new Round(ROUND, ROUND_NAME, List.of(), T0, null, T1, "token").isOpenAt(T2)).isFalse();
            assertThat(new Round(ROUND, ROUND_NAME, List.of(), T0, null, null, "token").isOpenAt(CLOSES)).isTrue();
        }

        @Test
        void a_round_keeps_its_own_unchangeable_copy_of_its_teams() {
            List<String> teams = new ArrayList<>(List.of(SALES));
            Round round = new Round(ROUND, ROUND_NAME, teams, T0, null, null, "token");

            teams.add(SERVICE);

            assertThat(round.teams()).containsExactly(SALES);
            assertThatThrownBy(() -> round.teams().add(SERVICE)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void a_round_whose_teams_list_emptied_later_does_not_cover_the_whole_organisation() {
            List<String> teams = new ArrayList<>(List.of(SALES));
            Round round = new Round(ROUND, ROUND_NAME, teams, T0, null, null, "token");

            teams.clear();

            assertThat(round.coversWholeOrganisation()).isFalse();
        }

        @Test
        void closing_a_round_it_does_not_have_adds_no_round() {
            Organisation organisation = anOrganisationWithAnAdmin().and(roundClosed("r-unknown", T1)).state();

            assertThat(organisation.rounds()).isEmpty();
        }
    }

    @Nested
    class Versions {

        @Test
        void the_version_counts_the_events_after_the_registration() {
            Organisation organisation = given(registered()).state();
            assertThat(organisation.version()).isZero();

            organisation = organisation.evolve(OrganisationScenario.firstAdmin());
            assertThat(organisation.version()).isEqualTo(1);
            organisation = organisation.evolve(minimumGroupSizeChanged(6));
            assertThat(organisation.version()).isEqualTo(2);
            organisation = organisation.evolve(teamAdded(SALES, "Sales"));
            assertThat(organisation.version()).isEqualTo(3);
            organisation = organisation.evolve(roundOpened(null));
            assertThat(organisation.version()).isEqualTo(4);
            organisation = organisation.evolve(roundClosed(ROUND, T1));
            assertThat(organisation.version()).isEqualTo(5);
            organisation = organisation.evolve(memberAdded(ANALYST, Role.ANALYST));
            assertThat(organisation.version()).isEqualTo(6);
            organisation = organisation.evolve(teamRetired(SALES));
            assertThat(organisation.version()).isEqualTo(7);
        }

        @Test
        void a_changed_minimum_group_size_is_kept() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), minimumGroupSizeChanged(9)).state();

            assertThat(organisation.minimumGroupSize()).isEqualTo(9);
            assertThat(organisation.teams()).containsExactly(new Team(SALES, "Sales", false));
            assertThat(organisation.members()).hasSize(1);
            assertThat(organisation.name()).isEqualTo("Acme");
            assertThat(organisation.id()).isEqualTo(ORG);
        }
    }

    @Nested
    class Snapshots {

        /** An organisation with a bit of everything: a retired team, a team lead, a closed and an open round. */
        private static Organisation aLivedInOrganisation() {
            return anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"), teamAdded("t-old", "Old"),
                            teamRetired("t-old"), memberAdded(LEAD, Role.TEAM_LEAD, SALES, SERVICE),
                            memberAdded(ANALYST, Role.ANALYST), minimumGroupSizeChanged(6),
                            roundOpened("r-closed", null, SALES), roundClosed("r-closed", T1),
                            roundOpened(ROUND, CLOSES, SALES, SERVICE))
                    .state();
        }

        private static Organisation restoredFrom(Organisation state) {
            return Organisation.restore(state.id(), state.name(), state.minimumGroupSize(), state.teams(),
                    state.members(), state.rounds(), state.version());
        }

        private static void assertSameState(Organisation actual, Organisation expected) {
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.minimumGroupSize()).isEqualTo(expected.minimumGroupSize());
            assertThat(actual.teams()).isEqualTo(expected.teams());
            assertThat(actual.members()).isEqualTo(expected.members());
            assertThat(actual.rounds()).isEqualTo(expected.rounds());
            assertThat(actual.version()).isEqualTo(expected.version());
        }

        @Test
        void a_restored_snapshot_is_the_state_it_was_taken_from() {
            Organisation replayed = aLivedInOrganisation();

            Organisation restored = restoredFrom(replayed);

            assertSameState(restored, replayed);
            assertThat(restored.version()).isEqualTo(11);
            assertThat(restored.findTeam("t-old")).contains(new Team("t-old", "Old", true));
            assertThat(restored.findRound("r-closed")).get().satisfies(round -> assertThat(round.closedAt())
                    .isEqualTo(T1));
            assertThat(restored.membership(LEAD.id()))
                    .contains(new Membership(ORG, LEAD.id(), Role.TEAM_LEAD, Set.of(SALES, SERVICE)));
        }

        @Test
        void a_restored_snapshot_evolves_as_the_events_it_came_from() {
            Organisation replayed = aLivedInOrganisation();
            List<OrganisationEvent> next = List.of(teamAdded("t-new", "New"), teamRenamed(SALES, "Sales North"),
                    memberChanged(ANALYST, Role.ADMIN), memberRemoved(LEAD), roundClosed(ROUND, T2),
                    minimumGroupSizeChanged(7));

            Organisation fromEvents = replayed;
            Organisation fromSnapshot = restoredFrom(replayed);
            for (OrganisationEvent event : next) {
                fromEvents = fromEvents.evolve(event);
                fromSnapshot = fromSnapshot.evolve(event);
                assertSameState(fromSnapshot, fromEvents);
            }
        }

        @Test
        void a_restored_snapshot_decides_as_the_events_it_came_from() {
            Organisation restored = restoredFrom(aLivedInOrganisation());

            assertRefused(() -> restored.addTeam("t-new", "sales", ADMIN, T2), Rule.DUPLICATE_TEAM_NAME);
            assertRefused(() -> restored.addTeam("t-new", "New", LEAD, T2), Rule.NOT_ALLOWED);
            assertRefused(() -> restored.removeMember(ADMIN.id(), ADMIN, T2), Rule.LAST_ADMIN);
            assertRefused(() -> restored.closeRound("r-closed", ADMIN, T2), Rule.ROUND_CLOSED);
            assertRefused(() -> restored.changeMinimumGroupSize(5, ADMIN, T2), Rule.MINIMUM_GROUP_SIZE_LOCKED);
            assertThat(restored.addTeam("t-old-2", "Old", ADMIN, T2))
                    .containsExactly(new TeamAdded(ORG, "t-old-2", "Old", ADMIN, T2));
            assertThat(restored.admit(ROUND, SERVICE, T2)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void the_lists_of_a_restored_snapshot_are_its_own() {
            List<Team> teams = new ArrayList<>(List.of(new Team(SALES, "Sales", false)));
            Organisation restored = Organisation.restore(ORG, "Acme", 5, teams, List.of(), List.of(), 3);

            teams.add(new Team(SERVICE, "Service", false));

            assertThat(restored.teams()).containsExactly(new Team(SALES, "Sales", false));
        }

        @Test
        void the_teams_of_a_restored_member_cannot_be_changed_afterwards() {
            Set<String> leads = new HashSet<>(Set.of(SALES));
            Organisation restored = Organisation.restore(ORG, "Acme", 5,
                    List.of(new Team(SALES, "Sales", false), new Team(SERVICE, "Service", false)),
                    List.of(new Member(ADMIN.id(), Role.ADMIN, Set.of()), new Member(LEAD.id(), Role.TEAM_LEAD, leads)),
                    List.of(), 4);

            leads.add(SERVICE);
            leads.remove(SALES);

            assertThat(restored.membership(LEAD.id()))
                    .contains(new Membership(ORG, LEAD.id(), Role.TEAM_LEAD, Set.of(SALES)));
            assertThat(restored.members()).contains(new Member(LEAD.id(), Role.TEAM_LEAD, Set.of(SALES)));
            assertThat(restored.changeMember(LEAD.id(), Role.TEAM_LEAD, List.of(SALES), ADMIN, T2)).isEmpty();
        }

        @Test
        void the_teams_of_a_restored_round_cannot_be_changed_afterwards() {
            List<String> covered = new ArrayList<>(List.of(SALES));
            Organisation restored = Organisation.restore(ORG, "Acme", 5,
                    List.of(new Team(SALES, "Sales", false), new Team(SERVICE, "Service", false)),
                    List.of(new Member(ADMIN.id(), Role.ADMIN, Set.of())),
                    List.of(new Round(ROUND, ROUND_NAME, covered, T0, null, null, "token")), 4);

            covered.add(SERVICE);

            assertThat(restored.teamsToChooseFrom(ROUND)).containsExactly(new Team(SALES, "Sales", false));
            assertThat(restored.admit(ROUND, null, T1)).isEqualTo(new Participation(ORG, ROUND, SALES));
            assertRefused(() -> restored.admit(ROUND, SERVICE, T1), Rule.TEAM_NOT_IN_ROUND);

            covered.clear();

            assertThat(restored.findRound(ROUND)).get()
                    .satisfies(round -> assertThat(round.coversWholeOrganisation()).isFalse());
            assertThat(restored.teamsToChooseFrom(ROUND)).containsExactly(new Team(SALES, "Sales", false));
        }
    }

    @Nested
    class Integrity {

        @Test
        void an_event_of_another_organisation_is_refused() {
            Organisation organisation = anOrganisationWithAnAdmin().state();

            assertThatThrownBy(() -> organisation.evolve(new TeamAdded(OTHER_ORG, SALES, "Sales", ADMIN, T1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event of organisation org-other applied to org-acme");
        }

        @Test
        void an_organisation_is_registered_only_once() {
            Organisation organisation = anOrganisationWithAnAdmin().state();

            assertThatThrownBy(() -> organisation.evolve(registered()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("organisation org-acme was already registered");
        }

        @Test
        void evolving_gives_a_new_state_and_never_changes_the_earlier_one() {
            Organisation before = anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales")).state();

            Organisation after = before.evolve(teamAdded(SERVICE, "Service"))
                    .evolve(memberAdded(ANALYST, Role.ANALYST))
                    .evolve(roundOpened(null))
                    .evolve(minimumGroupSizeChanged(7));

            assertThat(after.teams()).hasSize(2);
            assertThat(after.members()).hasSize(2);
            assertThat(after.rounds()).hasSize(1);
            assertThat(after.minimumGroupSize()).isEqualTo(7);
            assertThat(before.teams()).containsExactly(new Team(SALES, "Sales", false));
            assertThat(before.members()).hasSize(1);
            assertThat(before.rounds()).isEmpty();
            assertThat(before.minimumGroupSize()).isEqualTo(5);
            assertThat(before.version()).isEqualTo(2);
        }

        @Test
        void the_lists_of_a_state_cannot_be_changed_from_outside() {
            Organisation organisation = anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null))
                    .state();

            assertThatThrownBy(() -> organisation.teams().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> organisation.activeTeams().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> organisation.members().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> organisation.rounds().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThat(organisation.teams()).hasSize(1);
        }

        @Test
        void events_read_a_missing_team_list_as_none() {
            assertThat(new MemberAdded(ORG, ANALYST.id(), Role.ANALYST, null, ADMIN, T0).teams()).isEmpty();
            assertThat(new MemberChanged(ORG, ANALYST.id(), Role.ANALYST, null, ADMIN, T0).teams()).isEmpty();
            assertThat(new RoundOpened(ORG, ROUND, ROUND_NAME, null, null, "token", ADMIN, T0).teams()).isEmpty();
        }

        @Test
        void events_keep_a_copy_of_their_team_lists() {
            List<String> teams = new ArrayList<>(List.of(SALES));
            MemberAdded added = new MemberAdded(ORG, LEAD.id(), Role.TEAM_LEAD, teams, ADMIN, T0);
            MemberChanged changed = new MemberChanged(ORG, LEAD.id(), Role.TEAM_LEAD, teams, ADMIN, T0);
            RoundOpened opened = new RoundOpened(ORG, ROUND, ROUND_NAME, teams, null, "token", ADMIN, T0);

            teams.add(SERVICE);

            assertThat(added.teams()).containsExactly(SALES);
            assertThat(changed.teams()).containsExactly(SALES);
            assertThat(opened.teams()).containsExactly(SALES);
        }

        @Test
        void every_event_says_who_did_it_and_when() {
            assertThatThrownBy(() -> new TeamAdded(ORG, SALES, "Sales", null, T0))
                    .isInstanceOf(NullPointerException.class).hasMessage("by");
            assertThatThrownBy(() -> new RoundClosed(ORG, ROUND, OPERATOR, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("at");
        }
    }
}
