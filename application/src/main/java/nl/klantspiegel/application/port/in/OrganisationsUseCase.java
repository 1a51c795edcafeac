package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.organisation.Organisation;

import java.util.List;

/**
 * What the operator and an organisation's people do with the organisation as a whole: register it, list and read
 * it, change its minimum group size. Its teams, members and rounds have use cases of their own ({@link TeamsUseCase},
 * {@link MembersUseCase}, {@link RoundsUseCase}). Every method checks who asks: someone who is not a member (nor,
 * where allowed, the operator) gets {@link NotFound}, a member whose role does not allow it {@link AccessDenied}; the
 * organisation itself refuses what breaks its rules ({@code OrganisationRefused}).
 */
public interface OrganisationsUseCase {

    /** The operator registers an organisation. */
    OrganisationSummary register(Caller operator, String name);

    /** The operator: every organisation; anyone else: their own. */
    List<OrganisationSummary> list(Caller caller);

    /** An organisation's name and settings: its members, and the operator. */
    OrganisationSummary summary(Caller caller, String organisationId);

    /** Admins: the smallest group whose results may be shown. */
    OrganisationSummary changeMinimumGroupSize(Caller caller, String organisationId, int minimumGroupSize);

    /**
     * @param lowestMinimumGroupSize  the smallest minimum group size an organisation may choose (the domain's rule)
     * @param highestMinimumGroupSize the largest
     */
    record OrganisationSummary(String id, String name, int minimumGroupSize, int teams, int members, boolean hasAdmin,
                               int lowestMinimumGroupSize, int highestMinimumGroupSize) {

        /** A summary with the domain's bounds for the minimum group size. */
        public OrganisationSummary(String id, String name, int minimumGroupSize, int teams, int members,
                                   boolean hasAdmin) {
            this(id, name, minimumGroupSize, teams, members, hasAdmin, Organisation.LOWEST_MINIMUM_GROUP_SIZE,
                    Organisation.HIGHEST_MINIMUM_GROUP_SIZE);
        }
    }
}
