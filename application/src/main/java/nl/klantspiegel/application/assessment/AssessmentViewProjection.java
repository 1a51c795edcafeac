package nl.klantspiegel.application.assessment;

import nl.klantspiegel.application.port.in.AssessmentView;
import nl.klantspiegel.application.port.in.RecordedEvent;
import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentId;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the read model of every assessment: its view and its audit trail. Runs in its own streaming
 * processor, so it can be rebuilt by replaying the events (a reset clears the views first). It tolerates
 * redelivery: an event the stored view already reflects is skipped.
 */
@ProcessingGroup(AssessmentViewProjection.PROCESSING_GROUP)
public class AssessmentViewProjection {

    public static final String PROCESSING_GROUP = "assessment-views";

    private final AssessmentViews views;
    private final ViewUpdates updates;

    public AssessmentViewProjection(AssessmentViews views, ViewUpdates updates) {
        this.views = views;
        this.updates = updates;
    }

    @EventHandler
    void on(AssessmentEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        AssessmentId id = new AssessmentId(event.assessmentId());
        Optional<AssessmentView> current = views.find(id);
        if (current.isPresent() && current.get().version() >= sequence) {
            return; // delivered before: recorded already
        }
        AssessmentView next = event instanceof AssessmentStarted started
                ? AssessmentView.of(started)
                : current.orElseThrow(() -> new IllegalStateException(
                        "event " + sequence + " of assessment " + id + " arrived before the assessment's start"))
                .after(event, sequence);
        views.record(next, RecordedEvent.of(sequence, recordedAt, event));
        updates.updated(id);
    }

    /** Before a replay rebuilds the views from the first event. */
    @ResetHandler
    void reset() {
        views.clear();
    }
}
