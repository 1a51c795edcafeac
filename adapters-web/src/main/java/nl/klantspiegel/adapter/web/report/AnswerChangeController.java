package nl.klantspiegel.adapter.web.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.adapter.web.CsvFile;
import nl.klantspiegel.adapter.web.QueryParameters;
import nl.klantspiegel.application.port.in.AnswerChangesQuery;
import nl.klantspiegel.application.port.in.AnswerChangesQuery.AnswerChangeReport;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.Nullable;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.AnswerChanges;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.LocalDate;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.release.ReleaseSchedule;

/** The answer-change report: how often respondents change an answer before finishing (admins and analysts). */
@RestController
@Tag(name = "Reports")
class AnswerChangeController {

    private static final String PATH = "/api/organisations/{organisationId}/reports/answer-changes";

    private final AnswerChangesQuery answerChanges;
    private final ReleaseSchedule schedule;
    private final Clock clock;

    AnswerChangeController(AnswerChangesQuery answerChanges, ReleaseSchedule schedule, Clock clock) {
        this.answerChanges = answerChanges;
        this.schedule = schedule;
        this.clock = clock;
    }

    record Entry(int question, String from, String to, int count) {
    }

    /** @param leftOut for a band: how many of it are in no figure, their part of a batch being too small */
    record Group(String key, String label, int n, int changed, int changes, int leftOut, List<Entry> entries) {
    }

    record AnswerChangeResponse(String organisationId, @Nullable String roundId, ReportJson.Provenance provenance,
                                List<Group> groups) {
    }

    @GetMapping(path = PATH, produces = "application/json")
    @Operation(summary = "How often answers are changed before finishing: per question, from option to option",
            description = "With round: the round and each band (by the completed result) within it; without: the "
                    + "organisation and each round. Only released batches count; split by band, a batch's part of a "
                    + "band counts when it and what the batch leaves out of the bands each hold at least the minimum "
                    + "group size. Filled from all history, also from before the report existed.")
    AnswerChangeResponse json(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                              @Parameter(description = "a round's id") @RequestParam(required = false) String round) {
        return json(organisationId, answerChanges.answerChanges(caller, organisationId, QueryParameters.present(round)));
    }

    private AnswerChangeResponse json(String organisationId, ReportAnswer<AnswerChangeReport> answer) {
        List<Group> groups = answer.report().groups().stream().map(group -> group(group, answer.organisation()))
                .toList();
        return new AnswerChangeResponse(organisationId, answer.report().roundId(),
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()), groups);
    }

    @GetMapping(path = PATH, produces = "text/csv")
    @Operation(summary = "The same as CSV: one row per group and change (a group without changes: one row)")
    ResponseEntity<String> csv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                               @RequestParam(required = false) String round,
                               @Parameter(description = CsvFile.DIALECT_DESCRIPTION)
                               @RequestParam(name = CsvFile.DIALECT, required = false) String dialect,
                               @Parameter(description = CsvFile.LANG_DESCRIPTION)
                               @RequestParam(name = CsvFile.LANG, required = false) String lang) {
        CsvFile.Format chosen = CsvFile.Format.of(dialect, lang);
        ReportAnswer<AnswerChangeReport> answer = answerChanges.answerChanges(caller, organisationId,
                QueryParameters.present(round));
        AnswerChangeResponse response = json(organisationId, answer);
        CsvFile file = new CsvFile(List.of("group", "label", "n", "respondents_who_changed", "changes", "left_out",
                "question", "from", "to", "count"));
        for (Group group : response.groups()) {
            List<Object> start = new ArrayList<>(List.of(group.key(), group.label(), group.n(), group.changed(),
                    group.changes(), group.leftOut()));
            if (group.entries().isEmpty()) {
                List<Object> row = new ArrayList<>(start);
                row.addAll(List.of("", "", "", ""));
                file.row(row);
            }
            for (Entry entry : group.entries()) {
                List<Object> row = new ArrayList<>(start);
                row.addAll(List.of(entry.question(), entry.from(), entry.to(), entry.count()));
                file.row(row);
            }
        }
        String what = response.roundId() == null ? "answer-changes"
                : "answer-changes-" + answer.organisation().round(response.roundId())
                .map(found -> found.name()).orElse(response.roundId());
        return CsvFile.named(ResponseEntity.ok(), answer.organisation().name(), what,
                LocalDate.ofInstant(clock.instant(), ReportBasis.ZONE)).body(file.text(chosen));
    }

    private static Group group(AnswerChanges.Group group, OrganisationView organisation) {
        List<Entry> entries = group.counts().stream().map(count -> new Entry(count.question(), count.from().key(),
                count.to().key(), count.count())).toList();
        return new Group(group.key(), label(group.key(), organisation), group.n(), group.changed(), group.changes(),
                group.leftOut(), entries);
    }

    private static String label(String key, OrganisationView organisation) {
        if (key.startsWith("round:")) {
            String round = key.substring("round:".length());
            return organisation.round(round).map(Organisation.Round::name).orElse(round);
        }
        if (key.startsWith("band:")) {
            return key.substring("band:".length());
        }
        return key.equals("organisation") ? organisation.name() : key;
    }

}
