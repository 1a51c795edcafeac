package nl.klantspiegel.application.port.in;

import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.ScoredAnswer;

import java.time.LocalDate;
import java.util.List;

/**
 * The released completed assessments of an organisation, one row each, for a spreadsheet: for admins and analysts,
 * filtered like the reports and over the same released batches, recorded in the audit trail.
 */
public interface ExportAssessmentsUseCase {

    AssessmentRows completedAssessments(Caller caller, String organisationId, String roundId, String teamId,
                                        LocalDate from, LocalDate to);

    /**
     * One released completed assessment: under its pseudonym (the same as in the organisation's event export), its
     * round and team (none when it was released in a pooled batch) and the day of its release — not when it was taken:
     * the moment someone finished would tell a colleague who it was.
     */
    record Row(String assessment, String roundId, String roundName, String teamId, String teamName,
               LocalDate releasedOn, int instrumentVersion, List<ScoredAnswer> answers, ColumnTotals columnTotals,
               int total, Band band) {
        public Row {
            answers = List.copyOf(answers);
        }
    }

    record AssessmentRows(String exportId, List<Row> rows, ReportsQuery.Provenance provenance) {
        public AssessmentRows {
            rows = List.copyOf(rows);
        }
    }
}
