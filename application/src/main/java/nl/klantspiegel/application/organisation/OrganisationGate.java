package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.access.MemberGate;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.Membership;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may ask what of one organisation, for its use cases (its settings, teams, members, rounds and invitations),
 * written once: the views are read once they show every event stored before a restart; the caller's place is found
 * by {@link MemberGate}, so that a stranger learns nothing ({@link NotFound}); the domain's {@link Membership} then
 * says what that place allows, and a member without the role is refused ({@link AccessDenied}) before anything is
 * sent.
 */
public final class OrganisationGate {

    private final OrganisationViews views;
    private final CatchUpWait caughtUp;

    public OrganisationGate(OrganisationViews views, CatchUpWait caughtUp) {
        this.views = Objects.requireNonNull(views, "views");
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
    }

    /**
     * The caller's place in the organisation: known to a member only. The operator, who knows every organisation
     * exists but is a member of none, may see none of its teams, rounds or results.
     */
    Place member(Caller caller, String organisationId) {
        awaitCaughtUp();
        MemberGate.Member member = MemberGate.member(caller, organisationId, views,
                "The operator sees no organisation's teams, rounds or results; its members do.");
        return new Place(member.organisation(), member.membership(), caller);
    }

    /** An admin's place: the organisation's admins manage it; the operator only adds its first admin. */
    Place admin(Caller caller, String organisationId) {
        if (caller.operator()) {
            existing(organisationId);
            throw new AccessDenied("The operator adds an organisation's first admin; the admins manage it.");
        }
        Place place = member(caller, organisationId);
        if (!place.membership().mayManage()) {
            throw new AccessDenied("Only an admin of the organisation may do this.");
        }
        return place;
    }

    /** The operator's place: the organisation exists, and the operator belongs to it in no role. */
    Place operator(Caller caller, String organisationId) {
        return new Place(existing(organisationId), null, caller);
    }

    /** The organisation, for the operator and for what anyone may know of it. */
    OrganisationView existing(String organisationId) {
        awaitCaughtUp();
        return Optional.ofNullable(organisationId).flatMap(views::find)
                .orElseThrow(() -> new NotFound("Organisation " + organisationId));
    }

    /** After a restart, reads wait until the views show every event stored before it. */
    void awaitCaughtUp() {
        caughtUp.await(OrganisationViewProjection.VIEWS);
    }

    /**
     * Where the caller stands in an organisation.
     *
     * @param membership the caller's membership; null for the operator, who is a member of none
     */
    record Place(OrganisationView view, Membership membership, Caller caller) {

        Actor actor() {
            return caller.actor();
        }
    }
}
