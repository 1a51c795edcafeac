package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.out.PseudonymKey;
import nl.klantspiegel.domain.export.Pseudonyms;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.ReportBasis;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The spreadsheet of completed assessments: the released ones, one row each, under their pseudonyms, and the export
 * recorded in the organisation's audit trail.
 */
public final class AssessmentExportService implements ExportAssessmentsUseCase {

    private final ReportsQuery reports;
    private final PseudonymKey key;
    private final Consumer<RecordExportCommand> recorder;
    private final Clock clock;

    public AssessmentExportService(ReportsQuery reports, PseudonymKey key, CommandGateway commands, Clock clock) {
        this(reports, key, command -> commands.sendAndWait(command), clock);
    }

    AssessmentExportService(ReportsQuery reports, PseudonymKey key, Consumer<RecordExportCommand> recorder,
                            Clock clock) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.key = Objects.requireNonNull(key, "key");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AssessmentRows completedAssessments(Caller caller, String organisationId, String roundId, String teamId,
                                               LocalDate from, LocalDate to) {
        ReportsQuery.ReportAnswer<List<ReportBasis.Row>> shown = reports.rows(caller, organisationId, roundId,
                teamId, from, to);
        Pseudonyms pseudonyms = new Pseudonyms(key.key());
        String organisation = shown.organisation().id();
        List<Row> rows = new ArrayList<>();
        for (ReportBasis.Row row : shown.report()) {
            Completion completion = row.completion();
            String team = row.batch().teamId();
            rows.add(new Row(pseudonyms.of(organisation, completion.assessmentId()), row.batch().roundId(),
                    shown.organisation().round(row.batch().roundId()).map(Organisation.Round::name).orElse(""),
                    team, team == null ? "" : shown.organisation().team(team).map(Organisation.Team::name).orElse(""),
                    row.batch().releasedAt().atZone(ReportBasis.ZONE).toLocalDate(), completion.instrumentVersion(),
                    completion.answers(), ColumnTotals.of(completion.answers()),
                    completion.answers().stream().mapToInt(ScoredAnswer::points).sum(), completion.band()));
        }
        String exportId = UUID.randomUUID().toString();
        recorder.accept(new RecordExportCommand(organisation, exportId, "assessments",
                filter(roundId, teamId, from, to), rows.size(), "", true, caller.actor(), clock.instant()));
        return new AssessmentRows(exportId, rows, shown.provenance());
    }

    private static String filter(String roundId, String teamId, LocalDate from, LocalDate to) {
        List<String> parts = new ArrayList<>();
        if (roundId != null) {
            parts.add("round=" + roundId);
        }
        if (teamId != null) {
            parts.add("team=" + teamId);
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        return String.join(" ", parts);
    }
}
