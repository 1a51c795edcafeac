package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.assessment.ViewUpdates;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MemberChanged;
import nl.klantspiegel.domain.organisation.MemberRemoved;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.RoundOpened;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the read models of organisations: each organisation's view (teams, members, rounds), which round an
 * invitation token opens, and of which organisations each account is a member. The indexes are written before the
 * view, so that once a request sees the view at its version, the indexes show that version too. Redelivered events
 * are skipped by the view's version; a reset clears everything before a rebuild.
 */
@ProcessingGroup(OrganisationViewProjection.PROCESSING_GROUP)
public class OrganisationViewProjection {

    public static final String PROCESSING_GROUP = "organisation-views";

    private final OrganisationViews views;
    private final Invitations invitations;
    private final Memberships memberships;
    private final ViewUpdates updates;

    public OrganisationViewProjection(OrganisationViews views, Invitations invitations, Memberships memberships,
                                      ViewUpdates updates) {
        this.views = views;
        this.invitations = invitations;
        this.memberships = memberships;
        this.updates = updates;
    }

    @EventHandler
    void on(OrganisationEvent event, @SequenceNumber long sequence) {
        Optional<OrganisationView> current = views.find(event.organisationId());
        if (current.isPresent() && current.get().version() >= sequence) {
            return; // delivered before
        }
        Organisation next = event instanceof OrganisationRegistered registered
                ? Organisation.registeredWith(registered)
                : current.orElseThrow(() -> new IllegalStateException("event " + sequence + " of organisation "
                        + event.organisationId() + " arrived before its registration")).organisation().evolve(event);
        if (event instanceof RoundOpened opened) {
            invitations.save(new Invitations.Invitation(opened.invitationToken(), opened.organisationId(),
                    opened.roundId()));
        }
        memberIn(event).ifPresent(member -> updateMemberships(member, next));
        views.save(OrganisationView.of(next));
        updates.updated(event.organisationId());
    }

    private static Optional<String> memberIn(OrganisationEvent event) {
        if (event instanceof MemberAdded added) {
            return Optional.of(added.memberId());
        }
        if (event instanceof MemberChanged changed) {
            return Optional.of(changed.memberId());
        }
        if (event instanceof MemberRemoved removed) {
            return Optional.of(removed.memberId());
        }
        return Optional.empty();
    }

    private void updateMemberships(String accountId, Organisation organisation) {
        List<Membership> others = new ArrayList<>(memberships.of(accountId).stream()
                .filter(membership -> !membership.organisationId().equals(organisation.id()))
                .toList());
        organisation.membership(accountId).ifPresent(others::add);
        memberships.save(accountId, others);
    }

    /** Before a replay rebuilds the read models from the first event. */
    @ResetHandler
    void reset() {
        views.clear();
        invitations.clear();
        memberships.clear();
    }
}
