package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Role;

import java.util.List;

/** The signed-in account as it sees itself: its address, whether it is the operator, its organisations. */
public record AccountSummary(String accountId, String email, boolean operator, List<Organisation> organisations) {

    public AccountSummary {
        organisations = List.copyOf(organisations);
    }

    /**
     * One organisation of the account, with what the account may do in it: the domain's {@link Membership} decides, and
     * the web client shows what it says rather than working it out from the role again.
     */
    public record Organisation(String id, String name, Role role, List<String> teams, Permissions may) {
        public Organisation {
            teams = List.copyOf(teams);
        }

        public static Organisation of(Membership membership, String name) {
            return new Organisation(membership.organisationId(), name, membership.role(),
                    List.copyOf(membership.teams()), Permissions.of(membership));
        }
    }

    /**
     * What a member may do in an organisation, as the domain's {@link Membership} says.
     *
     * @param manage         teams, rounds and members (and the settings)
     * @param seeAllReports  every report, the organisation-wide figures included (else: their own teams')
     * @param export         exports of the organisation's data
     * @param readAuditTrail the audit trail, which names members by e-mail address
     */
    public record Permissions(boolean manage, boolean seeAllReports, boolean export, boolean readAuditTrail) {

        public static Permissions of(Membership membership) {
            return new Permissions(membership.mayManage(), membership.maySeeAllReports(), membership.mayExport(),
                    membership.mayReadAuditTrail());
        }
    }
}
