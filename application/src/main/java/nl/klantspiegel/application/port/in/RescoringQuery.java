package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.scoring.AlternativeScoring;
import nl.klantspiegel.domain.scoring.Rescoring;

import java.util.List;

/** Bands under the instrument's own scoring beside an alternative one, per group: for admins and analysts. */
public interface RescoringQuery {

    /** The alternative scorings there are, and the files that could not be used (with why). */
    ScoringList scorings();

    /**
     * @param scoringId the alternative scoring's id
     * @param roundId   a round, or null for the round opened last
     */
    ReportsQuery.ReportAnswer<RescoringReport> rescoring(Caller caller, String organisationId, String scoringId,
                                                         String roundId);

    record ScoringList(List<AlternativeScoring> scorings, List<String> refused) {
    }

    record RescoringReport(AlternativeScoring scoring, String roundId, List<Rescoring.Group> groups) {
        public RescoringReport {
            groups = List.copyOf(groups);
        }
    }
}
