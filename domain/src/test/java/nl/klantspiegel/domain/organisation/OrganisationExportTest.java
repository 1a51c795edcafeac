package nl.klantspiegel.domain.organisation;

import org.junit.jupiter.api.Test;

import static nl.klantspiegel.domain.organisation.OrganisationScenario.ADMIN;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ANALYST;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.LEAD;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.OPERATOR;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.ORG;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.SALES;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.STRANGER;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.T1;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.anOrganisationWithAnAdmin;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.memberAdded;
import static nl.klantspiegel.domain.organisation.OrganisationScenario.teamAdded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exports are recorded in the audit trail, by those who may export: admins and analysts. */
class OrganisationExportTest {

    private static final String HASH = "ab".repeat(32);

    private static OrganisationScenario.Given organisation() {
        return anOrganisationWithAnAdmin().and(teamAdded(SALES, "Sales"),
                memberAdded(ANALYST, Role.ANALYST), memberAdded(LEAD, Role.TEAM_LEAD, SALES));
    }

    @Test
    void an_admin_and_an_analyst_record_their_exports() {
        organisation().when(o -> o.recordExport("x-1", "events", "after=3", 12, HASH, true, ADMIN, T1))
                .then(new DataExported(ORG, "x-1", "events", "after=3", 12, HASH, true, ADMIN, T1));
        organisation().when(o -> o.recordExport("x-2", "assessments", null, 0, null, false, ANALYST, T1))
                .then(new DataExported(ORG, "x-2", "assessments", "", 0, "", false, ANALYST, T1));
    }

    @Test
    void a_team_lead_and_a_stranger_may_not_export() {
        for (Actor who : new Actor[]{LEAD, STRANGER}) {
            organisation().when(o -> o.recordExport("x", "events", "", 1, HASH, true, who, T1))
                    .thenRefused(OrganisationRefused.Rule.NOT_ALLOWED)
                    .hasMessage("Only an admin or analyst of the organisation may export its data.");
            organisation().when(o -> o.recordExport("x", DataExported.EVERY_ORGANISATION, "", 1, HASH, true, who, T1))
                    .thenRefused(OrganisationRefused.Rule.NOT_ALLOWED);
        }
    }

    @Test
    void the_operators_export_of_every_organisation_is_recorded_in_each_but_no_export_of_one_organisation() {
        organisation().when(o -> o.recordExport("x-3", DataExported.EVERY_ORGANISATION, "type=AnswerGiven", 40, HASH,
                        true, OPERATOR, T1))
                .then(new DataExported(ORG, "x-3", "all-events", "type=AnswerGiven", 40, HASH, true, OPERATOR, T1));
        for (String kind : new String[]{"events", "assessments"}) {
            organisation().when(o -> o.recordExport("x", kind, "", 1, HASH, true, OPERATOR, T1))
                    .thenRefused(OrganisationRefused.Rule.NOT_ALLOWED)
                    .hasMessage("The operator exports every organisation's events, never one organisation's data.");
        }
    }

    @Test
    void a_negative_count_is_a_programming_error() {
        Organisation state = organisation().state();
        assertThatThrownBy(() -> state.recordExport("x", "events", "", -1, HASH, true, ADMIN, T1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_recorded_export_changes_nothing_but_the_version() {
        Organisation before = organisation().state();

        Organisation after = before.evolve(new DataExported(ORG, "x", "events", "", 3, HASH, true, ADMIN, T1));

        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.members()).isEqualTo(before.members());
        assertThat(after.teams()).isEqualTo(before.teams());
        assertThat(after.rounds()).isEqualTo(before.rounds());
        assertThat(after.minimumGroupSize()).isEqualTo(before.minimumGroupSize());
        assertThat(after.name()).isEqualTo(before.name());
    }
}
