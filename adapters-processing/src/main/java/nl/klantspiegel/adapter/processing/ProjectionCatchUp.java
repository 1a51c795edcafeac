package nl.klantspiegel.adapter.processing;

import nl.klantspiegel.application.port.out.ProjectionProgress;
import nl.klantspiegel.application.port.out.SharedTokens;
import nl.klantspiegel.application.port.out.SharedTokens.StoredSegment;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows whether each projection has caught up with the events that were stored when this process started, so
 * that no request is answered from a view that is behind what was acknowledged before a restart or a crash.
 *
 * <p>Why it is needed: an event is acknowledged only once it is durable, but a view's update and the projection's
 * position are written after it and may be lost in a crash. After a restart the projection processes those events
 * again (it skips what the view already shows), and until it has, the view of some assessment may lack its last
 * answers.
 *
 * <p>The head of the event store is taken when this object is made, while the application starts and before it
 * serves any request, so it covers every event acknowledged before the start (on any node). A projection has caught
 * up once every segment of it, as the token store that all nodes share keeps it — whichever node holds its claim, or
 * none — stands at or past that head and has handled every event up to it: a gap in a segment's token at or below
 * the head (a position it passed while an append was still under way) counts only if an event is stored there, and
 * a gap the head itself had (an append under way at start) not at all. The token is written after its batch is
 * handled, so the views hold what it says. Once caught up a projection stays so for this process: new events reach
 * the views through the live stream, and what a request changed it reads from the aggregate or from what was
 * written through before it was answered. Not having caught up is never remembered.
 */
public final class ProjectionCatchUp implements ProjectionProgress {

    /** How long a "not yet" answers for all who ask meanwhile: the shared store is read at most this often. */
    static final long POLL_NANOS = Duration.ofMillis(25).toNanos();

    private final TrackingToken headAtStart;
    private final SharedTokens tokens;
    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> behindSince = new ConcurrentHashMap<>();

    /**
     * @param headAtStart the event store's head token at start; {@code null} when it held no event
     * @param tokens      the token store every node shares
     * @throws IllegalArgumentException when the head has no position to compare with
     */
    public ProjectionCatchUp(TrackingToken headAtStart, SharedTokens tokens) {
        if (headAtStart != null && headAtStart.position().isEmpty()) {
            throw new IllegalArgumentException("the event store's head token " + headAtStart + " has no position");
        }
        this.headAtStart = headAtStart;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Takes the head of {@code events} now: call while starting, before any request is served.
     *
     * @throws IllegalArgumentException when the store's tokens have no position to compare with
     */
    public static ProjectionCatchUp fromNow(StreamableMessageSource<?> events, SharedTokens tokens) {
        return new ProjectionCatchUp(events.createHeadToken(), tokens);
    }

    @Override
    public boolean isCaughtUp(String projection) {
        if (headAtStart == null || caughtUp.contains(projection)) {
            return true;
        }
        Long behind = behindSince.get(projection);
        if (behind != null && System.nanoTime() - behind < POLL_NANOS) {
            return false; // just asked: the shared store is not read again for every waiting request
        }
        if (reachedHead(tokens.segments(projection).values())) {
            caughtUp.add(projection);
            behindSince.remove(projection);
            return true;
        }
        behindSince.put(projection, System.nanoTime());
        return false;
    }

    private boolean reachedHead(Collection<StoredSegment> segments) {
        if (segments.isEmpty()) {
            return false;
        }
        long head = headAtStart.position().getAsLong();
        Set<Long> headGaps = headAtStart instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps() : Set.of();
        Set<Long> open = new TreeSet<>();
        for (StoredSegment segment : segments) {
            TrackingToken token = segment.token() == null ? null : WrappedToken.unwrapLowerBound(segment.token());
            if (token == null || token.position().orElse(Long.MIN_VALUE) < head) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware) {
                gapAware.getGaps().headSet(head + 1).stream().filter(gap -> !headGaps.contains(gap)).forEach(open::add);
            }
        }
        return open.isEmpty() || tokens.written(open).isEmpty();
    }

    /**
     * The position up to which a projection has processed every event, as the shared token store keeps it (its
     * slowest segment that has one); empty before its first.
     */
    @Override
    public OptionalLong position(String projection) {
        return tokens.segments(projection).values().stream()
                .map(StoredSegment::token)
                .filter(Objects::nonNull)
                .map(token -> WrappedToken.unwrapLowerBound(token).position())
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    /** The position up to which a processor has handled every event (its slowest segment); empty before its first. */
    public static OptionalLong positionOf(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    /** Whether every segment of a processor has reached the end of the stored events (none claimed: no). */
    public static boolean reachedEnd(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }

    /** Where every given projection stands against the head at start. */
    public Map<String, Progress> progress(Iterable<String> projections) {
        Map<String, Progress> progress = new TreeMap<>();
        OptionalLong head = headAtStart == null ? OptionalLong.empty() : headAtStart.position();
        for (String projection : projections) {
            progress.put(projection, new Progress(position(projection), head, isCaughtUp(projection)));
        }
        return progress;
    }

    /** One projection's position, the head at start, and whether it has caught up with it. */
    public record Progress(OptionalLong position, OptionalLong headAtStart, boolean caughtUp) {
    }
}
