package nl.klantspiegel.domain.organisation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each role may see and do in its organisation: admins everything; analysts every report and export but no
 * management and no audit trail; team leads only the reports of the teams they lead.
 */
class MembershipTest {

    private static final String ORG = "org-acme";
    private static final String OWN_TEAM = "t-sales";
    private static final String OTHER_TEAM = "t-service";

    @ParameterizedTest(name = "{0}: manage {1}, all reports {2}, own team {3}, other team {4}, export {5}, audit {6}")
    @CsvSource({
            // role,     manage, all reports, own team, other team, export, audit trail
            "ADMIN,      true,   true,        true,     true,       true,   true",
            "ANALYST,    false,  true,        true,     true,       true,   false",
            "TEAM_LEAD,  false,  false,       true,     false,      false,  false"})
    void each_role_may_do_what_its_table_row_says(Role role, boolean manage, boolean allReports, boolean ownTeam,
                                                 boolean otherTeam, boolean export, boolean auditTrail) {
        Membership membership = new Membership(ORG, "m-1", role,
                role == Role.TEAM_LEAD ? Set.of(OWN_TEAM) : Set.of());

        assertThat(membership.mayManage()).as("may manage").isEqualTo(manage);
        assertThat(membership.maySeeAllReports()).as("may see all reports").isEqualTo(allReports);
        assertThat(membership.maySeeTeam(OWN_TEAM)).as("may see own team").isEqualTo(ownTeam);
        assertThat(membership.maySeeTeam(OTHER_TEAM)).as("may see another team").isEqualTo(otherTeam);
        assertThat(membership.mayExport()).as("may export").isEqualTo(export);
        assertThat(membership.mayReadAuditTrail()).as("may read the audit trail").isEqualTo(auditTrail);
    }

    @Test
    void a_team_lead_of_several_teams_sees_each_of_them() {
        Membership lead = new Membership(ORG, "m-lead", Role.TEAM_LEAD, Set.of(OWN_TEAM, OTHER_TEAM));

        assertThat(lead.maySeeTeam(OWN_TEAM)).isTrue();
        assertThat(lead.maySeeTeam(OTHER_TEAM)).isTrue();
        assertThat(lead.maySeeTeam("t-support")).isFalse();
    }

    @Test
    void a_team_lead_sees_no_team_without_an_id() {
        Membership lead = new Membership(ORG, "m-lead", Role.TEAM_LEAD, Set.of(OWN_TEAM));

        assertThat(lead.maySeeTeam(null)).isFalse();
    }

    @Test
    void a_membership_keeps_its_own_copy_of_the_teams() {
        Set<String> teams = new HashSet<>(Set.of(OWN_TEAM));
        Membership lead = new Membership(ORG, "m-lead", Role.TEAM_LEAD, teams);

        teams.add(OTHER_TEAM);

        assertThat(lead.teams()).containsExactly(OWN_TEAM);
        assertThat(lead.maySeeTeam(OTHER_TEAM)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void admins_hand_out_every_invitation_team_leads_those_of_their_teams_rounds_analysts_none() {
        java.time.Instant t = java.time.Instant.parse("2026-12-01T09:00:00Z");
        Organisation.Round salesAndService = new Organisation.Round("r-1", "Spring", java.util.List.of("t-sales",
                "t-service"), t, null, null, "token");
        Organisation.Round support = new Organisation.Round("r-2", "Support", java.util.List.of("t-support"), t, null,
                null, "token");
        Organisation.Round everyone = new Organisation.Round("r-3", "All", java.util.List.of(), t, null, null, "token");
        Membership admin = new Membership("org", "m-1", Role.ADMIN, java.util.Set.of());
        Membership lead = new Membership("org", "m-2", Role.TEAM_LEAD, java.util.Set.of("t-service"));
        Membership analyst = new Membership("org", "m-3", Role.ANALYST, java.util.Set.of());

        org.assertj.core.api.Assertions.assertThat(java.util.List.of(salesAndService, support, everyone))
                .allMatch(admin::mayHandOutInvitation)
                .noneMatch(analyst::mayHandOutInvitation)
                .filteredOn(lead::mayHandOutInvitation).containsExactly(salesAndService, everyone);
    }
}
