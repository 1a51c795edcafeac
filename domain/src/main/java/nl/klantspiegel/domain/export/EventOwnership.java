package nl.klantspiegel.domain.export;

import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.release.ReleaseEvent;

import java.util.Optional;
import java.util.function.Function;

/**
 * Whose an event is, for exports: an organisation's export holds the events of the organisation itself and of the
 * assessments taken in its rounds, and nothing else. Assessments of the public test and accounts belong to no
 * organisation (an account may be a member of several): only the operator's export of everything holds them.
 */
public final class EventOwnership {

    private EventOwnership() {
    }

    /**
     * @param payload      the event
     * @param participation where an assessment was taken, by assessment id (empty: the public test, or not known)
     * @return the organisation the event belongs to, if any
     */
    public static Optional<String> organisationOf(Object payload,
                                                  Function<String, Optional<Participation>> participation) {
        if (payload instanceof OrganisationEvent event) {
            return Optional.of(event.organisationId());
        }
        if (payload instanceof ReleaseEvent event) {
            return Optional.of(event.organisationId());
        }
        if (payload instanceof AssessmentStarted started) {
            return started.participationIfAny().map(Participation::organisationId);
        }
        if (payload instanceof AssessmentEvent event) {
            return participation.apply(event.assessmentId()).map(Participation::organisationId);
        }
        return Optional.empty();
    }
}
