package nl.klantspiegel.application.report;

import nl.klantspiegel.application.organisation.OrganisationViewProjection;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.in.ReportsQuery.Provenance;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.port.in.ViewsCatchingUp;
import nl.klantspiegel.application.projection.CatchUpWait;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.application.testing.MutableClock;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.organisation.TeamRetired;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.GroupReport;
import nl.klantspiegel.domain.report.Period;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.report.ReportBasis.ComparedGroup;
import nl.klantspiegel.domain.report.ReportBasis.Heatmap;
import nl.klantspiegel.domain.report.ReportBasis.HeatmapCell;
import nl.klantspiegel.domain.report.ReportBasis.HeatmapRow;
import nl.klantspiegel.domain.report.ReportBasis.Series;
import nl.klantspiegel.domain.report.ReportBasis.Trend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An organisation's reports through the service: who sees which teams (admins and analysts all, a team lead their
 * own, the operator and strangers nothing), which requests are refused, which round the heatmap shows, the basis
 * kept until a release (or the minimum, or the rounds) changes it, and the provenance of every answer.
 */
class ReportServiceTest {

    private static final String ORG = "org-acme";
    private static final String EMPTY_ORG = "org-empty";
    private static final String SALES = "t-sales";
    private static final String SERVICE = "t-service";
    private static final String SUPPORT = "t-support";
    private static final String LEGACY = "t-legacy";
    private static final String GONE = "t-gone";
    /** Opened first, though its id sorts last. */
    private static final String SPRING = "r-spring";
    /** Opened last, though its id sorts first. */
    private static final String AUTUMN = "r-autumn";
    private static final Instant REGISTERED = Instant.parse("2026-02-02T09:00:00Z");
    private static final Instant SPRING_OPENED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant AUTUMN_OPENED = Instant.parse("2026-09-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-10-01");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Caller OPERATOR = new Caller("acc-operator", true);
    private static final Caller ADMIN = new Caller("acc-admin", false);
    private static final Caller ANALYST = new Caller("acc-analyst", false);
    private static final Caller LEAD = new Caller("acc-lead", false);
    private static final Caller STRANGER = new Caller("acc-stranger", false);
    private static final Actor BY_OPERATOR = OPERATOR.actor();
    private static final Actor BY_ADMIN = ADMIN.actor();

    private final InMemoryReportFacts facts = new InMemoryReportFacts();
    private final ReportProjection projection = new ReportProjection(facts);
    private final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    private final MutableClock clock = new MutableClock(NOW);
    private final ReportService service = service(CatchUps.caughtUp(TIMEOUT));
    private Organisation acme;
    /** Per round and team, what was completed and not released yet. */
    private final Map<List<String>, List<String>> unreleasedCompleted = new LinkedHashMap<>();
    private long releases;

