package nl.klantspiegel.adapter.web.violation;

import nl.klantspiegel.application.port.out.AssessmentViews;
import nl.klantspiegel.domain.assessment.AssessmentId;

/** Deliberately wrong: a controller reading the read model through an outgoing port, past the use cases. */
public class WebUsingAnOutgoingPort {
    Object view(AssessmentViews views, AssessmentId id) {
        return views.find(id);
    }
}
