package nl.klantspiegel.adapter.web.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.in.RescoringQuery;
import nl.klantspiegel.application.port.in.RescoringQuery.RescoringReport;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import nl.klantspiegel.domain.scoring.Rescoring;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.time.Clock;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import java.util.Map;

/** Bands under an analyst's alternative scoring beside the instrument's own, per group. */
@RestController
@Tag(name = "Reports")
class RescoringController {

    private final RescoringQuery rescoring;
    private final ReleaseSchedule schedule;
    private final Clock clock;

    RescoringController(RescoringQuery rescoring, ReleaseSchedule schedule, Clock clock) {
        this.rescoring = rescoring;
        this.schedule = schedule;
        this.clock = clock;
    }

    record Scoring(String id, int version, String name, int instrumentVersion, Map<Integer, Map<String, Integer>> points,
                   List<String> bands) {
    }

    record ScoringsResponse(List<Scoring> scorings, List<String> refused) {
    }

    record Group(String key, String label, int n, Map<String, Integer> ownBands,
                 Map<String, Integer> alternativeBands, int moved) {
    }

    record RescoringResponse(String organisationId, String roundId, Scoring scoring, ReportJson.Provenance provenance,
                             List<Group> groups) {
    }

    @GetMapping(path = "/api/scorings", produces = "application/json")
    @Operation(summary = "The alternative scorings (files an analyst added) and the files that could not be used")
    ScoringsResponse scorings(@AuthenticationPrincipal Caller caller) {
        RescoringQuery.ScoringList list = rescoring.scorings();
        return new ScoringsResponse(list.scorings().stream().map(RescoringController::scoring).toList(),
                list.refused());
    }

    @GetMapping(path = "/api/organisations/{organisationId}/reports/rescoring", produces = "application/json")
    @Operation(summary = "A round's bands under the instrument's own scoring beside an alternative one (admins, analysts)",
            description = "Applies the scoring to the stored answers of the round and of each team in it; no event "
                    + "and no respondent's result changes. Released batches only, as in every report.")
    RescoringResponse rescoring(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                                @Parameter(description = "the scoring's id (GET /api/scorings)")
                                @RequestParam(required = false) String scoring,
                                @Parameter(description = "a round's id; default: the round opened last")
                                @RequestParam(required = false) String round) {
        if (scoring == null || scoring.isBlank()) {
            throw new InvalidRequest("Name the alternative scoring in 'scoring' (see GET /api/scorings).");
        }
        ReportAnswer<RescoringReport> answer = rescoring.rescoring(caller, organisationId, scoring,
                round == null || round.isBlank() ? null : round);
        List<Group> groups = answer.report().groups().stream().map(group -> group(group, answer.organisation()))
                .toList();
        return new RescoringResponse(organisationId, answer.report().roundId(), scoring(answer.report().scoring()),
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()), groups);
    }

    private static Group group(Rescoring.Group group, OrganisationView organisation) {
        String key = group.key().teamId() == null ? "round" : "team:" + group.key().teamId();
        return new Group(key, ReportJson.label(group.key().teamId(), organisation), group.n(), bands(group.own()),
                bands(group.alternative()), group.moved());
    }

    private static Map<String, Integer> bands(Map<Band, Integer> counts) {
        Map<String, Integer> bands = new LinkedHashMap<>();
        for (Band band : Band.values()) {
            bands.put(band.name(), counts.get(band));
        }
        return bands;
    }

    private static Scoring scoring(AlternativeScoring scoring) {
        Map<Integer, Map<String, Integer>> points = new LinkedHashMap<>();
        scoring.points().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(question -> {
            Map<String, Integer> options = new LinkedHashMap<>();
            question.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(option -> options.put(option.getKey().key(), option.getValue()));
            points.put(question.getKey(), options);
        });
        return new Scoring(scoring.id(), scoring.version(), scoring.name(), scoring.instrumentVersion(), points,
                scoring.bandTexts());
    }
}
