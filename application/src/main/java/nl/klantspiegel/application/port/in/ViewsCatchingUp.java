package nl.klantspiegel.application.port.in;

import java.time.Duration;

/**
 * The views are still being brought up to date: with the events stored before this process started (after a
 * restart or a crash), or with changes acknowledged moments ago that a lagging projection has not yet recorded.
 * Nothing is lost and nothing is shown half: asking again shortly gives the full answer.
 */
public final class ViewsCatchingUp extends RuntimeException {

    public ViewsCatchingUp(String projection, Duration waited) {
        super("The " + projection + " are still being brought up to date after a restart (waited "
                + waited.toMillis() + " ms); ask again shortly.");
    }

    private ViewsCatchingUp(String message) {
        super(message);
    }

    /** A whole file is asked for while the projection that makes it lags the changes acknowledged before. */
    public static ViewsCatchingUp behind(String projection) {
        return new ViewsCatchingUp("The " + projection + " has not yet recorded every change acknowledged before "
                + "this request; a file is made only of a complete record: ask again shortly.");
    }
}