    /**
     * Acme, minimum group size 3: teams Sales, Service, Support, Legacy and Gone; an admin, an analyst and a team
     * lead of Sales. Round Spring (whole organisation) has three completed assessments of each of Sales, Service,
     * Support and Legacy and one more started in Sales; round Autumn (Sales and Service) three of Sales and three
     * of Service. Then Legacy and Gone were retired. Spring's were released on 12 March, Autumn's on 17 September,
     * each team a batch of three. Answers: Sales variant 0 in Spring and 1 in Autumn,
     * Service 2, Support 0, Legacy 1 (see {@link #options}).
     */
    @BeforeEach
    void anOrganisationWithTwoRounds() {
        acme = organisation(ORG, 3,
                new TeamAdded(ORG, SALES, "Sales", BY_ADMIN, REGISTERED),
                new TeamAdded(ORG, SERVICE, "Service", BY_ADMIN, REGISTERED),
                new TeamAdded(ORG, SUPPORT, "Support", BY_ADMIN, REGISTERED),
                new TeamAdded(ORG, LEGACY, "Legacy", BY_ADMIN, REGISTERED),
                new TeamAdded(ORG, GONE, "Gone", BY_ADMIN, REGISTERED),
                new MemberAdded(ORG, ANALYST.accountId(), Role.ANALYST, List.of(), BY_ADMIN, REGISTERED),
                new MemberAdded(ORG, LEAD.accountId(), Role.TEAM_LEAD, List.of(SALES), BY_ADMIN, REGISTERED),
                new RoundOpened(ORG, SPRING, "Spring", List.of(), null, "token-spring", BY_ADMIN, SPRING_OPENED),
                new RoundOpened(ORG, AUTUMN, "Autumn", List.of(SALES, SERVICE), null, "token-autumn", BY_ADMIN,
                        AUTUMN_OPENED),
                new TeamRetired(ORG, LEGACY, BY_ADMIN, AUTUMN_OPENED),
                new TeamRetired(ORG, GONE, BY_ADMIN, AUTUMN_OPENED));
        views.save(OrganisationView.of(acme));
        views.save(OrganisationView.of(organisation(EMPTY_ORG, 5)));

        completeThree("spring-sales", SPRING, SALES, "2026-03-10T10:00:00Z", 0);
        completeThree("spring-service", SPRING, SERVICE, "2026-03-10T11:00:00Z", 2);
        completeThree("spring-support", SPRING, SUPPORT, "2026-03-11T10:00:00Z", 0);
        completeThree("spring-legacy", SPRING, LEGACY, "2026-03-11T11:00:00Z", 1);
        projection.on(new AssessmentStarted("spring-sales-unfinished", 1, Language.NL, SPRING_OPENED,
                new Participation(ORG, SPRING, SALES)));
        release(Instant.parse("2026-03-12T10:00:00Z"));
        completeThree("autumn-sales", AUTUMN, SALES, "2026-09-15T10:00:00Z", 1);
        completeThree("autumn-service", AUTUMN, SERVICE, "2026-09-16T10:00:00Z", 2);
        release(Instant.parse("2026-09-17T10:00:00Z"));
    }

    /** Releases everything not released yet, per round and team, as a release at {@code at}. */
    private void release(Instant at) {
        projection.on(new ResultsReleased(ORG, ++releases, at, 3, batches(unreleasedCompleted), at));
        unreleasedCompleted.clear();
    }

