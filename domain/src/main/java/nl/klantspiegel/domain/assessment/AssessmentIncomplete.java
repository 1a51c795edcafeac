package nl.klantspiegel.domain.assessment;

import java.util.List;
import java.util.stream.Collectors;

/** An assessment can only be completed once every question has an answer. */
public final class AssessmentIncomplete extends IllegalStateException {

    private final List<Integer> unanswered;

    AssessmentIncomplete(String assessmentId, List<Integer> unanswered) {
        super("Assessment " + assessmentId + " cannot be completed yet: question"
                + (unanswered.size() == 1 ? " " : "s ")
                + unanswered.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (unanswered.size() == 1 ? " has" : " have") + " no answer.");
        this.unanswered = List.copyOf(unanswered);
    }

    public List<Integer> unanswered() {
        return unanswered;
    }
}
