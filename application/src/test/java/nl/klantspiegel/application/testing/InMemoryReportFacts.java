package nl.klantspiegel.application.testing;

import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Completion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reports' facts in memory, keeping the port's promises as the MongoDB adapter does: per assessment its
 * participation, per round of an organisation the completed ones and the releases that showed them, each set under
 * the assessment's id (writing the same thing twice changes nothing), and per organisation its last release, a counter
 * of completions filed and a version raised by every release written and by a clear (for every organisation with a
 * release or a completion). Completions come back in the order their ids were first written, like the fields of a
 * round's document. Counts the reads of {@link #facts}, so that a test can see whether a cache asked again.
 */
public final class InMemoryReportFacts implements ReportFacts {

    private final Map<String, Participation> participations = new HashMap<>();
    private final Map<String, Round> rounds = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Long> completions = new HashMap<>();
    private final Map<String, Long> lastRelease = new HashMap<>();
    private final Map<String, Instant> lastCutoff = new HashMap<>();
    private int factsReads;
    private final List<Changes> applied = new ArrayList<>();

    @Override
    public synchronized Map<String, Participation> participations(Collection<String> assessmentIds) {
        Map<String, Participation> found = new HashMap<>();
        for (String id : assessmentIds) {
            Participation participation = participations.get(id);
            if (participation != null) {
                found.put(id, participation);
            }
        }
        return found;
    }

    @Override
    public synchronized void apply(Changes changes) {
        applied.add(changes);
        changes.started().forEach((id, started) -> participations.put(id, started.participation()));
        changes.completed().forEach(filed -> round(filed.participation().organisationId(),
                filed.participation().roundId()).completed.put(filed.completion().assessmentId(), filed.completion()));
        changes.completed().forEach(filed -> completions.merge(filed.participation().organisationId(), 1L, Long::sum));
    }

    @Override
    public synchronized long completions(String organisationId) {
        return completions.getOrDefault(organisationId, 0L);
    }

    @Override
    public synchronized void released(ResultsReleased release) {
        for (ResultsReleased.Batch batch : release.completed()) {
            Round round = round(release.organisationId(), batch.roundId());
            batch.assessmentIds().forEach(id -> round.completionMarks.put(id, mark(release, batch)));
        }
        if (release.number() > lastRelease.getOrDefault(release.organisationId(), 0L)) {
            lastRelease.put(release.organisationId(), release.number());
            lastCutoff.put(release.organisationId(), release.cutoff());
        }
        versions.merge(release.organisationId(), 1L, Long::sum);
    }

    private static Mark mark(ResultsReleased release, ResultsReleased.Batch batch) {
        return new Mark(release.number(), release.at(), batch.pooled());
    }

    @Override
    public synchronized long version(String organisationId) {
        return versions.getOrDefault(organisationId, 0L);
    }

    @Override
    public synchronized Facts facts(String organisationId, Collection<String> roundIds) {
        factsReads++;
        List<CompletedFact> completed = new ArrayList<>();
        for (String roundId : roundIds) {
            Round round = rounds.get(organisationId + "/" + roundId);
            if (round == null) {
                continue;
            }
            round.completed.forEach((id, completion) -> completed.add(new CompletedFact(completion,
                    Optional.ofNullable(round.completionMarks.get(id)))));
        }
        long last = lastRelease.getOrDefault(organisationId, 0L);
        return new Facts(completed, last, Optional.ofNullable(lastCutoff.get(organisationId)));
    }

    @Override
    public synchronized void clear() {
        participations.clear();
        rounds.clear();
        lastRelease.clear();
        lastCutoff.clear();
        // every organisation with a release or a completion filed: a version once seen never stands for other facts
        completions.keySet().forEach(organisation -> versions.putIfAbsent(organisation, 0L));
        versions.replaceAll((organisation, version) -> version + 1);
    }

    /** Every batch written through {@link #apply}, in order. */
    public synchronized List<Changes> applied() {
        return List.copyOf(applied);
    }

    /** How often {@link #facts} was called. */
    public synchronized int factsReads() {
        return factsReads;
    }

    /** Whether no fact is kept (the versions stay: they are never lowered). */
    public synchronized boolean isEmpty() {
        return participations.isEmpty() && rounds.isEmpty();
    }

    private Round round(String organisationId, String roundId) {
        return rounds.computeIfAbsent(organisationId + "/" + roundId, key -> new Round());
    }

    private static final class Round {
        private final Map<String, Completion> completed = new LinkedHashMap<>();
        private final Map<String, Mark> completionMarks = new HashMap<>();
    }
}
