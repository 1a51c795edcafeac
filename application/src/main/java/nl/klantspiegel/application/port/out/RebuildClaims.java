package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who rebuilds which projection, decided in the shared store: at most one claim per projection, made by inserting it
 * when none exists (or taking over one whose heartbeat stopped), kept alive by its owner's heartbeat, and read by
 * every node (to refuse a second rebuild, to show the progress, and to release its segments while the rebuild
 * switches).
 */
public interface RebuildClaims {

    /**
     * Claims the rebuild of {@code claim.projection()}: stores it when there is no claim, or when the one stored has a
     * heartbeat before {@code staleBefore} (its owner stopped; that claim is replaced as one atomic step).
     *
     * @return the claim that was replaced, if one was; empty when there was none
     * @throws Taken when another owner holds a claim with a recent heartbeat
     */
    Optional<Claim> claim(Claim claim, Instant staleBefore);

    /**
     * The owner's heartbeat: stores the claim's stage, position and time, if the owner still holds it.
     *
     * @return {@code false} when the claim is no longer this owner's
     */
    boolean beat(Claim claim);

    /** Removes a claim if it is still exactly {@code claim} (owner and heartbeat): done, or given up. */
    boolean release(Claim claim);

    /** The claims there are for these projections, by projection. */
    Map<String, Claim> find(Collection<String> projections);

    /** Another owner holds the claim. */
    final class Taken extends RuntimeException {
        public Taken(String message) {
            super(message);
        }
    }

    /** What a rebuild is doing: building the new version, or switching to it (every node releases its segments). */
    enum Stage { BUILDING, SWITCHING }

    /**
     * One rebuild.
     *
     * @param owner     the node that rebuilds
     * @param version   the version it builds
     * @param stage     what it is doing
     * @param position  how far the new version has come (the position of the events it covers)
     * @param heartbeat when the owner last said it was alive
     */
    record Claim(String projection, String owner, int version, Stage stage, long position, Instant heartbeat) {
        public Claim {
            Objects.requireNonNull(projection, "projection");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(heartbeat, "heartbeat");
        }

        /** The same claim with a new heartbeat. */
        public Claim beating(Stage stage, long position, Instant heartbeat) {
            return new Claim(projection, owner, version, stage, position, heartbeat);
        }
    }
}
