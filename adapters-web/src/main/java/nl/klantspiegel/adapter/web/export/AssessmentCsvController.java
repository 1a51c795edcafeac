package nl.klantspiegel.adapter.web.export;

import nl.klantspiegel.adapter.web.CsvFile;
import nl.klantspiegel.application.port.in.OrganisationsUseCase;
import nl.klantspiegel.domain.report.ReportBasis;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.adapter.web.QueryParameters;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** The completed assessments as CSV for a spreadsheet: one row each, nothing that names a person. */
@RestController
@Tag(name = "Event export", description = "The event log as verifiable NDJSON, resumable with 'after'")
class AssessmentCsvController {

    private static final int QUESTIONS = 6;

    private final ExportAssessmentsUseCase exports;
    private final OrganisationsUseCase organisations;

    AssessmentCsvController(ExportAssessmentsUseCase exports, OrganisationsUseCase organisations) {
        this.organisations = organisations;
        this.exports = exports;
    }

    @GetMapping(path = "/api/organisations/{organisationId}/assessments", produces = "text/csv")
    @Operation(summary = "The completed assessments, one row each (admins and analysts)",
            description = "RFC 4180, UTF-8, a header row: the assessment's pseudonym (as in the organisation's event "
                    + "export; never its id), round, team (empty for a pooled batch), the day its batch was released "
                    + "(Europe/Amsterdam; not when it was taken, so that nobody is recognised by when they finished), "
                    + "per question the option and its points, the column totals a/b/c, the total and the band. Only "
                    + "released batches, as the reports count them. Recorded in the audit trail.")
    ResponseEntity<String> csv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                               @Parameter(description = "a round's id") @RequestParam(required = false) String round,
                               @Parameter(description = "a team's id") @RequestParam(required = false) String team,
                               @Parameter(description = "a day, YYYY-MM-DD: released on or after it")
                               @RequestParam(required = false) String from,
                               @Parameter(description = "a day, YYYY-MM-DD: released on or before it")
                               @RequestParam(required = false) String to,
                               @Parameter(description = CsvFile.DIALECT_DESCRIPTION)
                               @RequestParam(name = CsvFile.DIALECT, required = false) String dialect,
                               @Parameter(description = CsvFile.LANG_DESCRIPTION)
                               @RequestParam(name = CsvFile.LANG, required = false) String lang) {
        CsvFile.Format chosen = CsvFile.Format.of(dialect, lang); // refused before anything is exported or audited
        String name = organisations.summary(caller, organisationId).name(); // the file's name, read before the export
        ExportAssessmentsUseCase.AssessmentRows rows = exports.completedAssessments(caller, organisationId,
                QueryParameters.present(round), QueryParameters.present(team), QueryParameters.day("from", from),
                QueryParameters.day("to", to));
        List<String> header = new ArrayList<>(List.of("assessment", "round_id", "round", "team_id", "team",
                "released_on", "instrument_version"));
        for (int question = 1; question <= QUESTIONS; question++) {
            header.add("q" + question + "_option");
            header.add("q" + question + "_points");
        }
        header.addAll(List.of("column_a", "column_b", "column_c", "total", "band"));
        CsvFile csv = new CsvFile(header);
        {
            for (ExportAssessmentsUseCase.Row row : rows.rows()) {
                List<Object> cells = new ArrayList<>(java.util.Arrays.asList(row.assessment(), row.roundId(),
                        row.roundName(), row.teamId() == null ? "" : row.teamId(), row.teamName(), row.releasedOn(),
                        row.instrumentVersion()));
                for (int question = 1; question <= QUESTIONS; question++) {
                    int number = question;
                    ScoredAnswer answer = row.answers().stream().filter(one -> one.question() == number).findFirst()
                            .orElse(null);
                    cells.add(answer == null ? "" : answer.option().key());
                    cells.add(answer == null ? "" : answer.points());
                }
                cells.addAll(List.of(row.columnTotals().a(), row.columnTotals().b(), row.columnTotals().c(),
                        row.total(), row.band().name()));
                csv.row(cells);
            }
        }
        return CsvFile.named(ResponseEntity.ok(), name, "assessments", LocalDate.now(ReportBasis.ZONE))
                .cacheControl(CacheControl.noStore())
                .header("Klantspiegel-Export-Id", rows.exportId())
                .header("Klantspiegel-Release", rows.provenance().release()
                        .map(release -> String.valueOf(release.number())).orElse(""))
                .header("Klantspiegel-Minimum-Group-Size", String.valueOf(rows.provenance().minimumGroupSize()))
                .body(csv.text(chosen));
    }

}
