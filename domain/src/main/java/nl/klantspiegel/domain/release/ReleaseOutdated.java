package nl.klantspiegel.domain.release;

/**
 * A release was asked on facts that are no longer current: another release came in between (made on another node,
 * or not yet seen by the facts), or its cutoff is not after the last one's. Nothing is released; ask again.
 */
public final class ReleaseOutdated extends IllegalStateException {
    ReleaseOutdated(String message) {
        super(message);
    }
}
