package nl.klantspiegel.application.port.in;

import java.time.Duration;

/** A change was stored, but its view did not show it within the allowed time. Nothing is lost: ask again shortly. */
public final class ChangeNotYetVisible extends RuntimeException {

    public ChangeNotYetVisible(String what, long version, Duration waited) {
        super(what + " was saved, but its view did not reach version " + version + " within " + waited.toMillis()
                + " ms; ask again shortly.");
    }
}
