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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.out.OrganisationViews;
import nl.klantspiegel.application.port.out.EventLog;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.projection.ProjectionCatchUp;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.organisation.Membership;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.report.Completion;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.GroupKey;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.scoring.AlternativeScoring;
import nl.klantspiegel.domain.scoring.Rescoring;

/**
 * Answers the reports from the facts the {@link ReportProjection} keeps. An organisation's {@link ReportBasis} (its
 * facts with the anonymity floor decided over them) is computed once and kept until the facts' version, the
 * organisation's minimum group size or its rounds change; every member's answer is a view of that one basis, so
 * every figure is shown or hidden alike for everyone and in every report.
 *
 * <p>With a refresher, a basis that only fell behind new completions keeps answering (with the event position it
 * reflects) while the new one is computed beside it: a dashboard never waits for a recomputation because somebody
 * just finished a test. A changed minimum group size or new rounds are computed before answering.
 */
public final class ReportService implements ReportsQuery {

    private final ReportFacts facts;
    private final OrganisationViews organisations;
    private final ProjectionCatchUp catchUp;
    private final Clock clock;
    private final Duration timeout;
    private final Cache<String, Computed> computed;
    /** One computation per organisation at a time: whoever asks meanwhile waits for it instead of repeating it. */
    private final Cache<String, Object> computing;

    /** Where a basis that fell behind its facts is computed again while the kept one keeps answering. */
    private final Executor refresher;
    private final EventLog log;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** Computes a basis that fell behind its facts before answering. */
    public ReportService(ReportFacts facts, OrganisationViews organisations, ProjectionCatchUp catchUp, Clock clock,
                         Duration timeout, long cachedOrganisations) {
        this(facts, organisations, catchUp, clock, timeout, cachedOrganisations, null);
    }

    /**
     * @param refresher where a basis that fell behind its facts (new completions; the same minimum group size and
     *                  rounds) is computed again, while the kept one keeps answering with the position it reflects;
     *                  null: computed before answering
     */
    public ReportService(ReportFacts facts, OrganisationViews organisations, ProjectionCatchUp catchUp, Clock clock,
                         Duration timeout, long cachedOrganisations, Executor refresher) {
        this(facts, organisations, catchUp, clock, timeout, cachedOrganisations, refresher, null);
    }

    /**
     * @param log the event log, for reports as they were at a past moment ({@code asOf}); null: none can be asked
     */
    public ReportService(ReportFacts facts, OrganisationViews organisations, ProjectionCatchUp catchUp, Clock clock,
                         Duration timeout, long cachedOrganisations, Executor refresher, EventLog log) {
        this.log = log;
        this.refresher = refresher;
        this.facts = Objects.requireNonNull(facts, "facts");
        this.organisations = Objects.requireNonNull(organisations, "organisations");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.computed = Caffeine.newBuilder().maximumSize(cachedOrganisations).build();
        this.computing = Caffeine.newBuilder().weakValues().build();
    }

    @Override
    public ReportAnswer<ReportBasis.Trend> trend(Caller caller, String organisationId, Granularity granularity,
                                                 LocalDate from, LocalDate to, String teamId, Instant asOf) {
        Access access = access(caller, organisationId, asOf);
        Objects.requireNonNull(granularity, "granularity");
        if (teamId != null) {
            access.requireTeam(teamId);
        }
        Computed basis = access.basis(this);
        LocalDate today = LocalDate.ofInstant(asOf != null ? asOf : clock.instant(), ReportBasis.ZONE);
        LocalDate end = to == null ? today : to;
        LocalDate start = from != null ? from : basis.basis().firstDay()
                .filter(first -> !first.isAfter(end)).orElse(end.minusYears(1));
        if (end.isBefore(start)) {
            throw new InvalidRequest("'from' (" + start + ") must not lie after 'to' (" + end + ").");
        }
        List<String> teams = teamId != null ? List.of(teamId) : access.teams(basis.basis());
        try {
            ReportBasis.Trend trend = basis.basis().trend(granularity, start, end, teams, true);
            return answer(trend, access, basis, start, end);
        } catch (IllegalArgumentException tooMany) {
            throw new InvalidRequest(tooMany.getMessage() + ": choose a shorter range or a coarser granularity.");
        }
    }

    @Override
    public ReportAnswer<ReportBasis.RoundReport> round(Caller caller, String organisationId, String roundId,
                                                       Instant asOf) {
        Access access = access(caller, organisationId, asOf);
        Organisation.Round round = access.round(roundId);
        Computed basis = access.basis(this);
        return answer(basis.basis().round(round.id(), access.teamsOf(List.of(round), basis.basis())), access, basis,
                null, null);
    }

