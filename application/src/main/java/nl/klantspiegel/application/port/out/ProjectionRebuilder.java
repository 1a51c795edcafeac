package nl.klantspiegel.application.port.out;

import java.util.OptionalLong;

/**
 * Rebuilds a projection from the first event beside the version of its read models that answers (blue/green), one
 * rebuild per projection at a time on all nodes together: the event processors and the claims in the shared token
 * store that this takes are an adapter's.
 */
public interface ProjectionRebuilder {

    /** Whether this node can rebuild a projection of this name (it knows it and runs its live processor). */
    boolean rebuilds(String projection);

    /**
     * Starts a rebuild and returns at once; it goes on in the background.
     *
     * @throws AlreadyRebuilding when the projection is being rebuilt already, on this node or another
     * @throws IllegalArgumentException for a projection it does not {@link #rebuilds rebuild}
     */
    void start(String projection);

    /** The position of a rebuild under way (on another node: as its last heartbeat said); empty when none is. */
    OptionalLong position(String projection);

    /** A rebuild of the projection is under way already. */
    final class AlreadyRebuilding extends RuntimeException {
        public AlreadyRebuilding(String projection) {
            super("Projection " + projection + " is being rebuilt already");
        }
    }
}
