package nl.klantspiegel.application.port.in;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.ReportBasis;

/**
 * An organisation's reports, for its members as their role allows: admins and analysts everything, team leads their
 * own teams and the organisation's figures; the operator none. Every figure is computed over released batches only
 * (each of at least the organisation's minimum group size), so nothing anybody sees or works out rests on fewer.
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
     * @param asOf a past moment: the report as it was then (the releases made by then, under today's minimum group
     *             size); null: as it is now. The same for every report.
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
     * The released completed assessments one by one (a spreadsheet's rows), for those who may export, filtered like the
     * reports: by round, team (a team's own batches) and the day of their release.
     */
    ReportAnswer<java.util.List<ReportBasis.Row>> rows(Caller caller, String organisationId, String roundId,
                                                       String teamId, LocalDate from, LocalDate to);

    /**
     * A report with what it rests on: the organisation as it is now (for the names of teams and rounds), and its
     * provenance.
     */
    record ReportAnswer<T>(T report, OrganisationView organisation, Provenance provenance) {

        public ReportAnswer {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(organisation, "organisation");
            Objects.requireNonNull(provenance, "provenance");
        }
    }

    /**
     * @param instrumentVersion the instrument the assessments were scored with
     * @param release           the last release the figures count (empty before the first)
     * @param minimumGroupSize  the organisation's minimum group size that was applied: smaller batches do not count
     * @param from              the first day the report covers, when it is a trend or filtered by days
     * @param to                the last day it covers
     */
    record Provenance(int instrumentVersion, java.util.Optional<Release> release, int minimumGroupSize,
                      LocalDate from, LocalDate to) {
        public Provenance {
            Objects.requireNonNull(release, "release");
        }
    }

    /** A release of results: its number in the organisation and when it was made. */
    record Release(long number, Instant at) {
        public Release {
            Objects.requireNonNull(at, "at");
        }
    }
}
