package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.OrganisationViews.Summary;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link OrganisationViews} promises, held to the MongoDB adapter and the in-memory fake alike: a view is
 * read back as it was saved, every field of it; a later version replaces it and an earlier or equal one never does, so
 * that writers may come in any order; every organisation is listed once, in the order they were registered, a rename
 * keeping its place; a clear forgets every view and the list. Times are whole milliseconds, as the shared store keeps
 * them.
 */
public abstract class OrganisationViewsContract {

    public static final Instant OPENED = Instant.parse("2026-11-22T09:00:00.123Z");
    public static final Instant CLOSES = Instant.parse("2026-12-01T17:00:00Z");
    public static final Instant CLOSED = Instant.parse("2026-11-25T08:30:15.007Z");

    private OrganisationViews views;

    /** A new store without organisations. */
    protected abstract OrganisationViews newViews();

    @BeforeEach
    void noOrganisationsYet() {
        views = newViews();
    }

    @Test
    void an_empty_store_has_no_view_and_lists_nothing() {
        assertThat(views.find("org-1")).isEmpty();
        assertThat(views.all()).isEmpty();
    }

    @Test
    void a_full_view_is_read_back_as_it_was_saved() {
        OrganisationView view = fullView("org-1", "Acme");

        views.save(view);

        assertThat(views.find("org-1")).contains(view);
        assertThat(views.find("org-2")).as("an unknown organisation").isEmpty();
    }

    @Test
    void an_organisation_without_teams_members_or_rounds_is_read_back() {
        OrganisationView bare = new OrganisationView("org-1", "Bare", 5, List.of(), List.of(), List.of(), 0);

        views.save(bare);

        assertThat(views.find("org-1")).contains(bare);
    }

    @Test
    void a_later_version_replaces_the_view_and_an_earlier_or_equal_one_never_does() {
        OrganisationView first = fullView("org-1", "Acme");
        views.save(first);
        OrganisationView later = new OrganisationView("org-1", "Acme", 7,
                List.of(new Organisation.Team("t-9", "Only team", false)), List.of(), List.of(), 42);

        views.save(later);
        assertThat(views.find("org-1")).contains(later);

        views.save(first);
        views.save(new OrganisationView("org-1", "Acme", 9, List.of(), List.of(), List.of(), 42));
        assertThat(views.find("org-1")).as("written in any order, the latest stays").contains(later);
    }

    @Test
    void all_lists_the_organisations_in_the_order_they_were_registered() {
        views.save(fullView("org-b", "Beta"));
        views.save(fullView("org-a", "Alpha"));
        views.save(fullView("org-c", "Gamma"));

        assertThat(views.all()).containsExactly(
                new Summary("org-b", "Beta"), new Summary("org-a", "Alpha"), new Summary("org-c", "Gamma"));
    }

    @Test
    void a_rename_changes_the_name_in_the_list_and_keeps_its_place() {
        views.save(fullView("org-b", "Beta"));
        views.save(fullView("org-a", "Alpha"));

        views.save(withVersion(fullView("org-b", "Beta Renamed"), 42));

        assertThat(views.all()).containsExactly(new Summary("org-b", "Beta Renamed"), new Summary("org-a", "Alpha"));
        assertThat(views.find("org-b").orElseThrow().name()).isEqualTo("Beta Renamed");
    }

    /** A replay or a write-through may come after a later rename: the list keeps the later name, as the view does. */
    @Test
    void an_earlier_version_arriving_after_a_rename_leaves_the_later_name_in_the_list() {
        views.save(fullView("org-b", "Beta"));
        views.save(withVersion(fullView("org-b", "Beta Renamed"), 42));

        views.save(withVersion(fullView("org-b", "Beta"), 41));

        assertThat(views.find("org-b").orElseThrow().name()).isEqualTo("Beta Renamed");
        assertThat(views.all()).containsExactly(new Summary("org-b", "Beta Renamed"));
    }

    @Test
    void saving_again_does_not_list_an_organisation_twice() {
        views.save(fullView("org-a", "Alpha"));
        views.save(fullView("org-b", "Beta"));

        views.save(fullView("org-a", "Alpha"));
        views.save(withVersion(fullView("org-a", "Alpha"), 9));
        views.save(fullView("org-b", "Beta"));

        assertThat(views.all()).containsExactly(new Summary("org-a", "Alpha"), new Summary("org-b", "Beta"));
    }

    @Test
    void a_clear_forgets_every_view_and_the_list_which_begins_again() {
        views.save(fullView("org-a", "Alpha"));
        views.save(fullView("org-b", "Beta"));

        views.clear();

        assertThat(views.find("org-a")).isEmpty();
        assertThat(views.find("org-b")).isEmpty();
        assertThat(views.all()).isEmpty();

        views.save(fullView("org-c", "Gamma"));
        views.save(withVersion(fullView("org-a", "Alpha"), 3));
        assertThat(views.all()).containsExactly(new Summary("org-c", "Gamma"), new Summary("org-a", "Alpha"));
        assertThat(views.find("org-a")).contains(withVersion(fullView("org-a", "Alpha"), 3));
    }

    /**
     * A view with teams (one retired, one with a headcount), members of every role (a lead of two teams) and rounds of
     * every kind, at version 41: for the adapters' own tests too.
     */
    public static OrganisationView fullView(String id, String name) {
        List<Organisation.Team> teams = List.of(
                new Organisation.Team("t-1", "Sales", false),
                new Organisation.Team("t-2", "Support", false, 14),
                new Organisation.Team("t-3", "Old team", true));
        List<Organisation.Member> members = List.of(
                new Organisation.Member("acc-admin", Role.ADMIN, Set.of()),
                new Organisation.Member("acc-lead", Role.TEAM_LEAD, Set.of("t-2", "t-1")),
                new Organisation.Member("acc-analyst", Role.ANALYST, Set.of()));
        List<Organisation.Round> rounds = List.of(
                new Organisation.Round("r-1", "Spring, everyone", List.of(), OPENED.minusSeconds(86_400), null, null,
                        "invite-r-1"),
                new Organisation.Round("r-2", "Autumn, team 2", List.of("t-2"), OPENED, CLOSES, CLOSED,
                        "invite-r-2"),
                new Organisation.Round("r-3", "Winter, two teams", List.of("t-2", "t-1"), OPENED, CLOSES, null,
                        "invite-" + id),
                new Organisation.Round("r-4", "Later", List.of("t-1"), OPENED, OPENED.plusSeconds(7200), CLOSES, null,
                        "invite-r-4", false));
        return new OrganisationView(id, name, 5, teams, members, rounds, 41);
    }

    /** The same view under another version. */
    public static OrganisationView withVersion(OrganisationView view, long version) {
        return new OrganisationView(view.id(), view.name(), view.minimumGroupSize(), view.teams(), view.members(),
                view.rounds(), version);
    }
}
