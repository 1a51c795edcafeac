package nl.klantspiegel.adapter.web.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.Nullable;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.report.ResponseRates;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A round's participation: per team its released completed tests against the headcount its admins gave, and the
 * round's total, from the same released figures as every report (so it moves by whole batches, never by one person).
 */
@RestController
@Tag(name = "Reports")
class ParticipationController {

    private final ReportsQuery reports;
    private final ReleaseSchedule schedule;
    private final Clock clock;

    ParticipationController(ReportsQuery reports, ReleaseSchedule schedule, Clock clock) {
        this.reports = reports;
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * @param headcount         how many people the group has; null when unknown (the round: unless every team of it
     *                          has one)
     * @param completed         its released completed tests
     * @param ratePercent       completed against headcount, in whole percent; null without a headcount
     * @param exceedsHeadcount  more took part than the headcount says (it is out of date)
     */
    record Rate(String key, @Nullable String teamId, String label, @Nullable Integer headcount, int completed,
                @Nullable Integer ratePercent,
                boolean exceedsHeadcount) {
    }

    record ParticipationResponse(ReportJson.RoundSummary round, ReportJson.Provenance provenance, Rate organisation,
                                 List<Rate> teams) {
    }

    @GetMapping(path = "/api/organisations/{organisationId}/reports/rounds/{roundId}/participation",
            produces = "application/json")
    @Operation(summary = "A round's response rates: per team the caller sees its released completed tests against "
            + "its headcount, and the round's total",
            description = "Released figures only, as every report shows them: a number grows by whole batches of at "
                    + "least the minimum group size; a team too small to be released on its own counts only in the "
                    + "round's pooled total. Never how many started. Headcounts are set by the admins per team.")
    ParticipationResponse participation(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                        @PathVariable String roundId) {
        ReportAnswer<ReportBasis.RoundReport> answer = reports.round(caller, organisationId, roundId, null);
        OrganisationView organisation = answer.organisation();
        Map<String, Integer> headcounts = new HashMap<>();
        organisation.teams().forEach(team -> headcounts.put(team.id(), team.headcount()));
        List<String> roundTeams = organisation.organisation().teamsToChooseFrom(roundId).stream()
                .map(Organisation.Team::id).toList();
        ResponseRates rates = ResponseRates.of(answer.report(), roundTeams, headcounts);
        return new ParticipationResponse(ReportJson.round(organisation, roundId, clock.instant()),
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()),
                rate(rates.round(), organisation), rates.teams().stream().map(rate -> rate(rate, organisation)).toList());
    }

    private static Rate rate(ResponseRates.ResponseRate rate, OrganisationView organisation) {
        String teamId = rate.key().teamId();
        return new Rate(teamId == null ? "organisation" : "team:" + teamId, teamId,
                ReportJson.label(teamId, organisation), rate.headcount(), rate.completed(),
                rate.rate().isPresent() ? (int) Math.round(100 * rate.rate().getAsDouble()) : null,
                rate.exceedsHeadcount());
    }
}
