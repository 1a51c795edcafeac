package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.report.Completion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reports' facts in memory, keeping the port's promises as the MongoDB adapter does: per assessment its
 * participation, per round of an organisation the started assessments (team) and the completed ones, each set under
 * the assessment's id (writing the same thing twice changes nothing), and per organisation a version raised by every
 * write. Completions come back in the order their ids were first written, like the fields of a round's document.
 * Counts the reads of {@link #facts}, so that a test can see whether a cache asked again.
 */
public final class InMemoryReportFacts implements ReportFacts {

    private final Map<String, Participation> participations = new HashMap<>();
    private final Map<String, Round> rounds = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private int factsReads;
    private final List<Changes> applied = new ArrayList<>();

    @Override
    public synchronized void started(String assessmentId, Participation participation) {
        participations.put(assessmentId, participation);
        round(participation).started.put(assessmentId, participation.teamId());
        versions.merge(participation.organisationId(), 1L, Long::sum);
    }

    @Override
    public synchronized Optional<Participation> participation(String assessmentId) {
        return Optional.ofNullable(participations.get(assessmentId));
    }

    @Override
    public synchronized void completed(Participation participation, Completion completion) {
        round(participation).completed.put(completion.assessmentId(), completion);
        versions.merge(participation.organisationId(), 1L, Long::sum);
    }

    @Override
    public synchronized Map<String, Participation> participations(Collection<String> assessmentIds) {
        Map<String, Participation> found = new HashMap<>();
        for (String id : assessmentIds) {
            participation(id).ifPresent(where -> found.put(id, where));
        }
        return found;
    }

    @Override
    public synchronized void apply(Changes changes) {
        applied.add(changes);
        changes.started().forEach(this::started);
        changes.completed().forEach(filed -> completed(filed.participation(), filed.completion()));
    }

    @Override
    public synchronized long version(String organisationId) {
        return versions.getOrDefault(organisationId, 0L);
    }

    @Override
    public synchronized Facts facts(String organisationId, Collection<String> roundIds) {
        factsReads++;
        List<Completion> completions = new ArrayList<>();
        Map<String, Map<String, Integer>> started = new HashMap<>();
        for (String roundId : roundIds) {
            Round round = rounds.get(key(organisationId, roundId));
            if (round == null) {
                continue;
            }
            Map<String, Integer> byTeam = new HashMap<>();
            round.started.values().forEach(team -> byTeam.merge(team, 1, Integer::sum));
            started.put(roundId, Map.copyOf(byTeam));
            completions.addAll(round.completed.values());
        }
        return new Facts(completions, started);
    }

    @Override
    public synchronized void clear() {
        participations.clear();
        rounds.clear();
        versions.replaceAll((organisation, version) -> version + 1);
    }

    /** How often {@link #facts} was called. */
    /** Every batch written through {@link #apply}, in order. */
    public synchronized List<Changes> applied() {
        return List.copyOf(applied);
    }

    public synchronized int factsReads() {
        return factsReads;
    }

    /** Whether no fact is kept (the versions stay: they are never lowered). */
    public synchronized boolean isEmpty() {
        return participations.isEmpty() && rounds.isEmpty();
    }

    private Round round(Participation participation) {
        return rounds.computeIfAbsent(key(participation.organisationId(), participation.roundId()),
                key -> new Round());
    }

    private static String key(String organisationId, String roundId) {
        return organisationId + "/" + roundId;
    }

    private static final class Round {
        private final Map<String, String> started = new LinkedHashMap<>();
        private final Map<String, Completion> completed = new LinkedHashMap<>();
    }
}
