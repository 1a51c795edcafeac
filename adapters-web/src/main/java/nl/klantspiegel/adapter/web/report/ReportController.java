package nl.klantspiegel.adapter.web.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.klantspiegel.application.port.in.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.klantspiegel.adapter.web.CsvFile;
import nl.klantspiegel.adapter.web.QueryParameters;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import nl.klantspiegel.domain.instrument.Instrument;
import nl.klantspiegel.domain.instrument.InstrumentTexts;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.report.FocusAreas;
import nl.klantspiegel.domain.report.GroupFigures;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.GroupReport;
import nl.klantspiegel.domain.report.Period;
import nl.klantspiegel.domain.report.ReportBasis;

/**
 * An organisation's reports: the trend per period, one round, two rounds compared, and the teams × questions
 * heatmap. Each as JSON, or with {@code Accept: text/csv} (or {@code ?format=csv}, for a plain download link) as the
 * same figures in CSV ({@link CsvFile}: RFC 4180 with decimal points by default, or for Excel with Dutch settings), UTF-8, a header row, empty cells where nothing
 * is released, written with Apache Commons CSV.
 */
@RestController
@Tag(name = "Reports", description = "Figures of groups of released completed assessments: released in batches of at "
        + "least the minimum group size, so no figure, now or as of any moment, rests on fewer")
class ReportController {

    private static final String PATH = "/api/organisations/{organisationId}/reports";
    private static final String AS_OF = "an ISO-8601 instant (2026-05-01T00:00:00Z): the report as it was then (the "
            + "releases made by then), under today's minimum group size";

    private final ReportsQuery reports;
    private final ReleaseSchedule schedule;
    private final Clock clock;

    ReportController(ReportsQuery reports, ReleaseSchedule schedule, Clock clock) {
        this.reports = reports;
        this.schedule = schedule;
        this.clock = clock;
    }

    record TrendPeriod(String period, String start, String end) {
    }

    /** One group's figures per period: {@code points[i]} belongs to {@code periods[i]} of the answer. */
    record TrendSeries(String key, @Nullable String teamId, String label, List<ReportJson.Group> points) {
    }

    record TrendResponse(String organisationId, String granularity, String from, String to, @Nullable String team,
                         ReportJson.Provenance provenance, List<ReportJson.BandLimit> bands, ReportJson.Scale scale,
                         List<TrendPeriod> periods, List<TrendSeries> series) {
    }

    record RoundResponse(ReportJson.RoundSummary round, ReportJson.Provenance provenance,
                         List<ReportJson.BandLimit> bands, ReportJson.Scale scale, ReportJson.Group organisation,
                         List<ReportJson.Group> teams) {
    }

    record Difference(double mean, ReportJson.Interval ci95, boolean significant) {
    }

    record ComparedGroup(String key, @Nullable String teamId, String label, ReportJson.Group round,
                         ReportJson.Group with,
                         @Nullable Difference difference) {
    }

    record ComparisonResponse(ReportJson.RoundSummary round, ReportJson.RoundSummary with,
                              ReportJson.Provenance provenance, List<ReportJson.BandLimit> bands,
                              ReportJson.Scale scale, List<ComparedGroup> groups) {
    }

    record HeatmapCell(int question, double meanPoints, @Nullable Double previousMeanPoints, @Nullable Double change) {
    }

    record HeatmapRow(ReportJson.Group group, List<HeatmapCell> cells) {
    }

    record HeatmapResponse(ReportJson.RoundSummary round, @Nullable ReportJson.RoundSummary previousRound,
                           ReportJson.Provenance provenance, List<Integer> questions, ReportJson.Scale scale,
                           HeatmapRow reference, List<HeatmapRow> rows) {
    }

    // ------------------------------------------------------------------------------------------------- trend

