package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.Invitations;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.testing.InMemoryInvitations;
import nl.klantspiegel.application.testing.InMemoryMemberships;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MemberChanged;
import nl.klantspiegel.domain.organisation.MemberRemoved;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRenamed;
import nl.klantspiegel.domain.organisation.TeamRetired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read models of organisations: each view built from the events in order, the invitation index written when a
 * round opens, each account's memberships kept over all its organisations, redelivered events (older ones and the
 * newest) skipped, every stored update signalled, and a reset clearing all three stores.
 */
class OrganisationViewProjectionTest {

    private static final String ORG = "org-acme";
    private static final String OTHER_ORG = "org-other";
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant CLOSES = T0.plus(Duration.ofDays(14));
    private static final Actor OPERATOR = Actor.operator("operator-1");
    private static final Actor ADMIN = Actor.member("m-admin");
    private static final String LEAD = "m-lead";
    private static final String SALES = "t-sales";
    private static final String SERVICE = "t-service";

    private final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    private final InMemoryInvitations invitations = new InMemoryInvitations();
    private final InMemoryMemberships memberships = new InMemoryMemberships();
    private final OrganisationReadModels readModels = new OrganisationReadModels(views, invitations, memberships);
    private final OrganisationViewProjection projection = new OrganisationViewProjection(readModels);

    @Test
    void builds_the_view_from_the_events_in_order() {
        projection.on(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR, T0), 0);
        projection.on(new MemberAdded(ORG, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T0), 1);
        projection.on(new TeamAdded(ORG, SALES, "Sales", ADMIN, T0), 2);
        projection.on(new TeamAdded(ORG, SERVICE, "Service", ADMIN, T0), 3);
        projection.on(new TeamRenamed(ORG, SALES, "Field sales", ADMIN, T1), 4);
        projection.on(new TeamRetired(ORG, SERVICE, ADMIN, T1), 5);
        projection.on(new MinimumGroupSizeChanged(ORG, 9, ADMIN, T1), 6);
        projection.on(new RoundOpened(ORG, "r-1", "Spring", List.of(SALES), CLOSES, "token-r-1", ADMIN, T1), 7);
        projection.on(new RoundClosed(ORG, "r-1", ADMIN, T1.plusSeconds(5)), 8);

