package nl.klantspiegel.application.testing.contract;

import nl.klantspiegel.application.port.out.AuditTrail;
import nl.klantspiegel.application.port.out.AuditTrail.Entry;
import nl.klantspiegel.application.port.out.AuditTrail.Head;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link AuditTrail} promises, held to the MongoDB adapter (adapters-persistence) and to the in-memory
 * fake the application's tests use alike, so that the two cannot drift: entries numbered from 1 without gaps, a
 * redelivered event among the last {@value #RECENT} appended once, entries read in the order asked, the organisation's
 * version kept only when higher, an account's organisations replaced as a whole, everything forgotten by a clear.
 */
public abstract class AuditTrailContract {

    /** How many of an organisation's latest event ids every trail recognises as redelivered. */
    public static final int RECENT = 500;

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00.123Z");

    private AuditTrail trail;

    /** A new, empty trail. */
    protected abstract AuditTrail newTrail();

    @BeforeEach
    void anEmptyTrail() {
        trail = newTrail();
    }

    protected static Entry entry(long number, String eventId) {
        return new Entry(number, eventId, T0.plusSeconds(number), "TeamAdded", "MEMBER", "acc-admin",
                Map.of("team", "team-" + number, "name", "Team " + number), "hash-" + number);
    }

    @Test
    void an_empty_trail_counts_nothing() {
        assertThat(trail.head("org-1")).isEqualTo(new Head(0, "", List.of()));
        assertThat(trail.entries("org-1", List.of(1L, 2L))).isEmpty();
        assertThat(trail.organisationVersion("org-1")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void entries_are_numbered_from_one_without_gaps_and_read_in_the_order_asked() {
        for (long number = 1; number <= 12; number++) {
            assertThat(trail.append("org-1", entry(number, "event-" + number))).isTrue();
        }
        assertThat(trail.append("org-2", entry(1, "event-1"))).as("one event filed with two organisations").isTrue();

        assertThat(trail.head("org-1").count()).isEqualTo(12);
        assertThat(trail.head("org-1").lastHash()).isEqualTo("hash-12");
        assertThat(trail.head("org-2")).isEqualTo(new Head(1, "hash-1", List.of("event-1")));
        assertThat(trail.entries("org-1", List.of(12L, 3L, 99L, 10L, 0L, 1L))).extracting(Entry::number)
                .containsExactly(12L, 3L, 10L, 1L);
        assertThat(trail.entries("org-1", List.of(2L))).containsExactly(entry(2, "event-2"));
        assertThat(trail.entries("org-3", List.of(1L))).isEmpty();
    }

    @Test
    void a_number_that_does_not_follow_the_head_is_refused_and_changes_nothing() {
        trail.append("org-1", entry(1, "event-1"));

        assertThatThrownBy(() -> trail.append("org-1", entry(3, "event-3")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.append("org-1", entry(1, "event-1b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.append("org-2", entry(2, "event-x")))
                .as("the first entry of a trail is number 1").isInstanceOf(IllegalArgumentException.class);

        assertThat(trail.head("org-1")).isEqualTo(new Head(1, "hash-1", List.of("event-1")));
        assertThat(trail.head("org-2").count()).isZero();
    }

    @Test
    void a_redelivered_event_among_the_recent_ones_is_appended_once() {
        for (int number = 1; number <= RECENT + 3; number++) {
            trail.append("org-1", entry(number, "event-" + number));
        }

        Head head = trail.head("org-1");
        assertThat(head.count()).isEqualTo(RECENT + 3);
        assertThat(head.recentEventIds())
                .containsExactlyElementsOf(IntStream.rangeClosed(4, RECENT + 3).mapToObj(n -> "event-" + n).toList());
        assertThat(trail.append("org-1", entry(RECENT + 4, "event-4"))).isFalse();
        assertThat(trail.append("org-1", entry(RECENT + 3, "event-" + (RECENT + 3)))).as("even under its own number")
                .isFalse();
        assertThat(trail.append("org-1", entry(RECENT + 4, "event-3")))
                .as("an event older than the recent ones is no longer recognised").isTrue();
    }

    @Test
    void the_organisation_version_is_kept_only_when_higher() {
        trail.recordOrganisationVersion("org-1", 7);
        trail.recordOrganisationVersion("org-1", 5);
        trail.recordOrganisationVersion("org-2", 1);

        assertThat(trail.organisationVersion("org-1")).isEqualTo(OptionalLong.of(7));
        assertThat(trail.organisationVersion("org-2")).isEqualTo(OptionalLong.of(1));

        trail.recordOrganisationVersion("org-1", 9);
        assertThat(trail.organisationVersion("org-1")).isEqualTo(OptionalLong.of(9));
    }

    @Test
    void a_version_noted_before_the_first_entry_leaves_the_trail_empty_and_appendable() {
        trail.recordOrganisationVersion("org-1", 3);

        assertThat(trail.head("org-1")).isEqualTo(new Head(0, "", List.of()));
        assertThat(trail.append("org-1", entry(1, "event-1"))).isTrue();
        assertThat(trail.head("org-1")).isEqualTo(new Head(1, "hash-1", List.of("event-1")));
        assertThat(trail.organisationVersion("org-1")).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void an_accounts_organisations_are_replaced_as_a_whole() {
        assertThat(trail.organisationsOf("acc-1")).isEmpty();

        trail.setOrganisationsOf("acc-1", List.of("org-2", "org-1"));
        trail.setOrganisationsOf("acc-2", List.of("org-3"));
        assertThat(trail.organisationsOf("acc-1")).containsExactly("org-2", "org-1");

        trail.setOrganisationsOf("acc-1", List.of("org-1"));
        assertThat(trail.organisationsOf("acc-1")).containsExactly("org-1");
        assertThat(trail.organisationsOf("acc-2")).containsExactly("org-3");
    }

    @Test
    void a_clear_forgets_everything_and_the_trail_begins_again_at_one() {
        trail.append("org-1", entry(1, "event-1"));
        trail.append("org-1", entry(2, "event-2"));
        trail.setOrganisationsOf("acc-1", List.of("org-1"));
        trail.recordOrganisationVersion("org-1", 4);

        trail.clear();

        assertThat(trail.head("org-1")).isEqualTo(new Head(0, "", List.of()));
        assertThat(trail.entries("org-1", List.of(1L, 2L))).isEmpty();
        assertThat(trail.organisationsOf("acc-1")).isEmpty();
        assertThat(trail.organisationVersion("org-1")).isEqualTo(OptionalLong.empty());
        assertThat(trail.append("org-1", entry(1, "event-1"))).isTrue();
        assertThat(trail.head("org-1")).isEqualTo(new Head(1, "hash-1", List.of("event-1")));
    }
}