    @Override
    public ReportAnswer<ReportBasis.Comparison> comparison(Caller caller, String organisationId, String roundId,
                                                           String otherRoundId, Instant asOf) {
        Access access = access(caller, organisationId, asOf);
        Organisation.Round round = access.round(roundId);
        if (otherRoundId == null || otherRoundId.isBlank()) {
            throw new InvalidRequest("Name the round to compare with in 'with'.");
        }
        Organisation.Round other = access.round(otherRoundId);
        if (round.id().equals(other.id())) {
            throw new InvalidRequest("A round is compared with another round, not with itself.");
        }
        Computed basis = access.basis(this);
        return answer(basis.basis().comparison(round.id(), other.id(),
                access.teamsOf(List.of(round, other), basis.basis())), access, basis, null, null);
    }

    @Override
    public ReportAnswer<ReportBasis.Heatmap> heatmap(Caller caller, String organisationId, String roundId,
                                                     Instant asOf) {
        Access access = access(caller, organisationId, asOf);
        List<Organisation.Round> byOpening = access.view().rounds().stream()
                .sorted(Comparator.comparing(Organisation.Round::openedAt).thenComparing(Organisation.Round::id))
                .toList();
        Organisation.Round round;
        if (roundId == null || roundId.isBlank()) {
            if (byOpening.isEmpty()) {
                throw new NotFound("A round of organisation " + organisationId);
            }
            round = byOpening.get(byOpening.size() - 1);
        } else {
            round = access.round(roundId);
        }
        int index = byOpening.indexOf(round);
        Organisation.Round previous = index > 0 ? byOpening.get(index - 1) : null;
        Computed basis = access.basis(this);
        return answer(basis.basis().heatmap(round.id(), previous == null ? null : previous.id(),
                access.teamsOf(previous == null ? List.of(round) : List.of(round, previous), basis.basis()),
                Instruments.current().questionNumbers()), access, basis, null, null);
    }

    @Override
    public ReportAnswer<List<Completion>> shownOneByOne(Caller caller, String organisationId, String roundId,
                                                        String teamId, LocalDate from, LocalDate to) {
        Access access = access(caller, organisationId);
        if (!access.membership().mayExport()) {
            throw new AccessDenied("Only the organisation's admins and analysts export its data.");
        }
        if (roundId != null) {
            access.round(roundId);
        }
        if (teamId != null) {
            access.requireTeam(teamId);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRequest("from must not be after to.");
        }
        Computed basis = basis(access.view());
        List<Completion> rows = basis.basis().shownOneByOne().stream()
                .filter(row -> roundId == null || row.roundId().equals(roundId))
                .filter(row -> teamId == null || row.teamId().equals(teamId))
                .filter(row -> {
                    LocalDate day = row.completedAt().atZone(ReportBasis.ZONE).toLocalDate();
                    return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
                })
                .toList();
        return answer(rows, access, basis, from, to);
    }

    /**
     * The bands of a round and of each team in it the caller sees, under the instrument's own scoring and under
     * {@code scoring}: admins and analysts; the round opened last when {@code roundId} is null.
     */
    public ReportAnswer<List<Rescoring.Group>> rescored(Caller caller, String organisationId, String roundId,
                                                        AlternativeScoring scoring) {
        Access access = access(caller, organisationId);
        if (!access.membership().maySeeAllReports()) {
            throw new AccessDenied("Re-scorings are for the organisation's admins and analysts.");
        }
        Organisation.Round round;
        if (roundId == null) {
            round = access.view().rounds().stream()
                    .max(Comparator.comparing(Organisation.Round::openedAt).thenComparing(Organisation.Round::id))
                    .orElseThrow(() -> new NotFound("A round of organisation " + organisationId));
        } else {
            round = access.round(roundId);
        }
        Computed basis = access.basis(this);
        List<GroupKey> groups = new ArrayList<>();
        groups.add(GroupKey.round(round.id()));
        for (String team : access.teamsOf(List.of(round), basis.basis())) {
            groups.add(GroupKey.teamInRound(team, round.id()));
        }
        return answer(Rescoring.compare(basis.basis(), scoring, groups), access, basis, null, null);
    }

    private <T> ReportAnswer<T> answer(T report, Access access, Computed basis, LocalDate from, LocalDate to) {
        return new ReportAnswer<>(report, access.view(), new Provenance(Instruments.current().version(),
                basis.position(), basis.computedAt(), basis.basis().minimumGroupSize(), from, to));
    }

    private Access access(Caller caller, String organisationId, Instant asOf) {
        Access now = access(caller, organisationId);
        if (asOf == null) {
            return now;
        }
        if (log == null) {
            throw new InvalidRequest("Reports as of a past moment are not available here.");
        }
        if (asOf.isAfter(clock.instant())) {
            throw new InvalidRequest("asOf lies in the future: ask without it for the reports as they are now.");
        }
        AsOf then = AsOf.replay(log, now.view().id(), asOf);
        Computed basis = new Computed(-1, then.organisation().minimumGroupSize(), Set.of(),
                ReportBasis.of(then.completions(), then.started(), then.organisation().minimumGroupSize()),
                OptionalLong.of(then.position()), clock.instant());
        return new Access(OrganisationView.of(then.organisation()), now.membership(), basis);
    }

