package nl.klantspiegel.domain.assessment;

/** A completed assessment is final: its answers can no longer change. */
public final class AssessmentAlreadyCompleted extends IllegalStateException {
    AssessmentAlreadyCompleted(String assessmentId) {
        super("Assessment " + assessmentId + " is already completed; its answers can no longer change.");
    }
}
