package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.AnswerChanges;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the answer-change report is computed from: for each assessment of an organisation's round under way, its
 * answers so far and the changes made; for each completed one, in its round's document, its band and its changes.
 */
public interface AnswerChangeFacts {

    Optional<InProgress> inProgress(String assessmentId);

    void save(InProgress assessment);

    /** Files a completed assessment under its round and forgets it as under way. */
    void complete(Participation participation, AnswerChanges.Completed completed);

    /** The completed assessments of these rounds of an organisation. */
    List<AnswerChanges.Completed> completed(String organisationId, Collection<String> roundIds);

    /** Forgets everything: before a rebuild. */
    void clear();

    /**
     * An assessment under way.
     *
     * @param lastSequence the sequence number of the last of its events applied (a redelivered one is older)
     * @param answers      the answer given last to each question
     * @param changes      every change so far, in order
     */
    record InProgress(String assessmentId, Participation participation, long lastSequence,
                      Map<Integer, Option> answers, List<AnswerChanges.Change> changes) {
        public InProgress {
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(participation, "participation");
            answers = Map.copyOf(answers);
            changes = List.copyOf(changes);
        }
    }
}
