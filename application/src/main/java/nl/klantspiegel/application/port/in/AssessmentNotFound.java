package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.assessment.AssessmentId;

/** No assessment has this id. */
public final class AssessmentNotFound extends RuntimeException {
    public AssessmentNotFound(String id) {
        super("There is no assessment with id '" + id + "'.");
    }

    public AssessmentNotFound(AssessmentId id) {
        this(id.value());
    }
}
