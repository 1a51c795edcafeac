package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MemberChanged;
import nl.klantspiegel.domain.organisation.MemberRemoved;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.RoundOpened;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes an organisation's read models: its view, which round an invitation token opens, and the memberships of the
 * accounts its events touch. Two writers use it: the use case, right after a command (so that the next request reads
 * the change on any node), and the projection, for everything else and for a rebuild. They may write in any order:
 * every write is kept only when it is newer than what is stored (a view and a membership carry the organisation's
 * version), and an invitation never changes.
 */
public final class OrganisationReadModels {

    private final OrganisationViews views;
    private final Invitations invitations;
    private final Memberships memberships;

    public OrganisationReadModels(OrganisationViews views, Invitations invitations, Memberships memberships) {
        this.views = Objects.requireNonNull(views, "views");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
    }

    /**
     * Records the organisation as it is after {@code events} (or later), and what those events change in the indexes.
     * The indexes are written before the view, so that whoever sees the view at a version sees the indexes at it too.
     */
    public void record(OrganisationView after, List<OrganisationEvent> events) {
        for (OrganisationEvent event : events) {
            if (event instanceof RoundOpened opened) {
                invitations.save(new Invitations.Invitation(opened.invitationToken(), opened.organisationId(),
                        opened.roundId()));
            }
            memberIn(event).ifPresent(member -> memberships.record(member, after.id(), after.membership(member),
                    after.version()));
        }
        views.save(after);
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

    /** Forgets all of them, before a rebuild from the first event. */
    public void clear() {
        views.clear();
        invitations.clear();
        memberships.clear();
    }

    /** The views, for the projection's own reads. */
    OrganisationViews views() {
        return views;
    }
}
