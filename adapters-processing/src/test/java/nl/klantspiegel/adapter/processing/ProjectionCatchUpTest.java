package nl.klantspiegel.adapter.processing;

import nl.klantspiegel.application.testing.InMemorySharedTokens;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whether a projection has caught up with the events stored at start, read from the token store all nodes share:
 * only when every segment of it stands at or past the head taken at start — whichever node holds its claim, or none
 * — and has handled every event up to it (a gap below the head counts if an event is stored there, and not if the
 * head had it too); an empty store needs no catching up; once caught up it stays so. {@code progress} reports
 * where each projection stands.
 */
class ProjectionCatchUpTest {

    private static final String VIEWS = "organisation-views";
    private static final long HEAD = 41;

    private final InMemorySharedTokens tokens = new InMemorySharedTokens();
    private final ProjectionCatchUp catchUp = new ProjectionCatchUp(at(HEAD), tokens);

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static GapAwareTrackingToken gapAware(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    // ----- isCaughtUp ----------------------------------------------------------------------------------

    @Test
    void a_projection_without_segments_in_the_token_store_has_not_caught_up() {
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_before_its_first_event_has_not_caught_up() {
        tokens.put(VIEWS, 0, null, null);
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_below_the_head_has_not_caught_up() {
        tokens.put(VIEWS, 0, at(HEAD - 1), "node-a");
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_exactly_at_the_head_has_caught_up_whichever_node_holds_it_or_none() {
        tokens.put(VIEWS, 0, at(HEAD), "another node");
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();

        ProjectionCatchUp unclaimed = new ProjectionCatchUp(at(HEAD), new InMemorySharedTokens()
                .put(VIEWS, 0, at(HEAD + 7), null));
        assertThat(unclaimed.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void every_segment_must_have_reached_the_head() {
        tokens.put(VIEWS, 0, at(HEAD + 3), "node-a").put(VIEWS, 1, at(HEAD - 2), "node-b");
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();

        ProjectionCatchUp later = new ProjectionCatchUp(at(HEAD), tokens.put(VIEWS, 1, at(HEAD), "node-b"));
        assertThat(later.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void a_segment_being_replayed_counts_where_its_replay_stands() {
        tokens.put(VIEWS, 0, ReplayToken.createReplayToken(at(HEAD + 10), at(HEAD - 5)), "node-a");
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
        assertThat(catchUp.position(VIEWS)).hasValue(HEAD - 5);
    }

    @Test
    void a_gap_below_the_head_where_an_event_is_stored_is_an_event_not_handled_yet() {
        ProjectionCatchUp gapAwareHead = new ProjectionCatchUp(gapAware(HEAD), tokens);
        tokens.put(VIEWS, 0, gapAware(HEAD + 2, 30L), "node-a").written(30L);

        assertThat(gapAwareHead.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_gap_below_the_head_where_no_event_is_stored_is_no_event_at_all() {
        ProjectionCatchUp gapAwareHead = new ProjectionCatchUp(gapAware(HEAD), tokens);
        tokens.put(VIEWS, 0, gapAware(HEAD + 2, 30L, HEAD), "node-a").written(29L, 31L, HEAD - 1);

        assertThat(gapAwareHead.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void a_gap_the_head_had_too_was_an_append_under_way_at_start_and_a_gap_above_the_head_does_not_matter() {
        ProjectionCatchUp gapAwareHead = new ProjectionCatchUp(gapAware(HEAD, 39L), tokens);
        tokens.put(VIEWS, 0, gapAware(HEAD + 5, 39L, HEAD + 1), "node-a").written(39L, HEAD + 1);

        assertThat(gapAwareHead.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void a_gap_at_the_head_itself_counts() {
        ProjectionCatchUp gapAwareHead = new ProjectionCatchUp(gapAware(HEAD), tokens);
        tokens.put(VIEWS, 0, gapAware(HEAD + 5, HEAD), "node-a").written(HEAD);

        assertThat(gapAwareHead.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void gaps_of_every_segment_count() {
        ProjectionCatchUp gapAwareHead = new ProjectionCatchUp(gapAware(HEAD), tokens);
        tokens.put(VIEWS, 0, gapAware(HEAD), "node-a").put(VIEWS, 1, gapAware(HEAD, 12L), "node-b").written(12L);

        assertThat(gapAwareHead.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void once_caught_up_it_stays_caught_up_without_reading_the_store_again() {
        tokens.put(VIEWS, 0, at(HEAD), "node-a");
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
        int reads = tokens.reads();

        tokens.put(VIEWS, 0, at(0), "node-a"); // e.g. a replay started
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
        assertThat(tokens.reads()).isEqualTo(reads);
    }

    @Test
    void not_having_caught_up_answers_for_a_poll_interval_and_is_then_read_again() {
        tokens.put(VIEWS, 0, at(HEAD - 1), "node-a");
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
        int reads = tokens.reads();

        tokens.put(VIEWS, 0, at(HEAD), "node-a");
        assertThat(catchUp.isCaughtUp(VIEWS)).as("asked again at once: the same answer").isFalse();
        assertThat(tokens.reads()).isEqualTo(reads);
        LockSupport.parkNanos(ProjectionCatchUp.POLL_NANOS + TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
        assertThat(tokens.reads()).isEqualTo(reads + 1);
    }

    @Test
    void each_projection_catches_up_on_its_own() {
        tokens.put(VIEWS, 0, at(HEAD), "node-a").put("reports", 0, at(3), "node-b");

        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
        assertThat(catchUp.isCaughtUp("reports")).isFalse();
    }

    @Test
    void with_no_events_stored_at_start_every_projection_has_caught_up_without_reading_the_store() {
        ProjectionCatchUp emptyStore = new ProjectionCatchUp(null, tokens);

        assertThat(emptyStore.isCaughtUp(VIEWS)).isTrue();
        assertThat(emptyStore.isCaughtUp("no-such-projection")).isTrue();
        assertThat(tokens.reads()).isZero();
    }

    // ----- fromNow -------------------------------------------------------------------------------------

    @Test
    void from_now_takes_the_head_of_the_event_store() {
        ProjectionCatchUp started = ProjectionCatchUp.fromNow(eventsWithHead(at(7)), tokens);
        tokens.put(VIEWS, 0, at(6), "node-a");

        assertThat(started.progress(List.of(VIEWS)).get(VIEWS).headAtStart()).hasValue(7);
        assertThat(started.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void from_now_on_an_empty_event_store_needs_no_catching_up() {
        ProjectionCatchUp started = ProjectionCatchUp.fromNow(eventsWithHead(null), tokens);

        assertThat(started.isCaughtUp(VIEWS)).isTrue();
        assertThat(started.progress(List.of(VIEWS)).get(VIEWS).headAtStart()).isEmpty();
    }

    @Test
    void a_store_whose_head_has_no_position_to_compare_with_is_refused() {
        TrackingToken positionless = new TrackingToken() {
            @Override
            public TrackingToken lowerBound(TrackingToken other) {
                return this;
            }

            @Override
            public TrackingToken upperBound(TrackingToken other) {
                return this;
            }

            @Override
            public boolean covers(TrackingToken other) {
                return true;
            }

            @Override
            public String toString() {
                return "a token without a position";
            }
        };

        assertThatThrownBy(() -> ProjectionCatchUp.fromNow(eventsWithHead(positionless), tokens))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the event store's head token a token without a position has no position");
    }

    // ----- progress ------------------------------------------------------------------------------------

    @Test
    void progress_reports_the_lowest_segment_position_against_the_head() {
        tokens.put(VIEWS, 0, at(HEAD + 2), "node-a").put(VIEWS, 1, at(HEAD - 4), "node-b").put(VIEWS, 2, null, null)
                .put("reports", 0, at(HEAD), null);

        Map<String, ProjectionCatchUp.Progress> progress =
                catchUp.progress(List.of(VIEWS, "reports", "no-such-projection"));

        assertThat(progress).isEqualTo(Map.of(
                VIEWS, new ProjectionCatchUp.Progress(OptionalLong.of(HEAD - 4), OptionalLong.of(HEAD), false),
                "reports", new ProjectionCatchUp.Progress(OptionalLong.of(HEAD), OptionalLong.of(HEAD), true),
                "no-such-projection", new ProjectionCatchUp.Progress(OptionalLong.empty(), OptionalLong.of(HEAD),
                        false)));
    }

    @Test
    void progress_of_a_projection_without_positions_has_no_position() {
        tokens.put(VIEWS, 0, null, "node-a");

        assertThat(catchUp.progress(List.of(VIEWS)).get(VIEWS).position()).isEmpty();
    }

    // ----- construction --------------------------------------------------------------------------------

    @Test
    void the_token_store_is_required() {
        assertThatNullPointerException().isThrownBy(() -> new ProjectionCatchUp(at(HEAD), null))
                .withMessage("tokens");
    }

    // ----- fakes ---------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static StreamableMessageSource<?> eventsWithHead(TrackingToken head) {
        return (StreamableMessageSource<?>) Proxy.newProxyInstance(StreamableMessageSource.class.getClassLoader(),
                new Class<?>[]{StreamableMessageSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createHeadToken")) {
                        return head;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

}
