package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whether a projection has caught up with the events stored at start: only when every segment of its processor has
 * reached the end of the stream and stands at or past the head taken at start; an empty store needs no catching up;
 * once caught up it stays so. {@code await} polls until then or gives up with {@link ViewsCatchingUp};
 * {@code progress} reports where each projection stands.
 */
class ProjectionCatchUpTest {

    private static final String VIEWS = "assessment-views";
    private static final long HEAD = 41;

    private final Map<String, FakeProcessor> processors = new HashMap<>();
    private final ProjectionCatchUp catchUp = new ProjectionCatchUp(OptionalLong.of(HEAD), this::processor);

    // ----- isCaughtUp ----------------------------------------------------------------------------------

    @Test
    void a_processor_without_segments_has_not_caught_up() {
        processors.put(VIEWS, new FakeProcessor(Map.of()));
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_at_the_end_of_the_stream_but_below_the_head_has_not_caught_up() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD - 1))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_at_the_head_that_has_not_reached_the_end_of_the_stream_has_not_caught_up() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(false, HEAD + 5))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_without_a_position_has_not_caught_up() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, OptionalLong.empty()))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void a_segment_exactly_at_the_head_has_caught_up() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void every_segment_must_have_caught_up() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD + 3), 1, segment(true, HEAD - 2))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();

        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD + 3), 1, segment(false, HEAD))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();

        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD + 3), 1, segment(true, HEAD))));
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void once_caught_up_it_stays_caught_up_without_asking_the_processor_again() {
        FakeProcessor processor = new FakeProcessor(Map.of(0, segment(true, HEAD)));
        processors.put(VIEWS, processor);
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();

        processor.then(Map.of(0, segment(false, 0))); // e.g. a replay started
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
        assertThat(processor.asked).isEqualTo(1);
    }

    @Test
    void not_having_caught_up_is_not_remembered() {
        FakeProcessor processor = new FakeProcessor(Map.of(0, segment(true, HEAD - 1)));
        processors.put(VIEWS, processor);
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();

        processor.then(Map.of(0, segment(true, HEAD)));
        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
    }

    @Test
    void each_projection_catches_up_on_its_own() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD))));
        processors.put("reports", new FakeProcessor(Map.of(0, segment(true, 3))));

        assertThat(catchUp.isCaughtUp(VIEWS)).isTrue();
        assertThat(catchUp.isCaughtUp("reports")).isFalse();
    }

    @Test
    void an_unknown_projection_has_not_caught_up() {
        assertThat(catchUp.isCaughtUp("no-such-projection")).isFalse();
    }

    @Test
    void with_no_events_stored_at_start_every_projection_has_caught_up() {
        ProjectionCatchUp emptyStore = new ProjectionCatchUp(OptionalLong.empty(), this::processor);
        processors.put(VIEWS, new FakeProcessor(Map.of()));

        assertThat(emptyStore.isCaughtUp(VIEWS)).isTrue();
        assertThat(emptyStore.isCaughtUp("no-such-projection")).isTrue();
    }

    // ----- fromNow -------------------------------------------------------------------------------------

    @Test
    void from_now_takes_the_head_of_the_event_store() {
        ProjectionCatchUp started = ProjectionCatchUp.fromNow(eventsWithHead(new GlobalSequenceTrackingToken(7)),
                this::processor);
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, 6))));

        assertThat(started.progress(List.of(VIEWS)).get(VIEWS).headAtStart()).hasValue(7);
        assertThat(started.isCaughtUp(VIEWS)).isFalse();
    }

    @Test
    void from_now_on_an_empty_event_store_needs_no_catching_up() {
        ProjectionCatchUp started = ProjectionCatchUp.fromNow(eventsWithHead(null), this::processor);

        assertThat(started.isCaughtUp(VIEWS)).isTrue();
        assertThat(started.progress(List.of(VIEWS)).get(VIEWS).headAtStart()).isEmpty();
    }

    @Test
    void from_now_refuses_a_store_whose_head_has_no_position_to_compare_with() {
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

        assertThatThrownBy(() -> ProjectionCatchUp.fromNow(eventsWithHead(positionless), this::processor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the event store's head token a token without a position has no position");
    }

    // ----- await ---------------------------------------------------------------------------------------

    @Test
    void await_returns_as_soon_as_the_projection_has_caught_up() {
        FakeProcessor processor = new FakeProcessor(Map.of(0, segment(true, HEAD - 3)))
                .then(Map.of(0, segment(true, HEAD - 2)))
                .then(Map.of(0, segment(true, HEAD - 1)))
                .then(Map.of(0, segment(true, HEAD)));
        processors.put(VIEWS, processor);

        catchUp.await(VIEWS, "assessment views", Duration.ofMinutes(1));

        assertThat(processor.asked).isEqualTo(4);
    }

    @Test
    void await_gives_up_after_the_timeout() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD - 1))));

        assertThatThrownBy(() -> catchUp.await(VIEWS, "assessment views", Duration.ofMillis(50)))
                .isInstanceOf(ViewsCatchingUp.class)
                .hasMessageContaining("assessment views")
                .hasMessageContaining("50 ms");
        assertThat(catchUp.isCaughtUp(VIEWS)).isFalse();
    }

    /** Not a busy loop: in 300 ms at a 10 ms interval it asks some 30 times; a spinning loop would ask millions. */
    @Test
    void await_polls_at_intervals() {
        FakeProcessor processor = new FakeProcessor(Map.of(0, segment(true, HEAD - 1)));
        processors.put(VIEWS, processor);

        assertThatThrownBy(() -> catchUp.await(VIEWS, "assessment views", Duration.ofMillis(300)))
                .isInstanceOf(ViewsCatchingUp.class);
        assertThat(processor.asked).isBetween(2, 200);
    }

    @Test
    void an_interrupted_await_gives_up_and_stays_interrupted() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(true, HEAD - 1))));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> catchUp.await(VIEWS, "assessment views", Duration.ofMinutes(1)))
                    .isInstanceOf(ViewsCatchingUp.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void await_on_a_caught_up_projection_returns_at_once() {
        FakeProcessor processor = new FakeProcessor(Map.of(0, segment(true, HEAD)));
        processors.put(VIEWS, processor);

        catchUp.await(VIEWS, "assessment views", Duration.ZERO);

        assertThat(processor.asked).isEqualTo(1);
    }

    // ----- progress ------------------------------------------------------------------------------------

    @Test
    void progress_reports_the_lowest_segment_position_against_the_head() {
        processors.put(VIEWS, new FakeProcessor(Map.of(
                0, segment(true, HEAD + 2), 1, segment(false, HEAD - 4), 2, segment(false, OptionalLong.empty()))));
        processors.put("reports", new FakeProcessor(Map.of(0, segment(true, HEAD))));

        Map<String, ProjectionCatchUp.Progress> progress =
                catchUp.progress(List.of(VIEWS, "reports", "no-such-projection"));

        assertThat(progress).isEqualTo(Map.of(
                VIEWS, new ProjectionCatchUp.Progress(OptionalLong.of(HEAD - 4), OptionalLong.of(HEAD), false),
                "reports", new ProjectionCatchUp.Progress(OptionalLong.of(HEAD), OptionalLong.of(HEAD), true),
                "no-such-projection", new ProjectionCatchUp.Progress(OptionalLong.empty(), OptionalLong.of(HEAD), false)));
    }

    @Test
    void progress_of_a_processor_without_positions_has_no_position() {
        processors.put(VIEWS, new FakeProcessor(Map.of(0, segment(false, OptionalLong.empty()))));

        assertThat(catchUp.progress(List.of(VIEWS)).get(VIEWS).position()).isEmpty();
    }

    // ----- construction --------------------------------------------------------------------------------

    @Test
    void the_head_and_the_processors_are_required() {
        assertThatNullPointerException().isThrownBy(() -> new ProjectionCatchUp(null, this::processor))
                .withMessage("headAtStart");
        assertThatNullPointerException().isThrownBy(() -> new ProjectionCatchUp(OptionalLong.empty(), null))
                .withMessage("processors");
    }

    // ----- fakes ---------------------------------------------------------------------------------------

    private Optional<StreamingEventProcessor> processor(String name) {
        return Optional.ofNullable(processors.get(name)).map(FakeProcessor::asProcessor);
    }

    private static EventTrackerStatus segment(boolean caughtUp, long position) {
        return segment(caughtUp, OptionalLong.of(position));
    }

    /** A segment's status: only whether it reached the end of the stream, and its position, are read. */
    private static EventTrackerStatus segment(boolean caughtUp, OptionalLong position) {
        return fake(EventTrackerStatus.class, method -> switch (method) {
            case "isCaughtUp" -> caughtUp;
            case "getCurrentPosition" -> position;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @SuppressWarnings("unchecked")
    private static StreamableMessageSource<?> eventsWithHead(TrackingToken head) {
        return fake(StreamableMessageSource.class, method -> {
            if (method.equals("createHeadToken")) {
                return head;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object to(String method);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> method.getName().equals("toString")
                        ? "fake " + type.getSimpleName() : answer.to(method.getName())));
    }

    /**
     * A projection's processor; only its processing status is read. Each time it is asked it gives the next status
     * of its script, then keeps giving the last one.
     */
    private static final class FakeProcessor {
        private final Deque<Map<Integer, EventTrackerStatus>> script = new ArrayDeque<>();
        private Map<Integer, EventTrackerStatus> current;
        private volatile int asked;

        FakeProcessor(Map<Integer, EventTrackerStatus> status) {
            script.add(status);
        }

        synchronized FakeProcessor then(Map<Integer, EventTrackerStatus> status) {
            script.add(status);
            return this;
        }

        synchronized Map<Integer, EventTrackerStatus> processingStatus() {
            asked++;
            if (!script.isEmpty()) {
                current = script.poll();
            }
            return current;
        }

        StreamingEventProcessor asProcessor() {
            return fake(StreamingEventProcessor.class, method -> {
                if (method.equals("processingStatus")) {
                    return processingStatus();
                }
                throw new UnsupportedOperationException(method);
            });
        }
    }
}
