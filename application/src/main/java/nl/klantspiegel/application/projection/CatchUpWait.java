package nl.klantspiegel.application.projection;

import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.application.port.out.ProjectionProgress;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * What a use case does before it reads a view: waits until the projections that write it have caught up with the
 * events stored before this node started (right after a start, a view may lack what was acknowledged before it), at
 * most the read-your-writes timeout, then answers {@link ViewsCatchingUp} (503, try again).
 */
public final class CatchUpWait {

    /** How often the progress is looked at again while waiting. */
    static final Duration POLL = Duration.ofMillis(25);

    private final ProjectionProgress progress;
    private final Duration timeout;

    /**
     * A projection's views as a use case waits for them.
     *
     * @param projection  the processing group
     * @param description what it keeps, for the message ("audit trail")
     */
    public record Views(String projection, String description) {
        public Views {
            Objects.requireNonNull(projection, "projection");
            Objects.requireNonNull(description, "description");
        }
    }

    /** @param timeout how long a request waits at most */
    public CatchUpWait(ProjectionProgress progress, Duration timeout) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** How long a request waits at most. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns as soon as every one of these views has caught up.
     *
     * @throws ViewsCatchingUp naming the first that has not, when the timeout has passed
     */
    public void await(Views... views) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Views view : views) {
            while (!progress.isCaughtUp(view.projection())) {
                if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    throw new ViewsCatchingUp(view.description(), timeout);
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
    }
}
