package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.Membership;

import java.util.Optional;

/**
 * Who reaches an organisation's results at all, for every report: its members, each as far as their membership goes;
 * the operator never (refused); anyone else is told the organisation does not exist, as for one that does not.
 */
final class ResultsAccess {

    /** The organisation and the caller's membership in it. */
    record Member(OrganisationView organisation, Membership membership) {
    }

    private ResultsAccess() {
    }

    static Member member(Caller caller, String organisationId, OrganisationViews organisations) {
        OrganisationView view = Optional.ofNullable(organisationId).flatMap(organisations::find)
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
        if (caller.operator()) {
            throw new AccessDenied("The operator sees no organisation's results; its members do.");
        }
        Membership membership = view.membership(caller.accountId())
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
        return new Member(view, membership);
    }
}
