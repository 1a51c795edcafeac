package nl.klantspiegel.domain.organisation;

/** What a member of an organisation may do there. */
public enum Role {
    /** Teams, rounds, members and every report of the organisation. */
    ADMIN,
    /** The reports of their own teams only; no management. */
    TEAM_LEAD,
    /** Every report and export of the organisation; no management. */
    ANALYST
}
