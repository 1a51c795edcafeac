package nl.klantspiegel.adapter.persistence.eventstore;

import nl.klantspiegel.domain.account.AccountEvent;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.release.ReleaseEvent;
import org.axonframework.serialization.RevisionResolver;

import java.util.Map;

/**
 * The revision of every event's stored shape, written beside it ({@code payloadRevision}). The domain's events are
 * plain records without framework annotations, so their revisions are listed here, in one place: a change of shape
 * raises the revision here and adds an upcaster ({@link AssessmentStartedUpcaster}) that reads the older shape.
 *
 * <ul>
 *     <li>{@code AssessmentStarted} 2: gained {@code participation} (where it was taken: organisation, round,
 *     team; none for the public test). Revision 1, and events stored before revisions were written (no revision),
 *     may lack it.</li>
 *     <li>Every other event: 1, its first shape.</li>
 * </ul>
 */
public final class EventRevisions implements RevisionResolver {

    private static final Map<Class<?>, String> CHANGED = Map.of(AssessmentStarted.class, "2");

    @Override
    public String revisionOf(Class<?> payloadType) {
        String changed = CHANGED.get(payloadType);
        if (changed != null) {
            return changed;
        }
        boolean event = AssessmentEvent.class.isAssignableFrom(payloadType)
                || OrganisationEvent.class.isAssignableFrom(payloadType)
                || AccountEvent.class.isAssignableFrom(payloadType)
                || ReleaseEvent.class.isAssignableFrom(payloadType);
        return event ? "1" : null;
    }
}
