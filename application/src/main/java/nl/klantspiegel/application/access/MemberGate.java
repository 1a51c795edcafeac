package nl.klantspiegel.application.access;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.Membership;

import java.util.Optional;

/**
 * The one gate to an organisation's own data (teams, rounds, results, audit trail, exports), used by every use case
 * that reads them: a member passes with their {@link Membership}, which then says how far they reach; the operator,
 * who knows every organisation exists but is a member of none, is refused; anyone else is told the organisation does
 * not exist, exactly as for one that does not, so that a stranger learns nothing.
 */
public final class MemberGate {

    private MemberGate() {
    }

    /** The organisation and the caller's membership in it. */
    public record Member(OrganisationView organisation, Membership membership) {
    }

    /**
     * @param operatorRefusal what the operator is told, in the terms of the use case
     * @throws NotFound     for an unknown organisation, and for one the caller is no member of
     * @throws AccessDenied for the operator
     */
    public static Member member(Caller caller, String organisationId, OrganisationViews organisations,
                                String operatorRefusal) {
        OrganisationView view = Optional.ofNullable(organisationId).flatMap(organisations::find)
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
        if (caller.operator()) {
            throw new AccessDenied(operatorRefusal);
        }
        Membership membership = view.membership(caller.accountId())
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
        return new Member(view, membership);
    }
}
