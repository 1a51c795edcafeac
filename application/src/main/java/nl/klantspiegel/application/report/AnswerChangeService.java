package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AnswerChangesQuery;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.Provenance;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.AnswerChanges;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.ReleasedBatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers the answer-change report: the changes the {@link AnswerChangeProjection} keeps, of the released batches the
 * reports count — the same batches, so the same anonymity.
 */
public final class AnswerChangeService implements AnswerChangesQuery {

    private final AnswerChangeFacts facts;
    private final ReportService reports;
    private final CatchUpWait caughtUp;

    public AnswerChangeService(AnswerChangeFacts facts, ReportService reports, CatchUpWait caughtUp) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
    }

    @Override
    public ReportAnswer<AnswerChangeReport> answerChanges(Caller caller, String organisationId, String roundId) {
        caughtUp.await(AnswerChangeProjection.VIEWS);
        ReportService.Results results = reports.allResults(caller, organisationId, "Answer changes are reported per "
                + "organisation and round: for its admins and analysts.");
        OrganisationView view = results.view();
        ReleasedResults.Released released = results.released();
        List<String> rounds = view.rounds().stream().map(Organisation.Round::id).toList();
        List<ReleasedBatch> batches = released.basis().batches().stream()
                .filter(batch -> roundId == null || batch.roundId().equals(roundId)).toList();
        if (roundId != null && !rounds.contains(roundId)) {
            throw new NotFound("Round " + roundId);
        }
        Map<String, AnswerChanges.Completed> changes = new HashMap<>();
        facts.completed(view.id(), roundId == null ? rounds : List.of(roundId))
                .forEach(completed -> changes.put(completed.assessmentId(), completed));
        List<AnswerChanges.Batch> withChanges = new ArrayList<>();
        for (ReleasedBatch batch : batches) {
            List<AnswerChanges.Completed> completed = new ArrayList<>();
            for (Completion completion : batch.completions()) {
                AnswerChanges.Completed known = changes.get(completion.assessmentId());
                completed.add(known != null ? known : new AnswerChanges.Completed(completion.assessmentId(),
                        completion.roundId(), completion.band(), List.of()));
            }
            withChanges.add(new AnswerChanges.Batch(batch.roundId(), completed));
        }
        List<AnswerChanges.Group> groups = roundId == null ? AnswerChanges.perRound(withChanges, rounds)
                : AnswerChanges.perBand(withChanges, released.basis().minimumGroupSize());
        return new ReportAnswer<>(new AnswerChangeReport(roundId, groups), view,
                new Provenance(Instruments.current().version(), released.release(),
                        released.basis().minimumGroupSize(), null, null));
    }
}
