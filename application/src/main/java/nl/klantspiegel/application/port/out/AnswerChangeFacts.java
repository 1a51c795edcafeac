package nl.klantspiegel.application.port.out;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.AnswerChanges;

import java.util.Collection;
import java.util.LinkedHashMap;
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

    /** The assessments of these ids that are under way, by id; one look-up (the default asks one by one). */
    default Map<String, InProgress> inProgress(Collection<String> assessmentIds) {
        Map<String, InProgress> found = new LinkedHashMap<>();
        for (String assessmentId : assessmentIds) {
            inProgress(assessmentId).ifPresent(assessment -> found.put(assessmentId, assessment));
        }
        return found;
    }

    /**
     * What a batch of events changed, in this order: the assessments under way saved, then the completed ones filed
     * under their rounds and forgotten as under way (a crash in between makes the batch come again: alike). The
     * default writes one by one; an adapter writes each kind at once.
     */
    default void apply(Changes changes) {
        changes.saved().forEach(this::save);
        changes.completed().forEach(filed -> complete(filed.participation(), filed.completed()));
    }

    /** The completed assessments of these rounds of an organisation. */
    List<AnswerChanges.Completed> completed(String organisationId, Collection<String> roundIds);

    /** Forgets everything: before a rebuild. */
    void clear();

    /** A batch's writes: assessments under way as they stand after it, and those it completed. */
    record Changes(List<InProgress> saved, List<Filed> completed) {
        public Changes {
            saved = List.copyOf(saved);
            completed = List.copyOf(completed);
        }

        public boolean isEmpty() {
            return saved.isEmpty() && completed.isEmpty();
        }
    }

    /** A completed assessment and the round it is filed under. */
    record Filed(Participation participation, AnswerChanges.Completed completed) {
        public Filed {
            Objects.requireNonNull(participation, "participation");
            Objects.requireNonNull(completed, "completed");
        }
    }

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
