package nl.klantspiegel.domain.release;

import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a release takes: whole teams of at least the minimum, a closed round's rest pooled, and nothing twice. */
class ReleasesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2026-03-03T00:00:00Z");

    private final Releases none = Releases.none("acme");

    private static List<Unreleased> waiting(String round, String team, int count) {
        List<Unreleased> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Unreleased(round + "-" + team + "-" + i, round, team, T0.plusSeconds(i)));
        }
        return list;
    }

    private static List<Unreleased> all(List<List<Unreleased>> parts) {
        return parts.stream().flatMap(List::stream).toList();
    }

    private static Due due(long after, Set<String> closed, List<Unreleased> completed) {
        return new Due(after, CUTOFF, 5, closed, completed);
    }

    @Test
    void a_team_with_at_least_the_minimum_waiting_is_released_whole_and_one_with_fewer_waits() {
        Due due = due(0, Set.of(), all(List.of(waiting("r1", "a", 6), waiting("r1", "b", 4), waiting("r2", "a", 5))));

        ResultsReleased released = none.release(due, CUTOFF.plusSeconds(5)).orElseThrow();

        assertThat(released.number()).isEqualTo(1);
        assertThat(released.organisationId()).isEqualTo("acme");
        assertThat(released.cutoff()).isEqualTo(CUTOFF);
        assertThat(released.at()).isEqualTo(CUTOFF.plusSeconds(5));
        assertThat(released.minimumGroupSize()).isEqualTo(5);
        assertThat(released.completed()).extracting(Batch::roundId, Batch::teamId, Batch::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", "a", 6),
                        org.assertj.core.groups.Tuple.tuple("r2", "a", 5));
        assertThat(released.completed().get(0).assessmentIds()).isSorted();
    }

    @Test
    void what_stays_behind_in_a_closed_round_is_pooled_once_it_is_enough_and_never_in_an_open_one() {
        List<Unreleased> leftovers = all(List.of(waiting("r1", "a", 3), waiting("r1", "b", 2), waiting("r1", "c", 7)));

        ResultsReleased open = none.release(due(0, Set.of(), leftovers), CUTOFF).orElseThrow();
        assertThat(open.completed()).extracting(Batch::teamId).containsExactly("c");

        ResultsReleased closed = none.release(due(0, Set.of("r1"), leftovers), CUTOFF).orElseThrow();
        assertThat(closed.completed()).extracting(Batch::teamId, Batch::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c", 7), org.assertj.core.groups.Tuple.tuple(null, 5));
        assertThat(closed.completed().get(1).pooled()).isTrue();
        assertThat(closed.completed().get(0).pooled()).isFalse();

        List<Unreleased> tooFew = all(List.of(waiting("r1", "a", 2), waiting("r1", "b", 2)));
        assertThat(none.release(due(0, Set.of("r1"), tooFew), CUTOFF)).as("4 pooled: too few").isEmpty();
    }

    @Test
    void a_release_on_facts_that_miss_the_last_release_or_with_an_old_cutoff_is_outdated() {
        Releases one = none.evolve(none.release(due(0, Set.of(), waiting("r1", "a", 5)), CUTOFF)
                .orElseThrow());
        assertThat(one.last()).isEqualTo(1);
        assertThat(one.lastCutoff()).contains(CUTOFF);

        Due stale = due(0, Set.of(), waiting("r1", "b", 5));
        assertThatThrownBy(() -> one.release(stale, CUTOFF.plusSeconds(3600))).isInstanceOf(ReleaseOutdated.class)
                .hasMessageContaining("release 1");
        Due sameCutoff = new Due(1, CUTOFF, 5, Set.of(), waiting("r1", "b", 5));
        assertThatThrownBy(() -> one.release(sameCutoff, CUTOFF)).isInstanceOf(ReleaseOutdated.class)
                .hasMessageContaining("not after");
        Due ahead = new Due(2, CUTOFF.plusSeconds(3600), 5, Set.of(), waiting("r1", "b", 5));
        assertThatThrownBy(() -> one.release(ahead, CUTOFF.plusSeconds(3600))).isInstanceOf(ReleaseOutdated.class);
        Due next = new Due(1, CUTOFF.plusSeconds(3600), 5, Set.of(), waiting("r1", "b", 5));
        assertThat(one.release(next, CUTOFF.plusSeconds(3600)).orElseThrow().number()).isEqualTo(2);
    }

    @Test
    void a_release_is_made_at_or_after_its_cutoff_and_takes_only_what_came_before_it_once() {
        Due due = due(0, Set.of(), waiting("r1", "a", 5));
        assertThatThrownBy(() -> none.release(due, CUTOFF.minusMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(none.release(due, CUTOFF)).isPresent();
        List<Unreleased> late = List.of(new Unreleased("x", "r1", "a", CUTOFF));
        assertThatThrownBy(() -> due(0, Set.of(), late)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not before the cutoff");
        List<Unreleased> twice = List.of(new Unreleased("x", "r1", "a", T0), new Unreleased("x", "r1", "a", T0));
        assertThatThrownBy(() -> due(0, Set.of(), twice)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Due(-1, CUTOFF, 5, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Due(0, CUTOFF, 0, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> none.release(null, CUTOFF)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> none.release(due, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void releases_follow_each_other_in_one_organisation() {
        ResultsReleased first = none.release(due(0, Set.of(), waiting("r1", "a", 5)), CUTOFF).orElseThrow();
        assertThatThrownBy(() -> Releases.none("other").evolve(first)).isInstanceOf(IllegalArgumentException.class);
        Releases one = none.evolve(first);
        assertThatThrownBy(() -> one.evolve(first)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("release 1 after release 1");
        assertThat(one.organisationId()).isEqualTo("acme");
        assertThat(none.last()).isZero();
        assertThat(none.lastCutoff()).isEmpty();
        assertThat(Releases.restore("acme", 3, CUTOFF).last()).isEqualTo(3);
        assertThat(Releases.restore("acme", 0, null).lastCutoff()).isEmpty();
        assertThatThrownBy(() -> Releases.restore("acme", 2, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Releases.restore("acme", 0, CUTOFF)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Releases.restore("acme", -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Releases.aggregateId("acme")).isEqualTo("acme/releases");
    }

    @Test
    void the_event_holds_what_it_is_given_and_refuses_what_is_no_release() {
        Batch batch = new Batch("r1", null, List.of("x"));
        assertThat(batch.size()).isEqualTo(1);
        assertThatThrownBy(() -> new Batch("r1", "a", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Batch(null, "a", List.of("x"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ResultsReleased("acme", 0, CUTOFF, 5, List.of(), CUTOFF))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ResultsReleased("acme", 1, CUTOFF, 5, null, CUTOFF).completed()).isEmpty();
    }

    /**
     * Whatever arrives in whatever order, through any number of releases: every batch holds at least the minimum, lies
     * in one round and team (or pools a closed round), and no assessment is released twice or before it was waiting.
     */
    @Test
    void over_a_random_stream_every_batch_holds_at_least_the_minimum_and_nothing_is_released_twice() {
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed);
            int minimum = 3 + random.nextInt(5);
            Releases state = Releases.none("acme");
            List<Unreleased> waiting = new ArrayList<>();
            Set<String> released = new HashSet<>();
            Set<String> closed = new HashSet<>();
            Instant cutoff = T0;
            int next = 0;
            for (int hour = 0; hour < 60; hour++) {
                cutoff = cutoff.plusSeconds(3600);
                for (int arriving = random.nextInt(6); arriving > 0; arriving--) {
                    String round = "r" + random.nextInt(3);
                    if (!closed.contains(round) || random.nextInt(4) == 0) {
                        waiting.add(new Unreleased("x" + next++, round, "t" + random.nextInt(4),
                                cutoff.minusSeconds(1 + random.nextInt(3000))));
                    }
                }
                if (random.nextInt(10) == 0) {
                    closed.add("r" + random.nextInt(3));
                }
                Optional<ResultsReleased> made = state.release(new Due(state.last(), cutoff, minimum, closed,
                        waiting), cutoff);
                if (made.isPresent()) {
                    for (Batch batch : made.get().completed()) {
                        assertThat(batch.size()).isGreaterThanOrEqualTo(minimum);
                        assertThat(batch.teamId() != null || closed.contains(batch.roundId())).isTrue();
                        for (String id : batch.assessmentIds()) {
                            Unreleased one = waiting.stream().filter(w -> w.assessmentId().equals(id)).findFirst()
                                    .orElseThrow();
                            assertThat(one.roundId()).isEqualTo(batch.roundId());
                            if (batch.teamId() != null) {
                                assertThat(one.teamId()).isEqualTo(batch.teamId());
                            }
                            assertThat(released.add(id)).as("released once: " + id).isTrue();
                        }
                        waiting.removeIf(one -> batch.assessmentIds().contains(one.assessmentId()));
                    }
                    state = state.evolve(made.get());
                }
            }
            assertThat(released).as("seed %d releases something", seed).isNotEmpty();
        }
    }
}
