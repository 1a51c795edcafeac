package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.report.Completion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An organisation's reports as they were at a past moment, computed from the event log: one pass over the events up
 * to the head, keeping those of the organisation and of the assessments taken in its rounds that happened at or
 * before the moment (by the time each event says it happened). The organisation as it was then — its rounds and its
 * minimum group size — and the assessments started and completed by then make a basis like any other, under the
 * same anonymity floor. The cost is the pass: proportional to the whole log, not to the organisation.
 *
 * @param position the newest event position the pass read: the answer reflects the log up to it
 */
record AsOf(Organisation organisation, List<Completion> completions, Map<String, Map<String, Integer>> started,
            long position) {

    static final int WINDOW = 1_000;

    static AsOf replay(EventLog log, String organisationId, Instant moment) {
        long head = log.head();
        Organisation organisation = null;
        Map<String, Participation> where = new HashMap<>();
        Map<String, Map<String, Integer>> started = new HashMap<>();
        List<Completion> completions = new ArrayList<>();
        for (long after = 0; after < head; after = Math.min(after + WINDOW, head)) {
            for (EventLog.StoredEvent stored : log.read(after, head, WINDOW)) {
                Object payload = stored.payload();
                if (payload instanceof OrganisationEvent event && event.organisationId().equals(organisationId)
                        && !event.at().isAfter(moment)) {
                    organisation = event instanceof OrganisationRegistered registered
                            ? Organisation.registeredWith(registered)
                            : organisation == null ? null : organisation.evolve(event);
                } else if (payload instanceof AssessmentStarted start && !start.at().isAfter(moment)) {
                    start.participationIfAny().filter(in -> in.organisationId().equals(organisationId))
                            .ifPresent(in -> {
                                where.put(start.assessmentId(), in);
                                started.computeIfAbsent(in.roundId(), round -> new HashMap<>())
                                        .merge(in.teamId(), 1, Integer::sum);
                            });
                } else if (payload instanceof AssessmentCompleted done && !done.at().isAfter(moment)
                        && where.containsKey(done.assessmentId())) {
                    Participation in = where.get(done.assessmentId());
                    completions.add(new Completion(done.assessmentId(), in.roundId(), in.teamId(), done.at(),
                            done.instrumentVersion(), done.answers(), done.band()));
                }
            }
        }
        if (organisation == null) {
            throw new NotFound("The organisation as of " + moment + " (it did not exist yet)");
        }
        return new AsOf(organisation, completions, started, head);
    }
}
