package nl.klantspiegel.domain.export;

import nl.klantspiegel.domain.assessment.AnswerGiven;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentEvent;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.release.ResultsReleased;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an organisation's event export holds of its respondents: no more than its reports show. Its own events (teams,
 * rounds, members, exports: what its admins did) as they are; of its respondents only the released batches, each
 * right after the release that made it, under today's minimum group size:
 * <ul>
 *   <li>the release itself: when, and per batch its round, team (none when pooled) and size — never which
 *       assessments;</li>
 *   <li>per assessment of a batch, its events, named by {@link Pseudonyms pseudonym} instead of by their ids (an
 *       assessment's id is its respondent's key to it), all at the time of the release (the moment someone answered
 *       would tell a colleague who it was), the start without the language the test was taken in and, for a pooled
 *       batch, without the team. What happened when stays in order: every event keeps its sequence number.</li>
 * </ul>
 * Assessments that are not released (not finished, or waiting for their batch) are not in it at all.
 */
public final class OrganisationExport {

    private OrganisationExport() {
    }

    /** A release as an export shows it. */
    public record Release(String organisationId, long number, Instant cutoff, Instant at, int minimumGroupSize,
                          List<Batch> completed) {
        public Release {
            completed = List.copyOf(completed);
        }
    }

    /** A batch as an export shows it: where and how many, not who. */
    public record Batch(String roundId, String teamId, int size) {
    }

    /** An assessment's start as an export shows it: no language, and no team for a pooled batch. */
    public record Start(String assessmentId, int instrumentVersion, String organisationId, String roundId,
                        String teamId, Instant at) {
    }

    /** One line about an assessment: its type, pseudonymous name and sequence, and what it says. */
    public record Line(String type, String aggregateId, String eventId, long sequence, Instant at, Object payload) {
        public Line {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The release with only the batches that count under today's minimum group size. */
    public static Release release(ResultsReleased released, int minimumGroupSize) {
        return new Release(released.organisationId(), released.number(), released.cutoff(), released.at(),
                released.minimumGroupSize(), shown(released.completed(), minimumGroupSize));
    }

    private static List<Batch> shown(List<ResultsReleased.Batch> batches, int minimumGroupSize) {
        return batches.stream().filter(batch -> batch.size() >= minimumGroupSize)
                .map(batch -> new Batch(batch.roundId(), batch.teamId(), batch.size())).toList();
    }

    /** Whether an assessment's batch is in an export under today's minimum group size. */
    public static boolean shown(ResultsReleased.Batch batch, int minimumGroupSize) {
        return batch.size() >= minimumGroupSize;
    }

    /**
     * The lines of one released assessment.
     *
     * @param events its events in order, each with its event id
     */
    public static List<Line> assessment(Pseudonyms pseudonyms, String organisationId, ResultsReleased.Batch batch,
                                        Instant releasedAt, List<IdentifiedEvent> events) {
        List<Line> lines = new ArrayList<>();
        for (IdentifiedEvent identified : events) {
            AssessmentEvent event = identified.event();
            String name = pseudonyms.of(organisationId, event.assessmentId());
            String eventId = pseudonyms.of(organisationId, identified.eventId());
            Object payload;
            if (event instanceof AssessmentStarted started) {
                payload = new Start(name, started.instrumentVersion(), organisationId, batch.roundId(),
                        batch.teamId(), releasedAt);
            } else if (event instanceof AnswerGiven given) {
                payload = new AnswerGiven(name, given.question(), given.option(), releasedAt);
            } else if (event instanceof AssessmentCompleted completed) {
                payload = new AssessmentCompleted(name, completed.instrumentVersion(), completed.answers(),
                        completed.columnTotals(), completed.totalScore(), completed.band(), releasedAt);
            } else {
                throw new IllegalArgumentException("an assessment event of an unknown kind: " + event);
            }
            lines.add(new Line(event.getClass().getSimpleName(), name, eventId, identified.sequence(), releasedAt,
                    payload));
        }
        return lines;
    }

    /** An assessment's event with its id and sequence number, as stored. */
    public record IdentifiedEvent(String eventId, long sequence, AssessmentEvent event) {
        public IdentifiedEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(event, "event");
        }
    }
}
