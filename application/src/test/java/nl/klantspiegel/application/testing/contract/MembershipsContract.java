package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.Memberships;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Memberships} promises, held to the MongoDB adapter and the in-memory fake alike: an account's
 * memberships by organisation, each kept at the latest organisation version recorded (writers may come in any order),
 * a removal recorded as none, one organisation's record leaving the others alone.
 */
public abstract class MembershipsContract {

    private Memberships memberships;

    /** A new store without memberships. */
    protected abstract Memberships newMemberships();

    @BeforeEach
    void noMemberships() {
        memberships = newMemberships();
    }

    private static Membership membership(String organisation, String account, Role role, String... teams) {
        return new Membership(organisation, account, role, Set.of(teams));
    }

    @Test
    void an_account_has_none_until_one_is_recorded() {
        assertThat(memberships.of("acc-1")).isEmpty();

        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 1);

        assertThat(memberships.of("acc-1")).containsExactly(membership("org-a", "acc-1", Role.ADMIN));
        assertThat(memberships.of("acc-2")).isEmpty();
    }

    @Test
    void an_accounts_memberships_are_read_back_in_the_order_first_recorded() {
        memberships.record("acc-1", "org-2", Optional.of(membership("org-2", "acc-1", Role.TEAM_LEAD, "t-b")), 3);
        memberships.record("acc-1", "org-1", Optional.of(membership("org-1", "acc-1", Role.ADMIN)), 3);
        memberships.record("acc-1", "org-3", Optional.of(membership("org-3", "acc-1", Role.ANALYST)), 3);
        memberships.record("acc-1", "org-2", Optional.of(membership("org-2", "acc-1", Role.ANALYST)), 4);

        assertThat(memberships.of("acc-1")).extracting(Membership::organisationId)
                .containsExactly("org-2", "org-1", "org-3");
    }

    @Test
    void an_equal_version_changes_nothing() {
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ANALYST)), 3);
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 3);
        memberships.record("acc-1", "org-a", Optional.empty(), 3);

        assertThat(memberships.of("acc-1")).containsExactly(membership("org-a", "acc-1", Role.ANALYST));
    }

    @Test
    void a_later_version_replaces_an_earlier_one_and_never_the_other_way_round() {
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ANALYST)), 3);
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 2);

        assertThat(memberships.of("acc-1")).containsExactly(membership("org-a", "acc-1", Role.ANALYST));

        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.TEAM_LEAD, "t-2", "t-1")),
                4);

        assertThat(memberships.of("acc-1")).containsExactly(membership("org-a", "acc-1", Role.TEAM_LEAD, "t-1", "t-2"));
    }

    @Test
    void a_removal_is_a_version_too_an_earlier_membership_does_not_bring_it_back() {
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 1);
        memberships.record("acc-1", "org-a", Optional.empty(), 2);
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 1);

        assertThat(memberships.of("acc-1")).isEmpty();

        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ANALYST)), 3);

        assertThat(memberships.of("acc-1")).containsExactly(membership("org-a", "acc-1", Role.ANALYST));
    }

    @Test
    void one_organisations_record_leaves_the_accounts_others_and_other_accounts_alone() {
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 5);
        memberships.record("acc-1", "org-b", Optional.of(membership("org-b", "acc-1", Role.ANALYST)), 1);
        memberships.record("acc-2", "org-a", Optional.of(membership("org-a", "acc-2", Role.ANALYST)), 5);

        memberships.record("acc-1", "org-a", Optional.empty(), 6);

        assertThat(memberships.of("acc-1")).containsExactly(membership("org-b", "acc-1", Role.ANALYST));
        assertThat(memberships.of("acc-2")).containsExactly(membership("org-a", "acc-2", Role.ANALYST));
    }

    @Test
    void clearing_forgets_every_accounts_memberships_and_their_versions() {
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ADMIN)), 5);
        memberships.record("acc-2", "org-b", Optional.of(membership("org-b", "acc-2", Role.ADMIN)), 1);

        memberships.clear();

        assertThat(memberships.of("acc-1")).isEmpty();
        assertThat(memberships.of("acc-2")).isEmpty();
        memberships.record("acc-1", "org-a", Optional.of(membership("org-a", "acc-1", Role.ANALYST)), 1);
        assertThat(memberships.of("acc-1")).as("a rebuild records from version 1 again")
                .containsExactly(membership("org-a", "acc-1", Role.ANALYST));
    }
}
