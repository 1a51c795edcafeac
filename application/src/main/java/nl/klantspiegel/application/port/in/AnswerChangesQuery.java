package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.report.AnswerChanges;

import java.util.List;

/** How often respondents change an answer before finishing: for admins and analysts. */
public interface AnswerChangesQuery {

    /**
     * @param roundId a round: the round and its bands; null: the organisation and each of its rounds
     */
    ReportsQuery.ReportAnswer<AnswerChangeReport> answerChanges(Caller caller, String organisationId, String roundId);

    /** The groups, the first being the whole (the round, or the organisation). */
    record AnswerChangeReport(String roundId, List<AnswerChanges.Group> groups) {
        public AnswerChangeReport {
            groups = List.copyOf(groups);
        }
    }
}
