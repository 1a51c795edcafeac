package nl.klantspiegel.domain.organisation;

import java.util.Objects;
import java.util.Set;

/**
 * One member's place in one organisation, and what it allows them to see and do there. The one place these
 * rules are written down: the API asks here.
 */
public record Membership(String organisationId, String memberId, Role role, Set<String> teams) {

    public Membership {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(role, "role");
        // in the order of their ids (Set.copyOf iterates in an order salted per JVM: two nodes would list them apart)
        teams = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(teams));
    }

    /** Teams, rounds and members: admins only. */
    public boolean mayManage() {
        return role == Role.ADMIN;
    }

    /** Every report of the organisation, including its organisation-wide figures. */
    public boolean maySeeAllReports() {
        return role == Role.ADMIN || role == Role.ANALYST;
    }

    /** The reports of one team: everyone who sees all reports, and the team's own leads. */
    public boolean maySeeTeam(String teamId) {
        return maySeeAllReports() || teamId != null && teams.contains(teamId);
    }

    /** Exports of the organisation's data (the analysts' issue): admins and analysts. */
    public boolean mayExport() {
        return maySeeAllReports();
    }

    /**
     * A round's invitation link (and its QR code): the admins hand out every round's; a team lead that of a round their
     * team takes part in, to remind their people. The link is the same for everyone in the round and names nobody;
     * an analyst, who hands out nothing, does not get it.
     */
    public boolean mayHandOutInvitation(Organisation.Round round) {
        return mayManage() || role == Role.TEAM_LEAD
                && (round.coversWholeOrganisation() || round.teams().stream().anyMatch(teams::contains));
    }

    /** The audit trail names members by e-mail address: admins only. */
    public boolean mayReadAuditTrail() {
        return role == Role.ADMIN;
    }
}
