package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

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
 * serves any request, so it covers every event acknowledged before the crash. A projection has caught up once its
 * processor has reached the end of the stored events at least once since the start (every segment says so, which
 * includes the positions it still waits for) and its position has reached that head. From then on it stays caught
 * up for this process: new events reach the views through the live stream, and a request that made one waits for
 * its own view ({@link nl.klantspiegel.application.assessment.ViewUpdates}).
 *
 * <p>It judges the segments this process has claimed. The projections run as one segment each, so that is all of
 * them; a projection split into segments over several instances would need every instance's claims counted.
 */
public final class ProjectionCatchUp {

    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private final OptionalLong headAtStart;
    private final Function<String, Optional<StreamingEventProcessor>> processors;
    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();

    /**
     * @param headAtStart the position of the newest event stored at start; empty when there was none
     * @param processors  the streaming processor of a projection (processing group) by its name
     */
    public ProjectionCatchUp(OptionalLong headAtStart, Function<String, Optional<StreamingEventProcessor>> processors) {
        this.headAtStart = Objects.requireNonNull(headAtStart, "headAtStart");
        this.processors = Objects.requireNonNull(processors, "processors");
    }

    /**
     * Takes the head of {@code events} now: call while starting, before any request is served.
     *
     * @throws IllegalArgumentException when the store's tokens have no position to compare with
     */
    public static ProjectionCatchUp fromNow(StreamableMessageSource<?> events,
                                            Function<String, Optional<StreamingEventProcessor>> processors) {
        TrackingToken head = events.createHeadToken();
        if (head != null && head.position().isEmpty()) {
            throw new IllegalArgumentException("the event store's head token " + head + " has no position");
        }
        return new ProjectionCatchUp(head == null ? OptionalLong.empty() : head.position(), processors);
    }

    /** Whether the views of this projection show at least every event stored before the start. */
    public boolean isCaughtUp(String projection) {
        if (caughtUp.contains(projection)) {
            return true;
        }
        if (headAtStart.isEmpty() || processors.apply(projection).map(this::reachedHead).orElse(false)) {
            caughtUp.add(projection);
            return true;
        }
        return false;
    }

    private boolean reachedHead(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return !segments.isEmpty() && segments.values().stream().allMatch(segment -> segment.isCaughtUp()
                && segment.getCurrentPosition().orElse(Long.MIN_VALUE) >= headAtStart.getAsLong());
    }

    /**
     * Returns as soon as the projection has caught up.
     *
     * @param description what the projection keeps, for the message ("assessment views")
     * @throws ViewsCatchingUp when it has not caught up within {@code timeout}
     */
    public void await(String projection, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isCaughtUp(projection)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new ViewsCatchingUp(description, timeout);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new ViewsCatchingUp(description, timeout);
            }
        }
    }

    /** The position up to which a projection has processed every event; empty before its first. */
    public OptionalLong position(String projection) {
        return processors.apply(projection).map(ProjectionCatchUp::positionOf).orElse(OptionalLong.empty());
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
        for (String projection : projections) {
            progress.put(projection, new Progress(position(projection), headAtStart, isCaughtUp(projection)));
        }
        return progress;
    }

    /** One projection's position, the head at start, and whether it has caught up with it. */
    public record Progress(OptionalLong position, OptionalLong headAtStart, boolean caughtUp) {
    }
}
