package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AnswerChangesQuery;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.Provenance;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.out.AnswerChangeFacts;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.AnswerChanges;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.ReleasedBatch;

import java.time.Duration;
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
    private final ProjectionCatchUp catchUp;
    private final Duration timeout;

    public AnswerChangeService(AnswerChangeFacts facts, ReportService reports, ProjectionCatchUp catchUp,
                               Duration timeout) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ReportAnswer<AnswerChangeReport> answerChanges(Caller caller, String organisationId, String roundId) {
        catchUp.await(AnswerChangeProjection.PROCESSING_GROUP, "answer changes", timeout);
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