    private static List<ResultsReleased.Batch> batches(Map<List<String>, List<String>> waiting) {
        return waiting.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> new ResultsReleased.Batch(entry.getKey().get(0), entry.getKey().get(1),
                        entry.getValue())).toList();
    }

    // ----- who sees what ------------------------------------------------------------------------------

    @Test
    void an_admin_sees_every_team_but_a_retired_one_without_assessments() {
        ReportAnswer<Trend> trend = service.trend(ADMIN, ORG, Granularity.MONTH, null, null, null);

        assertThat(seriesTeams(trend.report())).containsExactly(null, SALES, SERVICE, SUPPORT, LEGACY);
        assertThat(trend.report().periods()).extracting(Period::label).containsExactly("2026-03", "2026-04",
                "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10");
        Series organisation = trend.report().series().get(0);
        assertThat(organisation.points()).extracting(GroupReport::n).containsExactly(12, 0, 0, 0, 0, 0, 6, 0);
        assertThat(trend.report().series().get(1).points().get(6).n()).isEqualTo(3);
        assertThat(trend.organisation()).isEqualTo(OrganisationView.of(acme));

        assertThat(roundTeams(service.round(ADMIN, ORG, SPRING).report()))
                .containsExactly(SALES, SERVICE, SUPPORT, LEGACY);
        assertThat(roundTeams(service.round(ADMIN, ORG, AUTUMN).report()))
                .as("Autumn covers Sales and Service only").containsExactly(SALES, SERVICE);
    }

    @Test
    void an_analyst_sees_every_team_too() {
        assertThat(seriesTeams(service.trend(ANALYST, ORG, Granularity.QUARTER, null, null, null).report()))
                .containsExactly(null, SALES, SERVICE, SUPPORT, LEGACY);
        assertThat(seriesTeams(service.trend(ANALYST, ORG, Granularity.QUARTER, null, null, SUPPORT).report()))
                .containsExactly(null, SUPPORT);
        assertThat(roundTeams(service.round(ANALYST, ORG, SPRING).report()))
                .containsExactly(SALES, SERVICE, SUPPORT, LEGACY);
        assertThat(comparedTeams(service.comparison(ANALYST, ORG, AUTUMN, SPRING).report().groups()))
                .containsExactly(null, SALES, SERVICE, SUPPORT, LEGACY);
        assertThat(rowTeams(service.heatmap(ANALYST, ORG, null).report()))
                .containsExactly(SALES, SERVICE, SUPPORT, LEGACY);
    }

    @Test
    void a_team_lead_asking_for_another_team_is_told_it_does_not_exist() {
        assertThatThrownBy(() -> service.trend(LEAD, ORG, Granularity.MONTH, null, null, SERVICE))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.trend(LEAD, ORG, Granularity.MONTH, null, null, GONE))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.trend(ADMIN, ORG, Granularity.MONTH, null, null, "t-unknown"))
                .as("nor does anyone see a team the organisation does not have").isInstanceOf(NotFound.class);

        assertThat(seriesTeams(service.trend(LEAD, ORG, Granularity.MONTH, null, null, SALES).report()))
                .containsExactly(null, SALES);
    }

    @Test
    void a_team_lead_sees_their_own_teams_and_the_organisation_series() {
        ReportAnswer<Trend> trend = service.trend(LEAD, ORG, Granularity.MONTH, null, null, null);

        assertThat(seriesTeams(trend.report())).containsExactly(null, SALES);
        assertThat(trend.report().series().get(0).points().get(0).n()).isEqualTo(12);
        assertThat(roundTeams(service.round(LEAD, ORG, SPRING).report())).containsExactly(SALES);
        assertThat(service.round(LEAD, ORG, SPRING).report().organisation().n()).isEqualTo(12);
        assertThat(comparedTeams(service.comparison(LEAD, ORG, AUTUMN, SPRING).report().groups()))
                .containsExactly(null, SALES);
        assertThat(rowTeams(service.heatmap(LEAD, ORG, null).report())).containsExactly(SALES);
    }

    @Test
    void the_operator_sees_no_organisations_results() {
        assertThatThrownBy(() -> service.trend(OPERATOR, ORG, Granularity.MONTH, null, null, null))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.round(OPERATOR, ORG, SPRING)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.comparison(OPERATOR, ORG, SPRING, AUTUMN)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.heatmap(OPERATOR, ORG, null)).isInstanceOf(AccessDenied.class);
        assertThat(facts.factsReads()).as("nothing was computed").isZero();
    }

    @Test
    void a_stranger_is_told_the_organisation_does_not_exist() {
        assertThatThrownBy(() -> service.trend(STRANGER, ORG, Granularity.MONTH, null, null, null))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.round(STRANGER, ORG, SPRING)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.comparison(STRANGER, ORG, SPRING, AUTUMN)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.heatmap(STRANGER, ORG, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.round(ADMIN, "org-unknown", SPRING)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.round(OPERATOR, "org-unknown", SPRING)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.round(ADMIN, null, SPRING)).isInstanceOf(NotFound.class);
        assertThat(facts.factsReads()).isZero();
    }

    // ----- refused requests ---------------------------------------------------------------------------

    @Test
    void an_unknown_round_is_not_found() {
        assertThatThrownBy(() -> service.round(ADMIN, ORG, "r-unknown")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.round(ADMIN, ORG, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.comparison(ADMIN, ORG, "r-unknown", SPRING)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.comparison(ADMIN, ORG, SPRING, "r-unknown")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.heatmap(ADMIN, ORG, "r-unknown")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.heatmap(ADMIN, EMPTY_ORG, null))
                .as("an organisation without rounds has no heatmap").isInstanceOf(NotFound.class);
    }

    @Test
    void a_round_is_compared_with_another_round_named_in_with() {
        assertThatThrownBy(() -> service.comparison(ADMIN, ORG, SPRING, SPRING)).isInstanceOf(InvalidRequest.class)
                .hasMessage("A round is compared with another round, not with itself.");
        assertThatThrownBy(() -> service.comparison(ADMIN, ORG, SPRING, null)).isInstanceOf(InvalidRequest.class)
                .hasMessage("Name the round to compare with in 'with'.");
        assertThatThrownBy(() -> service.comparison(ADMIN, ORG, SPRING, "  ")).isInstanceOf(InvalidRequest.class)
                .hasMessage("Name the round to compare with in 'with'.");
    }

    @Test
    void a_comparison_gives_the_difference_of_the_mean_totals_per_group() {
        List<ComparedGroup> groups = service.comparison(ADMIN, ORG, AUTUMN, SPRING).report().groups();

        ComparedGroup sales = groups.get(1);
        assertThat(sales.teamId()).isEqualTo(SALES);
        assertThat(sales.round().figures().orElseThrow().mean()).isEqualTo(16.0);
        assertThat(sales.other().figures().orElseThrow().mean()).isEqualTo(20.0);
        assertThat(sales.difference().orElseThrow().estimate()).isEqualTo(-4.0);
        assertThat(groups.get(3).teamId()).isEqualTo(SUPPORT);
        assertThat(groups.get(3).difference()).as("Support has nothing in Autumn").isEmpty();
    }

    @Test
    void a_range_that_ends_before_it_starts_is_refused() {
        assertThatThrownBy(() -> service.trend(ADMIN, ORG, Granularity.MONTH, LocalDate.parse("2026-05-02"),
                LocalDate.parse("2026-05-01"), null))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("'from' (2026-05-02) must not lie after 'to' (2026-05-01).");

        ReportAnswer<Trend> oneDay = service.trend(ADMIN, ORG, Granularity.MONTH, LocalDate.parse("2026-05-01"),
                LocalDate.parse("2026-05-01"), null);
        assertThat(oneDay.report().periods()).extracting(Period::label).containsExactly("2026-05");
    }

    @Test
    void a_range_of_too_many_periods_is_refused() {
        LocalDate from = LocalDate.parse("2006-10-01");

        assertThatThrownBy(() -> service.trend(ADMIN, ORG, Granularity.WEEK, from, TODAY, null))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("the range holds more than 600 periods of a week: choose a shorter range or a coarser "
                        + "granularity.");

        assertThat(service.trend(ADMIN, ORG, Granularity.MONTH, from, TODAY, null).report().periods())
                .as("20 years of months are fine").hasSize(241);
    }

    @Test
    void a_range_defaults_to_the_first_release_until_today() {
        Provenance provenance = service.trend(ADMIN, ORG, Granularity.WEEK, null, null, null).provenance();
        assertThat(provenance.from()).isEqualTo(LocalDate.parse("2026-03-12"));
        assertThat(provenance.to()).isEqualTo(TODAY);

        Provenance beforeTheFirst = service.trend(ADMIN, ORG, Granularity.MONTH, null,
                LocalDate.parse("2026-01-31"), null).provenance();
        assertThat(beforeTheFirst.from()).as("a year back when the first lies after the end")
                .isEqualTo(LocalDate.parse("2025-01-31"));
        assertThat(beforeTheFirst.to()).isEqualTo(LocalDate.parse("2026-01-31"));

        Provenance nothingYet = service.trend(ADMIN, EMPTY_ORG, Granularity.MONTH, null, null, null).provenance();
        assertThat(nothingYet.from()).isEqualTo(LocalDate.parse("2025-10-01"));
        assertThat(nothingYet.to()).isEqualTo(TODAY);
    }

    // ----- the heatmap --------------------------------------------------------------------------------

    @Test
    void the_heatmap_defaults_to_the_round_opened_last_and_names_the_previous_round() {
        OrganisationView asOpened = OrganisationView.of(acme);
        List<Organisation.Round> reversed = new ArrayList<>(asOpened.rounds());
        java.util.Collections.reverse(reversed);
        views.save(new OrganisationView(ORG, asOpened.name(), asOpened.minimumGroupSize(), asOpened.teams(),
                asOpened.members(), reversed, asOpened.version()));

        Heatmap heatmap = service.heatmap(ADMIN, ORG, null).report();

        assertThat(heatmap.roundId()).isEqualTo(AUTUMN);
        assertThat(heatmap.previousRoundId()).isEqualTo(SPRING);
        assertThat(heatmap.questions()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(rowTeams(heatmap)).containsExactly(SALES, SERVICE, SUPPORT, LEGACY);
        assertThat(heatmap.rows().get(0).cells()).containsExactly(
                new HeatmapCell(1, 5.0, OptionalDouble.of(3.0)), new HeatmapCell(2, 3.0, OptionalDouble.of(1.0)),
                new HeatmapCell(3, 1.0, OptionalDouble.of(5.0)), new HeatmapCell(4, 1.0, OptionalDouble.of(5.0)),
                new HeatmapCell(5, 3.0, OptionalDouble.of(5.0)), new HeatmapCell(6, 3.0, OptionalDouble.of(1.0)));
        assertThat(heatmap.rows().get(2).cells()).as("Support has nothing in Autumn").isEmpty();
        assertThat(heatmap.reference().group().n()).isEqualTo(6);
        assertThat(heatmap.reference().cells().get(0)).isEqualTo(new HeatmapCell(1, 3.0, OptionalDouble.of(3.0)));
    }

    @Test
    void the_heatmap_of_the_first_round_has_no_previous_round() {
        Heatmap heatmap = service.heatmap(ADMIN, ORG, SPRING).report();

        assertThat(heatmap.roundId()).isEqualTo(SPRING);
        assertThat(heatmap.previousRoundId()).isNull();
        assertThat(heatmap.rows().get(0).cells().get(0)).isEqualTo(new HeatmapCell(1, 3.0, OptionalDouble.empty()));
        assertThat(service.heatmap(ADMIN, ORG, "  ").report().roundId()).as("blank is no round").isEqualTo(AUTUMN);
    }

    // ----- the kept basis -----------------------------------------------------------------------------

    @Test
    void the_basis_is_kept_while_nothing_it_rests_on_changes() {
        ReportAnswer<ReportBasis.RoundReport> first = service.round(ADMIN, ORG, SPRING);
        clock.advance(Duration.ofMinutes(5));
        ReportAnswer<ReportBasis.RoundReport> again = service.round(LEAD, ORG, SPRING);
        service.trend(ANALYST, ORG, Granularity.YEAR, null, null, null);
        service.heatmap(ADMIN, ORG, null);

        assertThat(facts.factsReads()).isEqualTo(1);
        assertThat(again.report().organisation()).isSameAs(first.report().organisation());

        complete("autumn-sales-4", new Participation(ORG, AUTUMN, SALES), "2026-09-17T10:00:00Z", 1);
        complete("other-1", new Participation("org-other", SPRING, SALES), "2026-09-20T10:00:00Z", 0);
        assertThat(service.round(ADMIN, ORG, AUTUMN).report().organisation().n())
                .as("a completion no release showed changes nothing").isEqualTo(6);
        assertThat(facts.factsReads()).as("nor does it make the basis be read again").isEqualTo(1);
    }

    @Test
    void the_basis_is_computed_again_when_a_release_is_made() {
        ReportAnswer<ReportBasis.RoundReport> before = service.round(ADMIN, ORG, AUTUMN);

        for (int i = 4; i <= 6; i++) {
            complete("autumn-sales-" + i, new Participation(ORG, AUTUMN, SALES), "2026-09-20T10:00:0" + i + "Z", 1);
        }
        release(Instant.parse("2026-09-21T10:00:00Z"));
        ReportAnswer<ReportBasis.RoundReport> after = service.round(ADMIN, ORG, AUTUMN);

        assertThat(facts.factsReads()).isEqualTo(2);
        assertThat(before.report().organisation().n()).isEqualTo(6);
        assertThat(after.report().organisation().n()).as("by a whole batch").isEqualTo(9);
        assertThat(after.provenance().release()).contains(new ReportsQuery.Release(3,
                Instant.parse("2026-09-21T10:00:00Z")));
    }

    @Test
    void the_basis_is_computed_again_when_the_minimum_group_size_changes() {
        ReportAnswer<ReportBasis.RoundReport> before = service.round(ADMIN, ORG, SPRING);
        assertThat(before.report().teams().get(0).figures()).isPresent();

        acme = acme.evolve(new MinimumGroupSizeChanged(ORG, 4, BY_ADMIN, NOW));
        views.save(OrganisationView.of(acme));
        ReportAnswer<ReportBasis.RoundReport> after = service.round(ADMIN, ORG, SPRING);

        assertThat(facts.factsReads()).isEqualTo(2);
        assertThat(after.provenance().minimumGroupSize()).isEqualTo(4);
        assertThat(after.report().teams().get(0).figures()).as("every batch of three is withdrawn").isEmpty();
        assertThat(after.report().organisation().n()).isZero();
    }

    @Test
    void the_basis_is_computed_again_when_the_rounds_change() {
        ReportAnswer<ReportBasis.RoundReport> before = service.round(ADMIN, ORG, SPRING);

        acme = acme.evolve(new RoundOpened(ORG, "r-winter", "Winter", List.of(), null, "token-winter", BY_ADMIN,
                NOW));
        views.save(OrganisationView.of(acme));
        ReportAnswer<ReportBasis.RoundReport> after = service.round(ADMIN, ORG, SPRING);
        ReportAnswer<ReportBasis.RoundReport> winter = service.round(ADMIN, ORG, "r-winter");

        assertThat(facts.factsReads()).isEqualTo(2);
        assertThat(after.report().organisation()).isNotSameAs(before.report().organisation())
                .isEqualTo(before.report().organisation());
        assertThat(winter.report().organisation().n()).isZero();
        assertThat(heatmapRound()).isEqualTo("r-winter");
    }

    @Test
    void the_basis_is_kept_per_organisation() {
        service.round(ADMIN, ORG, SPRING);
        service.trend(ADMIN, EMPTY_ORG, Granularity.MONTH, null, null, null);
        service.round(ADMIN, ORG, SPRING);
        service.trend(ADMIN, EMPTY_ORG, Granularity.MONTH, null, null, null);

        assertThat(facts.factsReads()).isEqualTo(2);
    }

    // ----- provenance and catching up -----------------------------------------------------------------

    @Test
    void the_provenance_names_the_instrument_the_minimum_and_the_last_release() {
        Provenance round = service.round(ADMIN, ORG, SPRING).provenance();

        ReportsQuery.Release last = new ReportsQuery.Release(2, Instant.parse("2026-09-17T10:00:00Z"));
        assertThat(round).isEqualTo(new Provenance(1, Optional.of(last), 3, null, null));
        assertThat(Instruments.current().version()).isEqualTo(1);
        assertThat(service.comparison(ADMIN, ORG, SPRING, AUTUMN).provenance()).isEqualTo(round);
        assertThat(service.heatmap(ADMIN, ORG, null).provenance()).isEqualTo(round);
        assertThat(service.trend(ADMIN, ORG, Granularity.MONTH, LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-06-30"), null).provenance()).isEqualTo(new Provenance(1, Optional.of(last),
                3, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-06-30")));
        assertThat(service.round(ADMIN, ORG, SPRING, Instant.parse(
                "2026-03-12T09:59:59Z")).provenance().release()).as("before the first release").isEmpty();
    }

    @Test
    void no_report_is_answered_before_both_projections_caught_up() {
        ReportService reportsBehind = service(CatchUps.onlyCaughtUp(Duration.ofMillis(30),
                OrganisationViewProjection.PROCESSING_GROUP));
        ReportService organisationsBehind = service(CatchUps.onlyCaughtUp(Duration.ofMillis(30),
                ReportProjection.PROCESSING_GROUP));

        assertThatThrownBy(() -> reportsBehind.round(ADMIN, ORG, SPRING)).isInstanceOf(ViewsCatchingUp.class)
                .hasMessageContaining("reports");
        assertThatThrownBy(() -> organisationsBehind.round(ADMIN, ORG, SPRING)).isInstanceOf(ViewsCatchingUp.class)
                .hasMessageContaining("organisation views");
        assertThat(facts.factsReads()).isZero();
    }

    @Test
    void a_round_shows_its_released_completions_never_how_many_started() {
        ReportBasis.RoundReport spring = service.round(ADMIN, ORG, SPRING).report();

        assertThat(spring.roundId()).isEqualTo(SPRING);
        assertThat(spring.organisation().n()).isEqualTo(12);
        assertThat(spring.teams().get(0).n()).as("Sales' unfinished one is in no figure").isEqualTo(3);
        assertThat(spring.teams().get(0).figures().orElseThrow().mean()).isEqualTo(20.0);
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private String heatmapRound() {
        return service.heatmap(ADMIN, ORG, null).report().roundId();
    }

    private ReportService service(CatchUpWait caughtUp) {
        return new ReportService(new ReleasedResults(facts, 10), views, caughtUp, clock);
    }

    /** Registered by the operator with an admin, then the given events. */
    private static Organisation organisation(String id, int minimum, OrganisationEvent... events) {
        Organisation organisation = Organisation.registeredWith(
                new OrganisationRegistered(id, "Org " + id, minimum, BY_OPERATOR, REGISTERED));
        organisation = organisation.evolve(new MemberAdded(id, ADMIN.accountId(), Role.ADMIN, List.of(), BY_OPERATOR,
                REGISTERED));
        for (OrganisationEvent event : events) {
            organisation = organisation.evolve(event);
        }
        return organisation;
    }

    /** Three assessments of a team in a round, completed a minute apart from {@code at}, with the same answers. */
    private void completeThree(String prefix, String roundId, String teamId, String at, int variant) {
        for (int i = 1; i <= 3; i++) {
            complete(prefix + "-" + i, new Participation(ORG, roundId, teamId),
                    Instant.parse(at).plusSeconds(60L * i).toString(), variant);
        }
    }

    private void complete(String id, Participation participation, String at, int variant) {
        Instant completedAt = Instant.parse(at);
        projection.on(new AssessmentStarted(id, 1, Language.NL, completedAt.minusSeconds(600), participation));
        if (participation.organisationId().equals(ORG)) {
            List<String> where = List.of(participation.roundId(), participation.teamId());
            unreleasedCompleted.computeIfAbsent(where, key -> new ArrayList<>()).add(id);
        }
        Score score = Instruments.current().score(options(variant));
        projection.on(new AssessmentCompleted(id, score.instrumentVersion(), score.answers(), score.columnTotals(),
                score.total(), score.band(), completedAt));
    }

    /**
     * Question q answered with option (variant + q) mod 3. Points per question: variant 0 gives 3, 1, 5, 5, 5, 1
     * (total 20); variant 1 gives 5, 3, 1, 1, 3, 3 (16); variant 2 gives 1, 5, 3, 3, 1, 5 (18).
     */
    private static Map<Integer, Option> options(int variant) {
        Map<Integer, Option> options = new HashMap<>();
        IntStream.rangeClosed(1, 6).forEach(question ->
                options.put(question, Option.values()[(variant + question) % 3]));
        return options;
    }

    private static List<String> seriesTeams(Trend trend) {
        return trend.series().stream().map(Series::teamId).toList();
    }

    private static List<String> roundTeams(ReportBasis.RoundReport round) {
        return round.teams().stream().map(group -> group.key().teamId()).toList();
    }

    private static List<String> comparedTeams(List<ComparedGroup> groups) {
        return groups.stream().map(ComparedGroup::teamId).toList();
    }

    private static List<String> rowTeams(Heatmap heatmap) {
        return heatmap.rows().stream().map(HeatmapRow::group).map(group -> group.key().teamId()).toList();
    }
}
