package nl.klantspiegel.application.port.in;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalLong;

import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.ReportBasis;

/**
 * An organisation's reports, for its members as their role allows: admins and analysts everything, team leads their
 * own teams and the organisation-wide figures that the anonymity floor lets through; the operator none. Every figure
 * that rests on fewer completed assessments than the organisation's minimum, or would let such a group be worked out
 * by subtraction, is suppressed.
 *
 * @throws NotFound       for an organisation the caller is not a member of, a round or team it does not have, or a
 *                        team a team lead does not lead
 * @throws AccessDenied   for the operator
 * @throws InvalidRequest for a range that ends before it starts or holds too many periods
 */
public interface ReportsQuery {

    /**
     * The trend per period; {@code from} and {@code to} may be null (the first completed assessment, today).
     *
     * @param asOf a past moment: the report as it was then (computed from the event log up to it, under the same
     *             anonymity rules); null: as it is now. The same for every report.
     */
    ReportAnswer<ReportBasis.Trend> trend(Caller caller, String organisationId, Granularity granularity,
                                          LocalDate from, LocalDate to, String teamId, java.time.Instant asOf);

    default ReportAnswer<ReportBasis.Trend> trend(Caller caller, String organisationId, Granularity granularity,
                                                  LocalDate from, LocalDate to, String teamId) {
        return trend(caller, organisationId, granularity, from, to, teamId, null);
    }

    ReportAnswer<ReportBasis.RoundReport> round(Caller caller, String organisationId, String roundId,
                                                java.time.Instant asOf);

    default ReportAnswer<ReportBasis.RoundReport> round(Caller caller, String organisationId, String roundId) {
        return round(caller, organisationId, roundId, null);
    }

    ReportAnswer<ReportBasis.Comparison> comparison(Caller caller, String organisationId, String roundId,
                                                    String otherRoundId, java.time.Instant asOf);

    default ReportAnswer<ReportBasis.Comparison> comparison(Caller caller, String organisationId, String roundId,
                                                            String otherRoundId) {
        return comparison(caller, organisationId, roundId, otherRoundId, null);
    }

    /** The heatmap of a round; the most recently opened round when {@code roundId} is null. */
    ReportAnswer<ReportBasis.Heatmap> heatmap(Caller caller, String organisationId, String roundId,
                                              java.time.Instant asOf);

    default ReportAnswer<ReportBasis.Heatmap> heatmap(Caller caller, String organisationId, String roundId) {
        return heatmap(caller, organisationId, roundId, null);
    }

    /**
     * A report with what it rests on: the organisation as it is now (for the names of teams and rounds), and its
     * provenance.
     */
    /**
     * The completed assessments that may be given one by one (a spreadsheet's rows), for those who may export: of
     * teams in rounds whose figures are shown, filtered like the reports.
     */
    ReportAnswer<java.util.List<nl.klantspiegel.domain.report.Completion>> shownOneByOne(Caller caller,
            String organisationId, String roundId, String teamId, LocalDate from, LocalDate to);

    record ReportAnswer<T>(T report, OrganisationView organisation, Provenance provenance) {

        public ReportAnswer {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(organisation, "organisation");
            Objects.requireNonNull(provenance, "provenance");
        }
    }

    /**
     * @param instrumentVersion the instrument the assessments were scored with
     * @param position          the position in the event log up to which every event is in the figures (empty before
     *                          the first event)
     * @param computedAt        when the figures were computed
     * @param minimumGroupSize  the organisation's minimum group size that was applied
     * @param range             the days the report covers, when it is a trend
     */
    record Provenance(int instrumentVersion, OptionalLong position, Instant computedAt, int minimumGroupSize,
                      LocalDate from, LocalDate to) {
    }
}
