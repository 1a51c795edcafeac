package nl.klantspiegel.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Completion;

/**
 * What the reports are computed from: where each assessment started through an invitation was taken, and per round of
 * an organisation the completed ones with their answers and the release that showed each, if one did. Every
 * write sets a value under the assessment's id, so writing the same thing twice changes nothing.
 */
public interface ReportFacts {

    /** Where each of some assessments was started, for those started through an invitation. */
    Map<String, Participation> participations(Collection<String> assessmentIds);

    /** Where an assessment was started, when it was started through an invitation. */
    default Optional<Participation> participation(String assessmentId) {
        return Optional.ofNullable(participations(List.of(assessmentId)).get(assessmentId));
    }

    /** Writes what a batch of events brought, in as few writes as the store allows. */
    void apply(Changes changes);

    /**
     * Marks what a release showed: every completed assessment of its batches with the release, and the organisation's
     * last release. Writing it twice changes nothing.
     */
    void released(ResultsReleased release);

    /**
     * A number that changes whenever the organisation's released results may have changed (a release, a reset; it
     * may also change when they did not): what a cache of its released results is checked against. New completions
     * that no release shows do not change it.
     */
    long version(String organisationId);

    /**
     * A number raised whenever a completion of the organisation is filed (again, too, when one is delivered twice),
     * never lowered: what a look for due releases that found nothing is checked against, on any node.
     */
    long completions(String organisationId);

    /** The facts of some of an organisation's rounds, and its last release. */
    Facts facts(String organisationId, Collection<String> roundIds);

    /**
     * Forgets the facts, before they are built again from the first event. The versions are raised, never lowered:
     * a version once seen never stands for other facts.
     */
    void clear();

    /** An assessment started through an invitation: where, and when. */
    record Started(Participation participation, Instant at) {
        public Started {
            Objects.requireNonNull(participation, "participation");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What a batch of events brought: assessments started (by id) and completed, each with where it was taken. */
    record Changes(Map<String, Started> started, List<Filed> completed) {

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
     * The release that showed an assessment.
     *
     * @param releasedAt when the release was made: the period its results count in
     * @param pooled     whether it was released in a pooled batch (counted for the organisation only)
     */
    record Mark(long release, Instant releasedAt, boolean pooled) {
        public Mark {
            Objects.requireNonNull(releasedAt, "releasedAt");
        }
    }

    /** A completed assessment and the release that showed it, if one did. */
    record CompletedFact(Completion completion, Optional<Mark> release) {
        public CompletedFact {
            Objects.requireNonNull(completion, "completion");
            Objects.requireNonNull(release, "release");
        }
    }

    /**
     * @param lastRelease the organisation's last release (0: none yet)
     * @param lastCutoff  its cutoff, if there was one
     */
    record Facts(List<CompletedFact> completed, long lastRelease, Optional<Instant> lastCutoff) {

        public Facts {
            completed = List.copyOf(completed);
            Objects.requireNonNull(lastCutoff, "lastCutoff");
        }
    }
}