    @GetMapping(path = PATH + "/trend", produces = "application/json")
    @Operation(summary = "The trend per week, month, quarter or year (a batch counts in the period of its release, Europe/Amsterdam)",
            description = "A series for the organisation and one per team the caller sees (or only the given team "
                    + "beside the organisation). Periods from the one holding 'from' to the one holding 'to'.")
    TrendResponse trend(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                        @Parameter(description = "week, month, quarter (default) or year")
                        @RequestParam(defaultValue = "quarter") String granularity,
                        @Parameter(description = "a day, YYYY-MM-DD; default: the first completed assessment")
                        @RequestParam(required = false) String from,
                        @Parameter(description = "a day, YYYY-MM-DD; default: today")
                        @RequestParam(required = false) String to,
                        @Parameter(description = "a team's id: only that team beside the organisation")
                        @RequestParam(required = false) String team) {
        ReportAnswer<ReportBasis.Trend> answer = trendAnswer(caller, organisationId, granularity, from, to, team, asOf);
        ReportBasis.Trend trend = answer.report();
        List<TrendPeriod> periods = trend.periods().stream()
                .map(period -> new TrendPeriod(period.label(), period.start().toString(), period.end().toString()))
                .toList();
        List<TrendSeries> series = trend.series().stream().map(one -> {
            List<ReportJson.Group> points = one.points().stream()
                    .map(point -> ReportJson.group(point, answer.organisation())).toList();
            return new TrendSeries(one.teamId() == null ? "organisation" : "team:" + one.teamId(), one.teamId(),
                    ReportJson.label(one.teamId(), answer.organisation()), points);
        }).toList();
        return new TrendResponse(organisationId, trend.granularity().name().toLowerCase(java.util.Locale.ROOT),
                ReportJson.text(answer.provenance().from()), ReportJson.text(answer.provenance().to()), team,
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()), ReportJson.bands(), ReportJson.scale(), periods, series);
    }

    @GetMapping(path = PATH + "/trend", produces = "text/csv")
    @Operation(summary = "The trend as CSV: one row per group and period")
    ResponseEntity<String> trendCsv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = CsvFile.DIALECT_DESCRIPTION) @RequestParam(name = CsvFile.DIALECT, required = false)
            String dialect,
            @Parameter(description = CsvFile.LANG_DESCRIPTION) @RequestParam(name = CsvFile.LANG, required = false)
            String lang,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                                    @RequestParam(defaultValue = "quarter") String granularity,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String team) {
        CsvFile.Format format = CsvFile.Format.of(dialect, lang);
        ReportAnswer<ReportBasis.Trend> answer = trendAnswer(caller, organisationId, granularity, from, to, team, asOf);
        List<String> header = new ArrayList<>(List.of("period", "start", "end", "group", "team_id"));
        header.addAll(ReportCsv.FIGURES);
        List<List<Object>> rows = new ArrayList<>();
        for (ReportBasis.Series series : answer.report().series()) {
            for (int i = 0; i < answer.report().periods().size(); i++) {
                Period period = answer.report().periods().get(i);
                GroupReport point = series.points().get(i);
                List<Object> row = new ArrayList<>(List.of(period.label(), period.start(), period.end()));
                row.addAll(ReportCsv.groupColumns(ReportJson.group(point, answer.organisation())));
                rows.add(row);
            }
        }
        return csv(format, answer.organisation(), "trend-" + granularity, header, rows);
    }

    private ReportAnswer<ReportBasis.Trend> trendAnswer(Caller caller, String organisationId, String granularity,
                                                        String from, String to, String team, String asOf) {
        Granularity chosen;
        try {
            chosen = Granularity.fromName(granularity);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequest("'granularity' must be week, month, quarter or year.");
        }
        return reports.trend(caller, organisationId, chosen, QueryParameters.day("from", from),
                QueryParameters.day("to", to), QueryParameters.present(team), QueryParameters.instant("asOf", asOf));
    }

    // ------------------------------------------------------------------------------------------------- round

    @GetMapping(path = PATH + "/rounds/{roundId}", produces = "application/json")
    @Operation(summary = "One round: the whole round and each of its teams the caller sees")
    RoundResponse round(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                        @PathVariable String roundId) {
        ReportAnswer<ReportBasis.RoundReport> answer = reports.round(caller, organisationId, roundId,
                QueryParameters.instant("asOf", asOf));
        OrganisationView organisation = answer.organisation();
        return new RoundResponse(ReportJson.round(organisation, roundId, clock.instant()),
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()), ReportJson.bands(), ReportJson.scale(),
                ReportJson.group(answer.report().organisation(), organisation),
                answer.report().teams().stream().map(team -> ReportJson.group(team, organisation)).toList());
    }

    /** What a group can work on: its questions, the least customer-oriented first. */
    record FocusResponse(ReportJson.RoundSummary round, ReportJson.Provenance provenance, List<FocusGroup> groups) {
    }

    /** A group of the round; without released figures (n 0) it has no questions. */
    record FocusGroup(String key, @Nullable String teamId, String label, int n, List<FocusQuestion> questions) {
    }

    /**
     * @param orientedPercent  the share that chose the customer-oriented answer, in whole percent
     * @param focus            fewer than half chose it
     * @param other            the other answer chosen most (null when everybody chose the oriented one), its text,
     *                         its share and the instrument's advice for it
     */
    record FocusQuestion(int question, String topic, String text, String oriented, String orientedText,
                         int orientedPercent, boolean focus, @Nullable String other, @Nullable String otherText,
                         @Nullable Integer otherPercent,
                         @Nullable String advice) {
    }

    @GetMapping(path = PATH + "/rounds/{roundId}/focus", produces = "application/json")
    @Operation(summary = "What each group the caller sees can work on in a round: per question the share that chose "
            + "the customer-oriented answer, the other answer chosen most and the instrument's advice for it",
            description = "From the released figures only, as the round report shows them; a question is a focus area "
                    + "when fewer than half chose the customer-oriented answer. Texts in 'lang' (nl or en).")
    FocusResponse focus(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
                        @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                        @PathVariable String roundId,
                        @Parameter(description = "nl (default) or en") @RequestParam(defaultValue = "nl") String lang) {
        Language language = Language.fromCode(lang);
        ReportAnswer<ReportBasis.RoundReport> answer = reports.round(caller, organisationId, roundId,
                QueryParameters.instant("asOf", asOf));
        OrganisationView organisation = answer.organisation();
        List<GroupReport> groups = new ArrayList<>();
        groups.add(answer.report().organisation());
        groups.addAll(answer.report().teams());
        List<FocusGroup> focus = new ArrayList<>();
        for (GroupReport group : groups) {
            ReportJson.Group shown = ReportJson.group(group, organisation);
            List<FocusQuestion> questions = group.figures().map(figures -> {
                Instrument instrument = Instruments.current();
                InstrumentTexts texts = instrument.texts(language);
                return FocusAreas.of(figures, instrument).stream().map(area -> {
                    GroupFigures.QuestionFigures counted = figures.question(area.question()).orElseThrow();
                    Option other = area.mostChosenOther().orElse(null);
                    return new FocusQuestion(area.question(), texts.topic(area.question()),
                            texts.question(area.question()), area.oriented().key(),
                            texts.option(area.question(), area.oriented()),
                            (int) Math.round(100 * area.orientedShare()), area.isFocus(),
                            other == null ? null : other.key(),
                            other == null ? null : texts.option(area.question(), other),
                            other == null ? null : (int) Math.round(100.0 * counted.options().getOrDefault(other, 0)
                                    / Math.max(1, counted.answered())),
                            other == null ? null : texts.advice(area.question(), other));
                }).toList();
            }).orElse(List.of());
            focus.add(new FocusGroup(shown.key(), shown.teamId(), shown.label(), shown.n(), questions));
        }
        return new FocusResponse(ReportJson.round(organisation, roundId, clock.instant()),
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()), focus);
    }

    @GetMapping(path = PATH + "/rounds/{roundId}", produces = "text/csv")
    @Operation(summary = "One round as CSV: one row per group")
    ResponseEntity<String> roundCsv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = CsvFile.DIALECT_DESCRIPTION) @RequestParam(name = CsvFile.DIALECT, required = false)
            String dialect,
            @Parameter(description = CsvFile.LANG_DESCRIPTION) @RequestParam(name = CsvFile.LANG, required = false)
            String lang,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                                    @PathVariable String roundId) {
        CsvFile.Format format = CsvFile.Format.of(dialect, lang);
        ReportAnswer<ReportBasis.RoundReport> answer = reports.round(caller, organisationId, roundId,
                QueryParameters.instant("asOf", asOf));
        List<String> header = new ArrayList<>(List.of("round", "group", "team_id"));
        header.addAll(ReportCsv.FIGURES);
        List<List<Object>> rows = new ArrayList<>();
        String name = answer.organisation().round(roundId).orElseThrow().name();
        List<GroupReport> groups = new ArrayList<>();
        groups.add(answer.report().organisation());
        groups.addAll(answer.report().teams());
        for (GroupReport group : groups) {
            ReportJson.Group json = ReportJson.group(group, answer.organisation());
            List<Object> row = new ArrayList<>(List.of(name));
            row.addAll(ReportCsv.groupColumns(json));
            rows.add(row);
        }
        return csv(format, answer.organisation(), "round-" + name, header, rows);
    }

    // -------------------------------------------------------------------------------------------- comparison

    @GetMapping(path = PATH + "/rounds/{roundId}/comparison", produces = "application/json")
    @Operation(summary = "Two rounds side by side, with the difference of the means (this round minus the other)",
            description = "The difference comes with Welch's 95 % confidence interval and is flagged as significant "
                    + "only when that interval excludes zero; none when either side has nothing released or holds one.")
    ComparisonResponse comparison(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                                  @PathVariable String roundId,
                                  @Parameter(description = "the other round's id") @RequestParam(required = false)
                                  String with) {
        return comparison(reports.comparison(caller, organisationId, roundId, with,
                QueryParameters.instant("asOf", asOf)), roundId, with);
    }

    private ComparisonResponse comparison(ReportAnswer<ReportBasis.Comparison> answer, String roundId, String with) {
        OrganisationView organisation = answer.organisation();
        List<ComparedGroup> groups = answer.report().groups().stream().map(group -> {
            ReportJson.Group first = ReportJson.group(group.round(), organisation);
            return new ComparedGroup(first.key(), group.teamId(), first.label(), first,
                    ReportJson.group(group.other(), organisation),
                    group.difference().map(difference -> new Difference(ReportJson.round(difference.estimate(), 2),
                            ReportJson.interval(difference.ci95()), difference.significant())).orElse(null));
        }).toList();
        return new ComparisonResponse(ReportJson.round(organisation, roundId, clock.instant()),
                ReportJson.round(organisation, with, clock.instant()), ReportJson.provenance(answer.provenance(), schedule, clock.instant()),
                ReportJson.bands(), ReportJson.scale(), groups);
    }

    @GetMapping(path = PATH + "/rounds/{roundId}/comparison", produces = "text/csv")
    @Operation(summary = "Two rounds compared as CSV: one row per group")
    ResponseEntity<String> comparisonCsv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = CsvFile.DIALECT_DESCRIPTION) @RequestParam(name = CsvFile.DIALECT, required = false)
            String dialect,
            @Parameter(description = CsvFile.LANG_DESCRIPTION) @RequestParam(name = CsvFile.LANG, required = false)
            String lang,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                                         @PathVariable String roundId, @RequestParam(required = false) String with) {
        CsvFile.Format format = CsvFile.Format.of(dialect, lang); // refused before anything is read
        ReportAnswer<ReportBasis.Comparison> answer = reports.comparison(caller, organisationId, roundId, with,
                QueryParameters.instant("asOf", asOf));
        ComparisonResponse comparison = comparison(answer, roundId, with);
        List<String> header = List.of("group", "team_id", "round_n", "round_mean", "with_n", "with_mean",
                "difference", "difference_ci95_low", "difference_ci95_high", "significant");
        List<List<Object>> rows = new ArrayList<>();
        for (ComparedGroup group : comparison.groups()) {
            Difference difference = group.difference();
            rows.add(ReportCsv.row(group.label(), group.teamId(), group.round().n(), group.round().mean(),
                    group.with().n(), group.with().mean(),
                    difference == null ? null : difference.mean(),
                    difference == null ? null : difference.ci95().low(),
                    difference == null ? null : difference.ci95().high(),
                    difference == null ? null : difference.significant()));
        }
        return csv(format, answer.organisation(), "comparison-" + comparison.round().name() + "-"
                + comparison.with().name(), header, rows);
    }

    // ----------------------------------------------------------------------------------------------- heatmap

    @GetMapping(path = PATH + "/heatmap", produces = "application/json")
    @Operation(summary = "Teams × questions in a round (mean points), the organisation as reference, and the change "
            + "since the previous round", description = "Without 'round': the round opened last.")
    HeatmapResponse heatmap(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                            @RequestParam(required = false) String round) {
        return heatmap(reports.heatmap(caller, organisationId, QueryParameters.present(round),
                QueryParameters.instant("asOf", asOf)));
    }

    private HeatmapResponse heatmap(ReportAnswer<ReportBasis.Heatmap> answer) {
        OrganisationView organisation = answer.organisation();
        ReportBasis.Heatmap heatmap = answer.report();
        return new HeatmapResponse(ReportJson.round(organisation, heatmap.roundId(), clock.instant()),
                heatmap.previousRoundId() == null ? null
                        : ReportJson.round(organisation, heatmap.previousRoundId(), clock.instant()),
                ReportJson.provenance(answer.provenance(), schedule, clock.instant()), heatmap.questions(),
                new ReportJson.Scale(1, 5), row(heatmap.reference(), organisation),
                heatmap.rows().stream().map(row -> row(row, organisation)).toList());
    }

    private static HeatmapRow row(ReportBasis.HeatmapRow row, OrganisationView organisation) {
        return new HeatmapRow(ReportJson.group(row.group(), organisation), row.cells().stream()
                .map(cell -> new HeatmapCell(cell.question(), ReportJson.round(cell.meanPoints(), 2),
                        cell.previousMeanPoints().isPresent()
                                ? ReportJson.round(cell.previousMeanPoints().getAsDouble(), 2) : null,
                        cell.change().isPresent() ? ReportJson.round(cell.change().getAsDouble(), 2) : null))
                .toList());
    }

    @GetMapping(path = PATH + "/heatmap", produces = "text/csv")
    @Operation(summary = "The heatmap as CSV: one row per group, mean points and change per question")
    ResponseEntity<String> heatmapCsv(@AuthenticationPrincipal Caller caller, @PathVariable String organisationId,
            @Parameter(description = CsvFile.DIALECT_DESCRIPTION) @RequestParam(name = CsvFile.DIALECT, required = false)
            String dialect,
            @Parameter(description = CsvFile.LANG_DESCRIPTION) @RequestParam(name = CsvFile.LANG, required = false)
            String lang,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
                                      @RequestParam(required = false) String round) {
        CsvFile.Format format = CsvFile.Format.of(dialect, lang);
        ReportAnswer<ReportBasis.Heatmap> answer = reports.heatmap(caller, organisationId,
                QueryParameters.present(round), QueryParameters.instant("asOf", asOf));
        HeatmapResponse heatmap = heatmap(answer);
        List<String> header = new ArrayList<>(List.of("round", "group", "team_id", "n"));
        for (int question : heatmap.questions()) {
            header.add("q" + question + "_mean");
            header.add("q" + question + "_change");
        }
        List<List<Object>> rows = new ArrayList<>();
        List<HeatmapRow> all = new ArrayList<>();
        all.add(heatmap.reference());
        all.addAll(heatmap.rows());
        for (HeatmapRow row : all) {
            List<Object> values = new ArrayList<>(ReportCsv.row(heatmap.round().name(), row.group().label(),
                    row.group().teamId(), row.group().n()));
            for (int question : heatmap.questions()) {
                HeatmapCell cell = row.cells().stream().filter(one -> one.question() == question).findFirst()
                        .orElse(null);
                values.add(cell == null ? null : cell.meanPoints());
                values.add(cell == null ? null : cell.change());
            }
            rows.add(values);
        }
        return csv(format, answer.organisation(), "heatmap-" + heatmap.round().name(), header, rows);
    }

    // -------------------------------------------------------------------------------------------------- util

    /** The file in the dialect asked for, named for its organisation, what it holds and today (in Amsterdam). */
    private ResponseEntity<String> csv(CsvFile.Format format, OrganisationView organisation, String report,
                                       List<String> header, List<List<Object>> rows) {
        CsvFile file = new CsvFile(header);
        rows.forEach(file::row);
        return CsvFile.named(ResponseEntity.ok(), organisation.name(), report,
                        LocalDate.ofInstant(clock.instant(), ReportBasis.ZONE))
                .body(file.text(format));
    }

}
