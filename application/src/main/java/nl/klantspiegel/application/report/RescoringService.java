package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.in.RescoringQuery;
import nl.klantspiegel.application.port.out.Scorings;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import nl.klantspiegel.domain.scoring.Rescoring;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Applies an analyst's alternative scoring to the stored answers of a round, beside the instrument's own bands. Reads
 * the completed assessments the reports read; changes no event and no respondent's result.
 */
public final class RescoringService implements RescoringQuery {

    private final ReportService reports;
    private final Scorings scorings;

    public RescoringService(ReportService reports, Scorings scorings) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.scorings = Objects.requireNonNull(scorings, "scorings");
    }

    @Override
    public ScoringList scorings() {
        return new ScoringList(scorings.valid().stream()
                .sorted(Comparator.comparing(AlternativeScoring::id).thenComparing(AlternativeScoring::version))
                .toList(),
                scorings.refused().stream().map(refused -> refused.file() + ": " + refused.reason()).toList());
    }

    @Override
    public ReportAnswer<RescoringReport> rescoring(Caller caller, String organisationId, String scoringId,
                                                   String roundId) {
        AlternativeScoring scoring = scorings.valid().stream()
                .filter(candidate -> candidate.id().equals(scoringId))
                .max(Comparator.comparingInt(AlternativeScoring::version))
                .orElseThrow(() -> new NotFound("Scoring " + scoringId));
        ReportAnswer<List<Rescoring.Group>> rescored = reports.rescored(caller, organisationId, roundId, scoring);
        String round = rescored.report().isEmpty() ? roundId : rescored.report().get(0).key().roundId();
        return new ReportAnswer<>(new RescoringReport(scoring, round, rescored.report()), rescored.organisation(),
                rescored.provenance());
    }
}
