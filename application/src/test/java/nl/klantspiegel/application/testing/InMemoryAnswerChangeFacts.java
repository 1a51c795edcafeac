package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.report.AnswerChanges;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answer-change facts in memory, as the MongoDB adapter keeps them: keyed by assessment and by round. */
public final class InMemoryAnswerChangeFacts implements AnswerChangeFacts {

    private final Map<String, InProgress> underWay = new HashMap<>();
    private final Map<String, Map<String, AnswerChanges.Completed>> rounds = new HashMap<>();
    private int batches;
    private int lookUps;

    @Override
    public synchronized Optional<InProgress> inProgress(String assessmentId) {
        return Optional.ofNullable(underWay.get(assessmentId));
    }

    @Override
    public synchronized void save(InProgress assessment) {
        underWay.put(assessment.assessmentId(), assessment);
    }

    @Override
    public synchronized void complete(Participation participation, AnswerChanges.Completed completed) {
        rounds.computeIfAbsent(participation.organisationId() + "/" + participation.roundId(),
                key -> new LinkedHashMap<>()).put(completed.assessmentId(), completed);
        underWay.remove(completed.assessmentId());
    }

    /** The defaults' one-by-one writes, counted: how many batches were written. */
    @Override
    public synchronized void apply(Changes changes) {
        batches++;
        AnswerChangeFacts.super.apply(changes);
    }

    /** The look-up of several assessments at once, counted. */
    @Override
    public synchronized Map<String, InProgress> inProgress(Collection<String> assessmentIds) {
        lookUps++;
        return AnswerChangeFacts.super.inProgress(assessmentIds);
    }

    public synchronized int batches() {
        return batches;
    }

    public synchronized int lookUps() {
        return lookUps;
    }

    @Override
    public synchronized List<AnswerChanges.Completed> completed(String organisationId, Collection<String> roundIds) {
        List<AnswerChanges.Completed> found = new ArrayList<>();
        for (String round : roundIds) {
            found.addAll(rounds.getOrDefault(organisationId + "/" + round, Map.of()).values());
        }
        return found;
    }

    @Override
    public synchronized void clear() {
        underWay.clear();
        rounds.clear();
    }

    public synchronized int underWay() {
        return underWay.size();
    }
}
