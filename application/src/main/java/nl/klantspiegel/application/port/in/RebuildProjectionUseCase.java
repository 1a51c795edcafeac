package nl.klantspiegel.application.port.in;

import java.util.OptionalLong;

/** Rebuilding a projection from the first event while the product keeps serving: for the operator. */
public interface RebuildProjectionUseCase {

    /**
     * Starts a rebuild beside the version that answers; returns at once.
     *
     * @throws NotFound             for a projection that does not exist
     * @throws RebuildRefused       for one that is rebuilding already, or cannot be rebuilt while serving
     */
    void rebuild(Caller caller, String projection);

    /** The position of a rebuild under way, if one is. */
    OptionalLong rebuildPosition(String projection);

    /** A rebuild that cannot start (the API answers {@code 409}). */
    final class RebuildRefused extends RuntimeException {
        public RebuildRefused(String message) {
            super(message);
        }
    }
}
