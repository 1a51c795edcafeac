package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.Organisation.Team;
import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static nl.klantspiegel.domain.organisation.OrganisationScenario.CLOSES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ORG;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ROUND;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SALES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SERVICE;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SUPPORT;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T0;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T1;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T2;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.anOrganisationWithAnAdmin;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.assertRefused;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.roundClosed;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.roundOpened;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamAdded;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRenamed;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRetired;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which respondents an organisation lets start an assessment: in an open round only (closed by an admin or by its
 * closing time, it takes no one new), for a team the round offers, chosen by the respondent when there is more than
 * one. The teams offered are the round's active teams, or every active team for a whole-organisation round.
 */
class OrganisationAdmittingTest {

    /** Sales, Service and Support, all active. */
    private static OrganisationScenario.Given threeTeams() {
        return anOrganisationWithAnAdmin()
                .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"), teamAdded(SUPPORT, "Support"));
    }

    @Nested
    class OpenRounds {

        @Test
        void an_open_round_admits_a_respondent_for_the_team_they_chose() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES, SERVICE)).state();

            assertThat(organisation.admit(ROUND, SERVICE, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void a_round_of_one_team_needs_no_choice() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SERVICE)).state();

            assertThat(organisation.admit(ROUND, null, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
            assertThat(organisation.admit(ROUND, SERVICE, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void a_round_that_offers_several_teams_needs_a_choice() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES, SERVICE)).state();

            assertRefused(() -> organisation.admit(ROUND, null, T1), Rule.TEAM_REQUIRED)
                    .hasMessage("Choose your team: this round covers 2 teams.");
        }

        @Test
        void a_round_of_several_teams_of_which_one_is_still_active_needs_no_choice() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES, SERVICE), teamRetired(SALES))
                    .state();

            assertThat(organisation.admit(ROUND, null, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void a_team_the_round_does_not_cover_is_refused() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES, SERVICE)).state();

            assertRefused(() -> organisation.admit(ROUND, SUPPORT, T1), Rule.TEAM_NOT_IN_ROUND)
                    .hasMessage("This team does not take part in round 'Spring 2027'.");
            assertRefused(() -> organisation.admit(ROUND, "t-unknown", T1), Rule.TEAM_NOT_IN_ROUND);
        }

        @Test
        void a_team_retired_after_the_round_opened_is_no_longer_chosen() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES, SERVICE), teamRetired(SALES))
                    .state();

            assertRefused(() -> organisation.admit(ROUND, SALES, T1), Rule.TEAM_NOT_IN_ROUND);
        }

        @Test
        void a_whole_organisation_round_admits_for_any_active_team() {
            Organisation organisation = threeTeams().and(teamRetired(SUPPORT), roundOpened(null)).state();

            assertThat(organisation.admit(ROUND, SALES, T1)).isEqualTo(new Participation(ORG, ROUND, SALES));
            assertThat(organisation.admit(ROUND, SERVICE, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
            assertRefused(() -> organisation.admit(ROUND, SUPPORT, T1), Rule.TEAM_NOT_IN_ROUND);
            assertRefused(() -> organisation.admit(ROUND, null, T1), Rule.TEAM_REQUIRED)
                    .hasMessage("Choose your team: this round covers 2 teams.");
        }

        @Test
        void a_whole_organisation_round_with_one_active_team_needs_no_choice() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), teamAdded(SERVICE, "Service"), teamRetired(SALES),
                            roundOpened(null))
                    .state();

            assertThat(organisation.admit(ROUND, null, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void an_unknown_round_admits_no_one() {
            Organisation organisation = threeTeams().and(roundOpened(null)).state();

            assertRefused(() -> organisation.admit("r-unknown", SALES, T1), Rule.UNKNOWN_ROUND)
                    .hasMessage("There is no round r-unknown in this organisation.");
            assertRefused(() -> organisation.admit(null, SALES, T1), Rule.UNKNOWN_ROUND);
        }
    }

    /** A round none of whose teams takes part any more admits no one, whatever the respondent chooses. */
    @Nested
    class RoundsWithoutActiveTeams {

        private static final String NO_TEAM_MESSAGE = "No team of round 'Spring 2027' takes part any more.";

        @Test
        void a_round_whose_teams_all_retired_admits_no_one() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES, SERVICE), teamRetired(SALES),
                    teamRetired(SERVICE)).state();

            assertRefused(() -> organisation.admit(ROUND, null, T1), Rule.NO_ACTIVE_TEAMS).hasMessage(NO_TEAM_MESSAGE);
            assertRefused(() -> organisation.admit(ROUND, SALES, T1), Rule.NO_ACTIVE_TEAMS)
                    .hasMessage(NO_TEAM_MESSAGE);
            assertRefused(() -> organisation.admit(ROUND, SUPPORT, T1), Rule.NO_ACTIVE_TEAMS);
        }

        @Test
        void a_round_of_one_team_that_retired_admits_no_one() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES), teamRetired(SALES)).state();

            assertRefused(() -> organisation.admit(ROUND, null, T1), Rule.NO_ACTIVE_TEAMS).hasMessage(NO_TEAM_MESSAGE);
            assertRefused(() -> organisation.admit(ROUND, SALES, T1), Rule.NO_ACTIVE_TEAMS);
        }

        @Test
        void a_whole_organisation_round_without_an_active_team_admits_no_one() {
            Organisation organisation = threeTeams().and(roundOpened(null), teamRetired(SALES), teamRetired(SERVICE),
                    teamRetired(SUPPORT)).state();

            assertThat(organisation.teamsToChooseFrom(ROUND)).isEmpty();
            assertRefused(() -> organisation.admit(ROUND, null, T1), Rule.NO_ACTIVE_TEAMS).hasMessage(NO_TEAM_MESSAGE);
            assertRefused(() -> organisation.admit(ROUND, SUPPORT, T1), Rule.NO_ACTIVE_TEAMS);
        }

        @Test
        void a_team_added_later_does_not_revive_a_round_of_retired_teams() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES), teamRetired(SALES),
                    teamAdded("t-new", "New")).state();

            assertRefused(() -> organisation.admit(ROUND, null, T1), Rule.NO_ACTIVE_TEAMS);
            assertRefused(() -> organisation.admit(ROUND, "t-new", T1), Rule.NO_ACTIVE_TEAMS);
        }

        @Test
        void a_team_added_later_does_revive_a_whole_organisation_round() {
            Organisation organisation = anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"), roundOpened(null),
                    teamRetired(SALES), teamAdded(SERVICE, "Service")).state();

            assertThat(organisation.admit(ROUND, null, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void a_closed_round_is_refused_as_closed_even_without_active_teams() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES), teamRetired(SALES),
                    roundClosed(ROUND, T1)).state();

            assertRefused(() -> organisation.admit(ROUND, null, T2), Rule.ROUND_CLOSED);
        }
    }

    @Nested
    class ClosedRounds {

        @Test
        void a_round_closed_by_an_admin_admits_no_one() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES), roundClosed(ROUND, T1))
                    .state();

            assertRefused(() -> organisation.admit(ROUND, SALES, T2), Rule.ROUND_CLOSED)
                    .hasMessage("Round 'Spring 2027' is closed: it takes no new assessments.");
        }

        @Test
        void a_round_without_closing_time_stays_open_until_an_admin_closes_it() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES)).state();

            assertThat(organisation.admit(ROUND, SALES, T0.plus(Duration.ofDays(3650))))
                    .isEqualTo(new Participation(ORG, ROUND, SALES));
        }

        @Test
        void a_round_admits_until_a_moment_before_its_closing_time() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES)).state();

            assertThat(organisation.admit(ROUND, SALES, CLOSES.minusNanos(1)))
                    .isEqualTo(new Participation(ORG, ROUND, SALES));
        }

        @Test
        void at_its_closing_time_a_round_is_closed() {
            Organisation organisation = threeTeams().and(roundOpened(CLOSES, SALES)).state();

            assertRefused(() -> organisation.admit(ROUND, SALES, CLOSES), Rule.ROUND_CLOSED)
                    .hasMessage("Round 'Spring 2027' is closed: it takes no new assessments.");
            assertRefused(() -> organisation.admit(ROUND, null, CLOSES.plusSeconds(1)), Rule.ROUND_CLOSED);
        }

        @Test
        void a_closed_round_is_refused_before_the_team_is_looked_at() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES, SERVICE), roundClosed(ROUND, T1))
                    .state();

            assertRefused(() -> organisation.admit(ROUND, null, T2), Rule.ROUND_CLOSED);
            assertRefused(() -> organisation.admit(ROUND, SUPPORT, T2), Rule.ROUND_CLOSED);
        }
    }

    @Nested
    class TeamsToChooseFrom {

        @Test
        void a_round_offers_its_teams_in_its_own_order() {
            Organisation organisation = threeTeams().and(roundOpened(null, SUPPORT, SALES)).state();

            assertThat(organisation.teamsToChooseFrom(ROUND))
                    .containsExactly(new Team(SUPPORT, "Support", false), new Team(SALES, "Sales", false));
        }

        @Test
        void a_round_does_not_offer_its_retired_teams() {
            Organisation organisation = threeTeams().and(roundOpened(null, SUPPORT, SALES), teamRetired(SUPPORT))
                    .state();

            assertThat(organisation.teamsToChooseFrom(ROUND)).containsExactly(new Team(SALES, "Sales", false));
        }

        @Test
        void a_round_offers_its_teams_under_their_current_names() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES), teamRenamed(SALES, "Sales North"))
                    .state();

            assertThat(organisation.teamsToChooseFrom(ROUND)).containsExactly(new Team(SALES, "Sales North", false));
        }

        @Test
        void a_whole_organisation_round_offers_every_active_team_in_the_order_they_were_added() {
            Organisation organisation = threeTeams().and(teamRetired(SERVICE), roundOpened(null)).state();

            assertThat(organisation.teamsToChooseFrom(ROUND))
                    .containsExactly(new Team(SALES, "Sales", false), new Team(SUPPORT, "Support", false));
        }

        @Test
        void a_whole_organisation_round_offers_a_team_added_after_it_opened() {
            Organisation organisation = anOrganisationWithAnAdmin()
                    .and(teamAdded(SALES, "Sales"), roundOpened(null), teamAdded(SERVICE, "Service")).state();

            assertThat(organisation.teamsToChooseFrom(ROUND))
                    .containsExactly(new Team(SALES, "Sales", false), new Team(SERVICE, "Service", false));
            assertThat(organisation.admit(ROUND, SERVICE, T1)).isEqualTo(new Participation(ORG, ROUND, SERVICE));
        }

        @Test
        void a_round_whose_teams_all_retired_offers_none() {
            Organisation organisation = threeTeams().and(roundOpened(null, SALES), teamRetired(SALES)).state();

            assertThat(organisation.teamsToChooseFrom(ROUND)).isEmpty();
        }

        @Test
        void an_unknown_round_offers_nothing_to_choose_from() {
            Organisation organisation = threeTeams().state();

            assertRefused(() -> organisation.teamsToChooseFrom("r-unknown"), Rule.UNKNOWN_ROUND);
        }
    }
}
