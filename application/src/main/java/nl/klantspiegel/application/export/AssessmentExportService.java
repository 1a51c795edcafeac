package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.ScoredAnswer;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.ReportBasis;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The spreadsheet of completed assessments: the rows the reports' anonymity floor lets be given one by one, with
 * their start day read from the event log, and the export recorded in the organisation's audit trail.
 */
public final class AssessmentExportService implements ExportAssessmentsUseCase {

    private final ReportsQuery reports;
    private final EventLog log;
    private final Consumer<RecordExportCommand> recorder;
    private final Clock clock;

    public AssessmentExportService(ReportsQuery reports, EventLog log, CommandGateway commands, Clock clock) {
        this(reports, log, command -> commands.sendAndWait(command), clock);
    }

    AssessmentExportService(ReportsQuery reports, EventLog log, Consumer<RecordExportCommand> recorder, Clock clock) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.log = Objects.requireNonNull(log, "log");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AssessmentRows completedAssessments(Caller caller, String organisationId, String roundId, String teamId,
                                               LocalDate from, LocalDate to) {
        ReportsQuery.ReportAnswer<List<Completion>> shown = reports.shownOneByOne(caller, organisationId, roundId,
                teamId, from, to);
        Map<String, Instant> started = log.startTimes(shown.report().stream().map(Completion::assessmentId).toList());
        List<Row> rows = new ArrayList<>();
        for (Completion completion : shown.report()) {
            Instant startedAt = started.getOrDefault(completion.assessmentId(), completion.completedAt());
            rows.add(new Row(completion.roundId(),
                    shown.organisation().round(completion.roundId()).map(Organisation.Round::name).orElse(""),
                    completion.teamId(),
                    shown.organisation().team(completion.teamId()).map(Organisation.Team::name).orElse(""),
                    day(startedAt), day(completion.completedAt()), completion.instrumentVersion(),
                    completion.answers(), ColumnTotals.of(completion.answers()),
                    completion.answers().stream().mapToInt(ScoredAnswer::points).sum(), completion.band()));
        }
        String exportId = UUID.randomUUID().toString();
        recorder.accept(new RecordExportCommand(shown.organisation().id(), exportId, "assessments",
                filter(roundId, teamId, from, to), rows.size(), "", true, caller.actor(), clock.instant()));
        return new AssessmentRows(exportId, rows, shown.provenance());
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ReportBasis.ZONE).toLocalDate();
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
