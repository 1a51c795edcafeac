package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ProjectionsQuery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where each projection stands: its position against the head of the event store, caught up or rebuilding (replaying
 * from the first event, or not yet caught up with what was stored before the start), and how fast it moves. The speed is measured between two looks at least a second apart (the last speed is given in
 * between), so an operator's page that asks every second sees a steady figure; the time left is the distance to
 * the head at that speed.
 */
public final class ProjectionStatusService implements ProjectionsQuery {

    static final Duration SAMPLE = Duration.ofSeconds(1);

    private final Supplier<Collection<String>> names;
    private final Function<String, OptionalLong> positions;
    private final Predicate<String> replaying;
    private final Predicate<String> caughtUp;
    private final LongSupplier head;
    private final LongSupplier nanoTime;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    /**
     * @param names     the projections' names
     * @param positions a projection's position (empty before its first event)
     * @param replaying whether a projection is being rebuilt from the first event
     * @param caughtUp  whether a projection has caught up with the events stored before the start (after that a
     *                  live projection trails the head only by the events in flight: caught up, not rebuilding)
     * @param head      the newest position in the event store
     * @param nanoTime  the clock the speed is measured with ({@link System#nanoTime()})
     */
    public ProjectionStatusService(Supplier<Collection<String>> names, Function<String, OptionalLong> positions,
                                   Predicate<String> replaying, Predicate<String> caughtUp, LongSupplier head,
                                   LongSupplier nanoTime) {
        this.names = Objects.requireNonNull(names, "names");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.replaying = Objects.requireNonNull(replaying, "replaying");
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
        this.head = Objects.requireNonNull(head, "head");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public List<ProjectionStatus> projections(Caller caller) {
        if (!caller.operator()) {
            throw new AccessDenied("Only the operator sees the projections.");
        }
        long newest = head.getAsLong();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (String name : new TreeSet<>(names.get())) {
            statuses.add(status(name, newest));
        }
        return statuses;
    }

    private ProjectionStatus status(String name, long newest) {
        long position = positions.apply(name).orElse(0);
        double speed = speed(name, position);
        boolean rebuilding = replaying.test(name) || !caughtUp.test(name);
        if (!rebuilding) {
            return new ProjectionStatus(name, Status.CAUGHT_UP, position, newest, speed, null, null);
        }
        double percent = newest == 0 ? 100 : Math.min(100, Math.floor(1000.0 * position / newest) / 10);
        Long eta = speed > 0 ? (long) Math.ceil(Math.max(0, newest - position) / speed) : null;
        return new ProjectionStatus(name, Status.REBUILDING, position, newest, speed, percent, eta);
    }

    /** Events per second between the last sample and now, when a second or more apart; else the last speed. */
    private double speed(String name, long position) {
        long now = nanoTime.getAsLong();
        Sample last = samples.get(name);
        if (last == null || position < last.position()) {
            samples.put(name, new Sample(now, position, 0));
            return 0;
        }
        long elapsed = now - last.nanos();
        if (elapsed < SAMPLE.toNanos()) {
            return last.speed();
        }
        double speed = Math.round((position - last.position()) * 10e9 / elapsed) / 10.0;
        samples.put(name, new Sample(now, position, speed));
        return speed;
    }

    private record Sample(long nanos, long position, double speed) {
    }
}
