package nl.klantspiegel.domain.organisation;

import java.time.Instant;

/** Everything that can happen to an organisation: facts, each with who did it and when. */
public sealed interface OrganisationEvent permits OrganisationRegistered, MinimumGroupSizeChanged, TeamAdded,
        TeamRenamed, TeamRetired, MemberAdded, MemberChanged, MemberRemoved, RoundOpened, RoundStarted, RoundClosed, DataExported,
        TeamHeadcountSet {

    String organisationId();

    /** Who did it. */
    Actor by();

    /** When it happened. */
    Instant at();
}
