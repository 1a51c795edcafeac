package nl.klantspiegel.domain.organisation;

import nl.klantspiegel.domain.organisation.OrganisationRefused.Rule;
import org.junit.jupiter.api.Test;

import static nl.klantspiegel.domain.organisation.OrganisationScenario.ADMIN;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ORG;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SALES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T0;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T1;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.anOrganisationWithAnAdmin;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamAdded;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRenamed;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamRetired;
import static org.assertj.core.api.Assertions.assertThat;

/** An admin says how many people a team has (a number, never who), for the response rates of rounds. */
class OrganisationHeadcountTest {

    private static OrganisationScenario.Given withSales() {
        return anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"));
    }

    private static TeamHeadcountSet set(Integer headcount) {
        return new TeamHeadcountSet(ORG, SALES, headcount, ADMIN, T1);
    }

    @Test
    void an_admin_sets_changes_and_withdraws_a_headcount() {
        withSales().when(o -> o.setHeadcount(SALES, 12, ADMIN, T1)).then(set(12));
        withSales().and(set(12)).when(o -> o.setHeadcount(SALES, 13, ADMIN, T1)).then(set(13));
        withSales().and(set(12)).when(o -> o.setHeadcount(SALES, null, ADMIN, T1)).then(set(null));
    }

    @Test
    void the_same_headcount_again_changes_nothing() {
        withSales().and(set(12)).when(o -> o.setHeadcount(SALES, 12, ADMIN, T1)).thenNothing();
        withSales().when(o -> o.setHeadcount(SALES, null, ADMIN, T1)).thenNothing();
    }

    @Test
    void a_team_has_one_to_a_hundred_thousand_people() {
        withSales().when(o -> o.setHeadcount(SALES, 1, ADMIN, T1)).then(set(1));
        withSales().when(o -> o.setHeadcount(SALES, Organisation.HIGHEST_HEADCOUNT, ADMIN, T1))
                .then(set(Organisation.HIGHEST_HEADCOUNT));
        withSales().when(o -> o.setHeadcount(SALES, 0, ADMIN, T1)).thenRefused(Rule.HEADCOUNT_OUT_OF_RANGE)
                .hasMessage("A team has 1 to 100000 people.");
        withSales().when(o -> o.setHeadcount(SALES, -3, ADMIN, T1)).thenRefused(Rule.HEADCOUNT_OUT_OF_RANGE);
        withSales().when(o -> o.setHeadcount(SALES, Organisation.HIGHEST_HEADCOUNT + 1, ADMIN, T1))
                .thenRefused(Rule.HEADCOUNT_OUT_OF_RANGE);
    }

    @Test
    void only_an_active_team_of_the_organisation_gets_one() {
        withSales().when(o -> o.setHeadcount("t-unknown", 5, ADMIN, T1)).thenRefused(Rule.UNKNOWN_TEAM);
        withSales().and(teamRetired(SALES)).when(o -> o.setHeadcount(SALES, 5, ADMIN, T1))
                .thenRefused(Rule.TEAM_RETIRED);
    }

    @Test
    void the_team_keeps_its_headcount_when_renamed_or_retired() {
        Organisation renamed = withSales().and(set(12), teamRenamed(SALES, "Field sales")).state();
        assertThat(renamed.findTeam(SALES).orElseThrow()).isEqualTo(new Organisation.Team(SALES, "Field sales",
                false, 12));

        Organisation retired = withSales().and(set(12), teamRetired(SALES)).state();
        assertThat(retired.findTeam(SALES).orElseThrow()).isEqualTo(new Organisation.Team(SALES, "Sales", true, 12));

        Organisation withdrawn = withSales().and(set(12), set(null)).state();
        assertThat(withdrawn.findTeam(SALES).orElseThrow().headcount()).isNull();
        assertThat(withdrawn.version()).isEqualTo(4);
    }

    @Test
    void a_new_team_has_no_headcount() {
        assertThat(withSales().state().findTeam(SALES).orElseThrow()).isEqualTo(new Organisation.Team(SALES, "Sales",
                false));
        assertThat(new Organisation.Team(SALES, "Sales", false).headcount()).isNull();
        assertThat(T0).isBefore(T1);
    }
}
