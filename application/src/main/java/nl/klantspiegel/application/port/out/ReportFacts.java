package nl.klantspiegel.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.report.Completion;

/**
 * What the reports are computed from, kept per round of an organisation: which assessments were started for which
 * team, and the completed ones with their answers. Every write sets a value under the assessment's id, so writing
 * the same thing twice changes nothing.
 */
public interface ReportFacts {

    /** An assessment was started in a round, for a team. */
    void started(String assessmentId, Participation participation);

    /** Where an assessment was started, when it was started through an organisation's invitation. */
    Optional<Participation> participation(String assessmentId);

    /** An assessment of a round was completed. */
    void completed(Participation participation, Completion completion);

    /** Where each of some assessments was started, for those started through an invitation. */
    Map<String, Participation> participations(Collection<String> assessmentIds);

    /**
     * Writes what a batch of events brought, in as few writes as the store allows: the same as {@link #started}
     * for every start and then {@link #completed} for every completion.
     */
    void apply(Changes changes);

    /**
     * A number that changes whenever the organisation's facts may have changed (it may also change when they did
     * not, after a redelivery): what a cache of its reports is checked against.
     */
    long version(String organisationId);

    /** The facts of some of an organisation's rounds. */
    Facts facts(String organisationId, Collection<String> roundIds);

    /**
     * Forgets the facts, before they are built again from the first event. The versions are raised, never lowered:
     * a version once seen never stands for other facts.
     */
    void clear();

    /** What a batch of events brought: assessments started (by id) and completed, each with where it was taken. */
    record Changes(Map<String, Participation> started, List<Filed> completed) {

        public Changes {
            started = Map.copyOf(started);
            completed = List.copyOf(completed);
        }

        public boolean isEmpty() {
            return started.isEmpty() && completed.isEmpty();
        }
    }

    /** A completed assessment with the round and team it is filed under. */
    record Filed(Participation participation, Completion completion) {
    }

    /**
     * @param completions the completed assessments
     * @param started     per round, per team, how many were started
     */
    record Facts(List<Completion> completions, Map<String, Map<String, Integer>> started) {

        public Facts {
            completions = List.copyOf(completions);
            started = Map.copyOf(started);
        }
    }
}
