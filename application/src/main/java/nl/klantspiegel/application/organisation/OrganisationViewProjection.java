package nl.klantspiegel.application.organisation;

import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the read models of organisations ({@link OrganisationReadModels}) from the events: for whatever no use case
 * wrote through (a command that had not written them when its node died, the demo), and for a rebuild. When the stored
 * view is already at or past an event (written through, or delivered before), the event's index entries are written
 * again from that newer state, which the version guards make harmless; otherwise the view evolves by the domain's own
 * rules. A reset clears everything before a rebuild.
 */
@ProcessingGroup(OrganisationViewProjection.PROCESSING_GROUP)
public class OrganisationViewProjection {

    public static final String PROCESSING_GROUP = "organisation-views";
    /** Its views, as a use case waits for them to catch up after a start. */
    public static final CatchUpWait.Views VIEWS = new CatchUpWait.Views(PROCESSING_GROUP, "organisation views");

    private final OrganisationReadModels readModels;

    public OrganisationViewProjection(OrganisationReadModels readModels) {
        this.readModels = readModels;
    }

    @EventHandler
    void on(OrganisationEvent event, @SequenceNumber long sequence) {
        Optional<OrganisationView> current = readModels.views().find(event.organisationId());
        OrganisationView after;
        if (current.isPresent() && current.get().version() >= sequence) {
            after = current.get();
        } else {
            Organisation next = event instanceof OrganisationRegistered registered
                    ? Organisation.registeredWith(registered)
                    : current.orElseThrow(() -> new IllegalStateException("event " + sequence + " of organisation "
                            + event.organisationId() + " arrived before its registration")).organisation().evolve(event);
            after = OrganisationView.of(next);
        }
        readModels.record(after, List.of(event));
    }

    /** Before a replay rebuilds the read models from the first event. */
    @ResetHandler
    void reset() {
        readModels.clear();
    }
}
