package nl.klantspiegel.application.port.in;

import java.time.Duration;

/**
 * The views are still being brought up to date with the events stored before this process started (after a
 * restart or a crash). Nothing is lost and nothing is shown half: asking again shortly gives the full answer.
 */
public final class ViewsCatchingUp extends RuntimeException {

    public ViewsCatchingUp(String projection, Duration waited) {
        super("The " + projection + " are still being brought up to date after a restart (waited "
                + waited.toMillis() + " ms); ask again shortly.");
    }
}
