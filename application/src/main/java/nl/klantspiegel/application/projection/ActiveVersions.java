package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.out.ReadModelVersions;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Which version of each projection's read models answers, as the shared store says, for this node: never a value
 * read longer than {@link #bound()} ago. A value is dated by when its read began, so whatever is used at time t was
 * stored no earlier than t − bound: once a switch is stored, every node answers from the new version — and its live
 * projections write into it — within the bound. The node's timer reads every projection at once about every second
 * ({@link #refresh}); a value that has aged past the bound anyway is read again by whoever needs it, before use.
 */
public final class ActiveVersions {

    private final ReadModelVersions versions;
    private final Duration bound;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Read> reads = new ConcurrentHashMap<>();

    /**
     * A version as read, and when the read began ({@link System#nanoTime()}); version -1: read again. Of two, the one
     * begun later counts (the new one, when begun at the same moment).
     */
    private record Read(int version, long at) {
        static Read later(Read old, Read read) {
            return read.at - old.at >= 0 ? read : old;
        }
    }

    /**
     * @param bound    how old a value may be when used
     * @param nanoTime the clock reads are dated with ({@link System#nanoTime()})
     */
    public ActiveVersions(ReadModelVersions versions, Duration bound, LongSupplier nanoTime) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.bound = Objects.requireNonNull(bound, "bound");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("the bound must be positive: " + bound);
        }
    }

    /** How old a value may be when used: the time every node needs at most to follow a switch. */
    public Duration bound() {
        return bound;
    }

    /** The version of the projection's read models that answers. */
    public int version(String projection) {
        Read read = reads.get(projection);
        if (read != null && read.version >= 0 && nanoTime.getAsLong() - read.at < bound.toNanos()) {
            return read.version;
        }
        long at = nanoTime.getAsLong();
        int version = versions.active(projection);
        return reads.merge(projection, new Read(version, at), Read::later).version == version ? version
                : version(projection);
    }

    /** Reads the answering version of these projections again, at once. */
    public void refresh(Collection<String> projections) {
        long at = nanoTime.getAsLong();
        versions.active(projections).forEach((projection, version) ->
                reads.merge(projection, new Read(version, at), Read::later));
    }

    /** Forgets what was read of a projection and everything being read of it now: the next use reads again. */
    public void forget(String projection) {
        reads.put(projection, new Read(-1, nanoTime.getAsLong()));
    }

    /** The versions this node answers from, by projection (those it has read). */
    public Map<String, Integer> answering() {
        Map<String, Integer> answering = new TreeMap<>();
        reads.forEach((projection, read) -> {
            if (read.version >= 0) {
                answering.put(projection, read.version);
            }
        });
        return answering;
    }
}
