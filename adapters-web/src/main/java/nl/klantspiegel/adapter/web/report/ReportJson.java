package nl.klantspiegel.adapter.web.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.klantspiegel.application.port.in.Nullable;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.RoundsUseCase;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.BandRange;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.GroupFigures;
import nl.klantspiegel.domain.release.ReleaseSchedule;
import nl.klantspiegel.domain.report.GroupReport;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.report.Statistics;

/** The JSON shapes of the reports, and how a domain group becomes one. Figures are rounded for reading. */
final class ReportJson {

    private ReportJson() {
    }

    /**
     * One group: its released completed assessments ({@code n}) and their figures, none when nothing of it has been
     * released yet.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Group(String key, @Nullable String teamId, String label, int n, @Nullable Double mean,
                 @Nullable Interval ci95, @Nullable Map<String, Share> bands,
                 @Nullable Columns columns, List<Question> questions) {
    }

    record Interval(double low, double high) {
    }

    record Share(int count, double percent) {
    }

    record Columns(double a, double b, double c) {
    }

    record Question(int question, double meanPoints, Map<String, Share> options) {
    }

    /**
     * @param release       the last release the figures count, null before the first
     * @param nextCheck     when releases are next looked for: figures change then at the earliest
     * @param releasesEvery how often releases are looked for (ISO-8601, e.g. PT1H)
     */
    record Provenance(int instrumentVersion, @Nullable Release release, int minimumGroupSize, String timeZone,
                      @Nullable Instant nextCheck, String releasesEvery) {
    }

    record Release(long number, Instant at) {
    }

    record BandLimit(String band, int min, int max) {
    }

    record Scale(int min, int max) {
    }

    /** @param opensAt when it begins (or began) to take assessments; @param status SCHEDULED, OPEN or CLOSED */
    record RoundSummary(String id, String name, @Nullable Instant openedAt, @Nullable Instant closesAt,
                        @Nullable Instant closedAt, String status,
                        @Nullable Instant opensAt) {
    }

    static Group group(GroupReport report, OrganisationView organisation) {
        String teamId = report.key().teamId();
        String key = teamId == null ? "organisation" : "team:" + teamId;
        String label = label(teamId, organisation);
        if (report.figures().isEmpty()) {
            return new Group(key, teamId, label, 0, null, null, null, null, List.of());
        }
        GroupFigures figures = report.figures().orElseThrow();
        Map<String, Share> bands = new LinkedHashMap<>();
        for (Band band : Band.values()) {
            bands.put(band.name(), new Share(figures.bands().get(band), round(figures.bandPercent(band), 1)));
        }
        List<Question> questions = figures.questions().stream().map(question -> {
            Map<String, Share> options = new LinkedHashMap<>();
            for (Option option : Option.values()) {
                options.put(option.key(), new Share(question.options().get(option),
                        round(question.percent(option), 1)));
            }
            return new Question(question.question(), round(question.meanPoints(), 2), options);
        }).toList();
        return new Group(key, teamId, label, figures.n(), round(figures.mean(), 2),
                figures.ci95().map(ReportJson::interval).orElse(null), bands, new Columns(round(figures.meanColumnA(), 2), round(figures.meanColumnB(), 2),
                round(figures.meanColumnC(), 2)), questions);
    }

    /** A team's name, or the organisation's for the organisation as a whole. */
    static String label(String teamId, OrganisationView organisation) {
        return teamId == null ? organisation.name()
                : organisation.team(teamId).map(Organisation.Team::name).orElse(teamId);
    }

    static Interval interval(Statistics.Interval interval) {
        return new Interval(round(interval.low(), 2), round(interval.high(), 2));
    }

    static Provenance provenance(ReportsQuery.Provenance provenance, ReleaseSchedule schedule, Instant now) {
        return new Provenance(provenance.instrumentVersion(),
                provenance.release().map(release -> new Release(release.number(), release.at())).orElse(null),
                provenance.minimumGroupSize(), ReportBasis.ZONE.getId(), schedule.cutoffAt(now).plus(schedule.every()),
                schedule.every().toString());
    }

    static List<BandLimit> bands() {
        return Instruments.current().bands().stream().map(ReportJson::limit).toList();
    }

    private static BandLimit limit(BandRange range) {
        return new BandLimit(range.band().name(), range.from(), range.to());
    }

    static Scale scale() {
        return new Scale(Instruments.current().minimumScore(), Instruments.current().maximumScore());
    }

    static RoundSummary round(OrganisationView organisation, String roundId, Instant now) {
        RoundsUseCase.RoundView round = RoundsUseCase.RoundView.of(
                organisation.round(roundId).orElseThrow(), now, false);
        return new RoundSummary(round.id(), round.name(), round.openedAt(), round.closesAt(), round.closedAt(),
                round.status(), round.opensAt());
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }
}
