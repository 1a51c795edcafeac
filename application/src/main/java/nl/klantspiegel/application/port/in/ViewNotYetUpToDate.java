package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

import java.time.Duration;

/**
 * A change was stored, but the read model did not show it within the allowed time (for instance while it
 * is being rebuilt). Nothing is lost: asking again later shows it.
 */
public final class ViewNotYetUpToDate extends RuntimeException {

    private final AssessmentId id;

    public ViewNotYetUpToDate(AssessmentId id, long version, Duration waited) {
        super("Assessment " + id + " was saved, but its view did not reach version " + version + " within "
                + waited.toMillis() + " ms; ask again shortly.");
        this.id = id;
    }

    /** The assessment that was saved: also a new one, whose id the client would otherwise never learn. */
    public AssessmentId id() {
        return id;
    }
}