    private Access access(Caller caller, String organisationId) {
        catchUp.await(OrganisationViewProjection.PROCESSING_GROUP, "organisation views", timeout);
        catchUp.await(ReportProjection.PROCESSING_GROUP, "reports", timeout);
        ResultsAccess.Member member = ResultsAccess.member(caller, organisationId, organisations);
        return new Access(member.organisation(), member.membership(), null);
    }

    /** The basis of the organisation as it stands: the kept one while nothing it rests on has changed. */
    private Computed basis(OrganisationView view) {
        Set<String> rounds = new LinkedHashSet<>();
        view.rounds().forEach(round -> rounds.add(round.id()));
        long version = facts.version(view.id());
        Computed kept = kept(view, rounds, version);
        if (kept != null) {
            return kept;
        }
        Computed behind = computed.getIfPresent(view.id());
        if (refresher != null && behind != null && behind.version() < version
                && behind.minimum() == view.minimumGroupSize() && behind.rounds().equals(rounds)) {
            refresh(view, rounds);
            return behind;
        }
        return computeOnce(view, rounds);
    }

    /**
     * Computes the basis again in the background, once at a time per organisation. Only for new facts: a changed
     * minimum group size or new rounds are never answered from the old basis (a raised minimum must hide at once).
     */
    private void refresh(OrganisationView view, Set<String> rounds) {
        if (!refreshing.add(view.id())) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    computeOnce(view, rounds);
                } finally {
                    refreshing.remove(view.id());
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.remove(view.id());
            throw rejected;
        }
    }

    private Computed computeOnce(OrganisationView view, Set<String> rounds) {
        synchronized (computing.get(view.id(), organisation -> new Object())) {
            long version = facts.version(view.id());
            Computed meanwhile = kept(view, rounds, version);
            return meanwhile != null ? meanwhile : compute(view, rounds, version);
        }
    }

    private Computed kept(OrganisationView view, Set<String> rounds, long version) {
        Computed kept = computed.getIfPresent(view.id());
        boolean current = kept != null && kept.version() == version && kept.minimum() == view.minimumGroupSize()
                && kept.rounds().equals(rounds);
        return current ? kept : null;
    }

    private Computed compute(OrganisationView view, Set<String> rounds, long version) {
        OptionalLong position = catchUp.position(ReportProjection.PROCESSING_GROUP);
        ReportFacts.Facts read = facts.facts(view.id(), rounds);
        Computed fresh = new Computed(version, view.minimumGroupSize(), Set.copyOf(rounds),
                ReportBasis.of(read.completions(), read.started(), view.minimumGroupSize()), position,
                clock.instant());
        computed.put(view.id(), fresh);
        return fresh;
    }

    private record Computed(long version, int minimum, Set<String> rounds, ReportBasis basis, OptionalLong position,
                            Instant computedAt) {
    }

    /**
     * A member's view of the organisation: which teams and rounds they may ask for.
     *
     * @param asOf the basis as it was at a past moment, or null for the organisation as it is
     */
    private record Access(OrganisationView view, Membership membership, Computed asOf) {

        Computed basis(ReportService service) {
            return asOf != null ? asOf : service.basis(view);
        }

        void requireTeam(String teamId) {
            if (view.team(teamId).isEmpty() || !membership.maySeeTeam(teamId)) {
                throw new NotFound("Team " + teamId);
            }
        }

        Organisation.Round round(String roundId) {
            return Optional.ofNullable(roundId).flatMap(view::round)
                    .orElseThrow(() -> new NotFound("Round " + roundId));
        }

        /** The teams this member sees: active ones, and retired ones that have completed assessments. */
        List<String> teams(ReportBasis basis) {
            List<String> teams = new ArrayList<>();
            for (Organisation.Team team : view.teams()) {
                if (membership.maySeeTeam(team.id()) && (!team.retired() || basis.hasCompletionsOf(team.id()))) {
                    teams.add(team.id());
                }
            }
            return teams;
        }

        /** The teams of some rounds this member sees (all teams for a round of the whole organisation). */
        List<String> teamsOf(List<Organisation.Round> rounds, ReportBasis basis) {
            Set<String> teams = new LinkedHashSet<>();
            for (String team : teams(basis)) {
                for (Organisation.Round round : rounds) {
                    if (round.coversWholeOrganisation() || round.teams().contains(team)
                            || basis.floor().size(GroupKey.teamInRound(team, round.id())) > 0) {
                        teams.add(team);
                    }
                }
            }
            return List.copyOf(teams);
        }
    }
}