        OrganisationView view = views.find(ORG).orElseThrow();
        assertThat(view.name()).isEqualTo("Acme");
        assertThat(view.version()).isEqualTo(8);
        assertThat(view.minimumGroupSize()).isEqualTo(9);
        assertThat(view.teams()).containsExactly(new Organisation.Team(SALES, "Field sales", false),
                new Organisation.Team(SERVICE, "Service", true));
        assertThat(view.members()).containsExactly(new Organisation.Member(ADMIN.id(), Role.ADMIN, Set.of()));
        assertThat(view.rounds()).containsExactly(new Organisation.Round("r-1", "Spring", List.of(SALES), T1, CLOSES,
                T1.plusSeconds(5), "token-r-1"));
        assertThat(views.all()).containsExactly(new OrganisationViews.Summary(ORG, "Acme"));
    }

    @Test
    void an_opened_round_is_found_by_its_invitation_token() {
        registered(ORG);
        projection.on(new TeamAdded(ORG, SALES, "Sales", ADMIN, T0), 2);
        projection.on(new RoundOpened(ORG, "r-1", "Spring", List.of(), null, "token-r-1", ADMIN, T0), 3);

        assertThat(invitations.find("token-r-1")).contains(new Invitations.Invitation("token-r-1", ORG, "r-1"));
        assertThat(invitations.find("token-r-2")).isEmpty();
    }

    @Test
    void memberships_follow_members_being_added_changed_and_removed() {
        registered(ORG);
        projection.on(new TeamAdded(ORG, SALES, "Sales", ADMIN, T0), 2);
        projection.on(new TeamAdded(ORG, SERVICE, "Service", ADMIN, T0), 3);

        projection.on(new MemberAdded(ORG, LEAD, Role.TEAM_LEAD, List.of(SALES), ADMIN, T0), 4);
        assertThat(memberships.of(LEAD)).containsExactly(new Membership(ORG, LEAD, Role.TEAM_LEAD, Set.of(SALES)));
        assertThat(memberships.of(ADMIN.id())).containsExactly(new Membership(ORG, ADMIN.id(), Role.ADMIN, Set.of()));

        projection.on(new MemberChanged(ORG, LEAD, Role.TEAM_LEAD, List.of(SALES, SERVICE), ADMIN, T0), 5);
        assertThat(memberships.of(LEAD))
                .containsExactly(new Membership(ORG, LEAD, Role.TEAM_LEAD, Set.of(SALES, SERVICE)));

        projection.on(new MemberRemoved(ORG, LEAD, ADMIN, T0), 6);
        assertThat(memberships.of(LEAD)).isEmpty();
        assertThat(memberships.of(ADMIN.id())).hasSize(1);
    }

    @Test
    void an_account_in_two_organisations_keeps_both_memberships() {
        registered(ORG);
        registered(OTHER_ORG);
        projection.on(new MemberAdded(ORG, LEAD, Role.ANALYST, List.of(), ADMIN, T0), 2);
        projection.on(new MemberAdded(OTHER_ORG, LEAD, Role.ADMIN, List.of(), ADMIN, T0), 2);
        assertThat(memberships.of(LEAD)).containsExactlyInAnyOrder(
                new Membership(ORG, LEAD, Role.ANALYST, Set.of()),
                new Membership(OTHER_ORG, LEAD, Role.ADMIN, Set.of()));

        projection.on(new MemberChanged(ORG, LEAD, Role.ADMIN, List.of(), ADMIN, T0), 3);
        assertThat(memberships.of(LEAD)).containsExactlyInAnyOrder(
                new Membership(ORG, LEAD, Role.ADMIN, Set.of()),
                new Membership(OTHER_ORG, LEAD, Role.ADMIN, Set.of()));

        projection.on(new MemberRemoved(OTHER_ORG, LEAD, ADMIN, T0), 3);
        assertThat(memberships.of(LEAD)).containsExactly(new Membership(ORG, LEAD, Role.ADMIN, Set.of()));
    }

    @Test
    void redelivered_events_are_skipped_even_the_registration() {
        registered(ORG);
        MemberAdded leadAdded = new MemberAdded(ORG, LEAD, Role.ANALYST, List.of(), ADMIN, T0);
        projection.on(leadAdded, 2);
        projection.on(new MemberRemoved(ORG, LEAD, ADMIN, T1), 3);
        OrganisationView before = views.find(ORG).orElseThrow();

        projection.on(leadAdded, 2);
        projection.on(new OrganisationRegistered(ORG, "Acme", 5, OPERATOR, T0), 0);

        assertThat(views.find(ORG)).contains(before);
        assertThat(memberships.of(LEAD)).as("not a member again").isEmpty();
    }

    @Test
    void the_newest_event_delivered_again_changes_nothing() {
        registered(ORG);
        projection.on(new TeamAdded(ORG, SALES, "Sales", ADMIN, T0), 2);
        MemberRemoved removed = new MemberRemoved(ORG, ADMIN.id(), ADMIN, T1);
        projection.on(new MemberAdded(ORG, LEAD, Role.ADMIN, List.of(), ADMIN, T0), 3);
        projection.on(removed, 4);
        OrganisationView before = views.find(ORG).orElseThrow();

        projection.on(removed, 4);

        assertThat(views.find(ORG)).contains(before);
        assertThat(views.find(ORG).orElseThrow().version()).isEqualTo(4);
    }

    @Test
    void an_event_before_the_registration_is_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> projection.on(new TeamAdded(ORG, SALES, "Sales", ADMIN, T0), 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("event 2 of organisation " + ORG + " arrived before its registration");
        assertThat(views.find(ORG)).isEmpty();
        assertThat(views.all()).isEmpty();
    }

    @Test
    void a_reset_clears_views_invitations_and_memberships() {
        registered(ORG);
        projection.on(new TeamAdded(ORG, SALES, "Sales", ADMIN, T0), 2);
        projection.on(new RoundOpened(ORG, "r-1", "Spring", List.of(), null, "token-r-1", ADMIN, T0), 3);

        projection.reset();

        assertThat(views.find(ORG)).isEmpty();
        assertThat(views.all()).isEmpty();
        assertThat(invitations.isEmpty()).isTrue();
        assertThat(memberships.isEmpty()).isTrue();
    }

    /**
     * A use case wrote the organisation through at a later version (its command was acknowledged before this
     * projection got to it): catching up overwrites neither the view nor a membership with an older state.
     */
    @Test
    void catching_up_leaves_what_a_command_wrote_through_at_a_later_version() {
        registered(ORG);
        MemberAdded leadAdded = new MemberAdded(ORG, LEAD, Role.ANALYST, List.of(), ADMIN, T0);
        MemberChanged leadChanged = new MemberChanged(ORG, LEAD, Role.ADMIN, List.of(), ADMIN, T1);
        Organisation afterChange = views.find(ORG).orElseThrow().organisation().evolve(leadAdded).evolve(leadChanged);
        readModels.record(OrganisationView.of(afterChange), List.of(leadChanged));

        projection.on(leadAdded, 2);

        assertThat(views.find(ORG).orElseThrow().version()).isEqualTo(3);
        assertThat(memberships.of(LEAD)).containsExactly(new Membership(ORG, LEAD, Role.ADMIN, Set.of()));

        projection.on(leadChanged, 3);
        assertThat(views.find(ORG)).contains(OrganisationView.of(afterChange));
    }

    /**
     * The view is at a later version than the event (written through by a later command), but the event's own index
     * entry was never written (the command that made it was not written through: its node died, or it came from the
     * demo): the projection writes it, from the later state.
     */
    @Test
    void an_event_behind_the_view_still_gets_its_index_entries_from_the_later_state() {
        registered(ORG);
        MemberAdded leadAdded = new MemberAdded(ORG, LEAD, Role.TEAM_LEAD, List.of(), ADMIN, T0);
        TeamAdded salesAdded = new TeamAdded(ORG, SALES, "Sales", ADMIN, T1);
        RoundOpened opened = new RoundOpened(ORG, "r-1", "Spring", List.of(), null, "token-r-1", ADMIN, T1);
        Organisation later = views.find(ORG).orElseThrow().organisation().evolve(leadAdded).evolve(opened)
                .evolve(salesAdded);
        views.save(OrganisationView.of(later));

        projection.on(leadAdded, 2);
        projection.on(opened, 3);

        assertThat(memberships.of(LEAD)).containsExactly(new Membership(ORG, LEAD, Role.TEAM_LEAD, Set.of()));
        assertThat(invitations.find("token-r-1")).contains(new Invitations.Invitation("token-r-1", ORG, "r-1"));
        assertThat(views.find(ORG)).contains(OrganisationView.of(later));
    }

    /** Registered by the operator, with {@link #ADMIN} as its first admin: version 1. */
    private void registered(String organisationId) {
        projection.on(new OrganisationRegistered(organisationId, "Org " + organisationId, 5, OPERATOR, T0), 0);
        projection.on(new MemberAdded(organisationId, ADMIN.id(), Role.ADMIN, List.of(), OPERATOR, T0), 1);
    }
}
