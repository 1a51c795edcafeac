package nl.klantspiegel.application.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import nl.klantspiegel.application.access.MemberGate;
import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import nl.klantspiegel.domain.scoring.Rescoring;

/**
 * Answers the reports from the organisation's {@link ReleasedResults}: every member's answer is a view of the same
 * released batches, now or as of a past moment, so every figure moves only by whole batches, for everyone and in every
 * report.
 */
public final class ReportService implements ReportsQuery {

    private final ReleasedResults released;
    private final OrganisationViews organisations;
    private final CatchUpWait caughtUp;
    private final Clock clock;

    public ReportService(ReleasedResults released, OrganisationViews organisations, CatchUpWait caughtUp,
                         Clock clock) {
        this.released = Objects.requireNonNull(released, "released");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.caughtUp = Objects.requireNonNull(caughtUp, "caughtUp");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ReportAnswer<ReportBasis.Trend> trend(Caller caller, String organisationId, Granularity granularity,
                                                 LocalDate from, LocalDate to, String teamId, Instant asOf) {
        ReportScope scope = scope(caller, organisationId, asOf);
        Objects.requireNonNull(granularity, "granularity");
        if (teamId != null) {
            scope.requireTeam(teamId);
        }
        ReportBasis basis = scope.results().basis();
        LocalDate today = LocalDate.ofInstant(asOf != null ? asOf : clock.instant(), ReportBasis.ZONE);
        LocalDate end = to == null ? today : to;
        LocalDate start = from != null ? from : basis.firstDay()
                .filter(first -> !first.isAfter(end)).orElse(end.minusYears(1));
        if (end.isBefore(start)) {
            throw new InvalidRequest("'from' (" + start + ") must not lie after 'to' (" + end + ").");
        }
        List<String> teams = teamId != null ? List.of(teamId) : scope.teams();
        try {
            return answer(basis.trend(granularity, start, end, teams, true), scope, start, end);
        } catch (IllegalArgumentException tooMany) {
            throw new InvalidRequest(tooMany.getMessage() + ": choose a shorter range or a coarser granularity.");
        }
    }

    @Override
    public ReportAnswer<ReportBasis.RoundReport> round(Caller caller, String organisationId, String roundId,
                                                       Instant asOf) {
        ReportScope scope = scope(caller, organisationId, asOf);
        Organisation.Round round = scope.round(roundId);
        return answer(scope.results().basis().round(round.id(), scope.teamsOf(List.of(round))), scope, null, null);
    }

    @Override
    public ReportAnswer<ReportBasis.Comparison> comparison(Caller caller, String organisationId, String roundId,
                                                           String otherRoundId, Instant asOf) {
        ReportScope scope = scope(caller, organisationId, asOf);
        Organisation.Round round = scope.round(roundId);
        if (otherRoundId == null || otherRoundId.isBlank()) {
            throw new InvalidRequest("Name the round to compare with in 'with'.");
        }
        Organisation.Round other = scope.round(otherRoundId);
        if (round.id().equals(other.id())) {
            throw new InvalidRequest("A round is compared with another round, not with itself.");
        }
        return answer(scope.results().basis().comparison(round.id(), other.id(),
                scope.teamsOf(List.of(round, other))), scope, null, null);
    }

    @Override
    public ReportAnswer<ReportBasis.Heatmap> heatmap(Caller caller, String organisationId, String roundId,
                                                     Instant asOf) {
        ReportScope scope = scope(caller, organisationId, asOf);
        List<Organisation.Round> byOpening = scope.rounds().stream()
                .sorted(Comparator.comparing(Organisation.Round::openedAt).thenComparing(Organisation.Round::id))
                .toList();
        Organisation.Round round;
        if (roundId == null || roundId.isBlank()) {
            if (byOpening.isEmpty()) {
                throw new NotFound("A round of organisation " + organisationId);
            }
            round = byOpening.get(byOpening.size() - 1);
        } else {
            round = scope.round(roundId);
        }
        int index = byOpening.indexOf(round);
        Organisation.Round previous = index > 0 ? byOpening.get(index - 1) : null;
        return answer(scope.results().basis().heatmap(round.id(), previous == null ? null : previous.id(),
                scope.teamsOf(previous == null ? List.of(round) : List.of(round, previous)),
                Instruments.current().questionNumbers()), scope, null, null);
    }

    @Override
    public ReportAnswer<List<ReportBasis.Row>> rows(Caller caller, String organisationId, String roundId,
                                                    String teamId, LocalDate from, LocalDate to) {
        ReportScope scope = scope(caller, organisationId, null);
        if (!scope.membership().mayExport()) {
            throw new AccessDenied("Only the organisation's admins and analysts export its data.");
        }
        if (roundId != null) {
            scope.round(roundId);
        }
        if (teamId != null) {
            scope.requireTeam(teamId);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequest("from must not be after to.");
        }
        List<ReportBasis.Row> rows = scope.results().basis().rows().stream()
                .filter(row -> roundId == null || row.batch().roundId().equals(roundId))
                .filter(row -> teamId == null || teamId.equals(row.batch().teamId()))
                .filter(row -> {
                    LocalDate day = row.batch().releasedAt().atZone(ReportBasis.ZONE).toLocalDate();
                    return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
                })
                .toList();
        return answer(rows, scope, from, to);
    }

    /**
     * The bands of a round and of each team in it the caller sees, under the instrument's own scoring and under
     * {@code scoring}: admins and analysts; the round opened last when {@code roundId} is null. For
     * {@link RescoringService}, which finds the scoring; the rules of who sees which round and team stay here.
     */
    ReportAnswer<List<Rescoring.Group>> rescored(Caller caller, String organisationId, String roundId,
                                                        AlternativeScoring scoring) {
        ReportScope scope = scope(caller, organisationId, null);
        if (!scope.membership().maySeeAllReports()) {
            throw new AccessDenied("Re-scorings are for the organisation's admins and analysts.");
        }
        Organisation.Round round;
        if (roundId == null) {
            round = scope.rounds().stream()
                    .max(Comparator.comparing(Organisation.Round::openedAt).thenComparing(Organisation.Round::id))
                    .orElseThrow(() -> new NotFound("A round of organisation " + organisationId));
        } else {
            round = scope.round(roundId);
        }
        List<GroupKey> groups = new ArrayList<>();
        groups.add(GroupKey.round(round.id()));
        for (String team : scope.teamsOf(List.of(round))) {
            groups.add(GroupKey.teamInRound(team, round.id()));
        }
        return answer(Rescoring.compare(scope.results().basis(), scoring, groups), scope, null, null);
    }

    /**
     * The released results of an organisation as they are now, for a member who sees all its reports (admins and
     * analysts): for reports of other kinds over the same batches.
     */
    Results allResults(Caller caller, String organisationId, String refusal) {
        ReportScope scope = scope(caller, organisationId, null);
        if (!scope.membership().maySeeAllReports()) {
            throw new AccessDenied(refusal);
        }
        return new Results(scope.view(), scope.results());
    }

    /** An organisation and its released results. */
    record Results(OrganisationView view, ReleasedResults.Released released) {
    }

    private <T> ReportAnswer<T> answer(T report, ReportScope scope, LocalDate from, LocalDate to) {
        return new ReportAnswer<>(report, scope.view(), new Provenance(Instruments.current().version(),
                scope.results().release(), scope.results().basis().minimumGroupSize(), from, to));
    }

    private ReportScope scope(Caller caller, String organisationId, Instant asOf) {
        caughtUp.await(OrganisationViewProjection.VIEWS, ReportProjection.VIEWS);
        MemberGate.Member member = MemberGate.member(caller, organisationId, organisations,
                "The operator sees no organisation's results; its members do.");
        OrganisationView view = member.organisation();
        if (asOf == null) {
            return new ReportScope(view, member.membership(), released.now(view), null);
        }
        if (asOf.isAfter(clock.instant())) {
            throw new InvalidRequest("asOf lies in the future: ask without it for the reports as they are now.");
        }
        return new ReportScope(view, member.membership(), released.asOf(view, asOf), asOf);
    }

    /**
     * What a member may ask reports of: which teams and rounds, and the released results they are drawn from.
     *
     * @param asOf the moment the results are as of, or null for now (rounds opened later do not exist then)
     */
    private record ReportScope(OrganisationView view, Membership membership, ReleasedResults.Released results,
                               Instant asOf) {

        void requireTeam(String teamId) {
            if (view.team(teamId).isEmpty() || !membership.maySeeTeam(teamId)) {
                throw new NotFound("Team " + teamId);
            }
        }

        List<Organisation.Round> rounds() {
            return view.rounds().stream().filter(round -> asOf == null || !round.openedAt().isAfter(asOf)).toList();
        }

        Organisation.Round round(String roundId) {
            return rounds().stream().filter(round -> round.id().equals(roundId)).findFirst()
                    .orElseThrow(() -> new NotFound("Round " + roundId));
        }

        /** The teams this member sees: active ones, and retired ones that have released results of their own. */
        List<String> teams() {
            List<String> teams = new ArrayList<>();
            for (Organisation.Team team : view.teams()) {
                if (membership.maySeeTeam(team.id())
                        && (!team.retired() || results.basis().hasCompletionsOf(team.id()))) {
                    teams.add(team.id());
                }
            }
            return teams;
        }

        /** The teams of some rounds this member sees (all teams for a round of the whole organisation). */
        List<String> teamsOf(List<Organisation.Round> rounds) {
            Set<String> teams = new LinkedHashSet<>();
            for (String team : teams()) {
                for (Organisation.Round round : rounds) {
                    if (round.coversWholeOrganisation() || round.teams().contains(team)
                            || results.basis().size(GroupKey.teamInRound(team, round.id())) > 0) {
                        teams.add(team);
                    }
                }
            }
            return List.copyOf(teams);
        }
    }
}
