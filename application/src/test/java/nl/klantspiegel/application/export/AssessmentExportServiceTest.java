package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase.AssessmentRows;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase.Row;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.Provenance;
import nl.klantspiegel.application.port.in.ReportsQuery.Release;
import nl.klantspiegel.application.port.out.ReportFacts;
import nl.klantspiegel.application.report.ReleasedResults;
import nl.klantspiegel.application.report.ReportService;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryPseudonymKey;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.export.Pseudonyms;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.MinimumGroupSizeChanged;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationEvent;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundClosed;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.release.ResultsReleased.Batch;
import nl.klantspiegel.domain.report.Completion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The spreadsheet of completed assessments: one row per assessment of a released batch (under today's minimum group
 * size), named by its pseudonym, with the day of its release instead of when it was taken, without a team when it was
 * released pooled; filtered like the reports (round, team, release day); for admins and analysts only; every export
 * recorded in the organisation's audit trail.
 */
class AssessmentExportServiceTest {

    private static final String ORG = "acme";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    /** 23:00:00.5 UTC on the 5th: the 6th in Amsterdam. */
    private static final Instant FIRST_RELEASE = Instant.parse("2026-03-05T23:00:00.500Z");
    private static final Instant SECOND_RELEASE = Instant.parse("2026-03-12T10:00:00Z");
    private static final Instant THIRD_RELEASE = Instant.parse("2026-03-20T10:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);
    private static final Caller STRANGER = new Caller("m-stranger", false);
    private static final Caller OPERATOR = new Caller("op", true);
    private static final Score ALL_A = score(Option.A);
    private static final Score ALL_B = score(Option.B);
    private static final Score ALL_C = score(Option.C);

    private final InMemoryReportFacts facts = new InMemoryReportFacts();
    private final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    private final List<RecordExportCommand> recorded = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ReportService reports = new ReportService(new ReleasedResults(facts, 10), views,
            CatchUps.caughtUp(), clock);
    private final AssessmentExportService service = new AssessmentExportService(reports, new InMemoryPseudonymKey(),
            recorded::add, clock);
    private final Pseudonyms pseudonyms = new Pseudonyms(new InMemoryPseudonymKey().key());
    private Organisation acme;

    /**
     * Acme (minimum 3), teams Sales, Service and Small; spring (r-1) and autumn (r-2, closed), both of the whole
     * organisation. Released: Sales' three of spring (in Amsterdam on the 6th), Service's four of spring (the 12th),
     * and autumn's three pooled — one of Sales, two of Small — (the 20th). Waiting: a fifth of Service, and a start
     * without completion.
     */
    @BeforeEach
    void anOrganisationWithThreeReleases() {
        Actor admin = ADMIN.actor();
        acme = Organisation.registeredWith(new OrganisationRegistered(ORG, "Acme", 3, Actor.operator("op"), T0));
        evolve(new MemberAdded(ORG, ADMIN.accountId(), Role.ADMIN, List.of(), Actor.operator("op"), T0));
        evolve(new TeamAdded(ORG, "t-sales", "Sales", admin, T0));
        evolve(new TeamAdded(ORG, "t-service", "Service", admin, T0));
        evolve(new TeamAdded(ORG, "t-small", "Small", admin, T0));
        evolve(new MemberAdded(ORG, ANALYST.accountId(), Role.ANALYST, List.of(), admin, T0));
        evolve(new MemberAdded(ORG, LEAD.accountId(), Role.TEAM_LEAD, List.of("t-sales"), admin, T0));
        evolve(new RoundOpened(ORG, "r-1", "Voorjaar", List.of(), null, "token-1", admin, T0));
        evolve(new RoundOpened(ORG, "r-2", "Najaar", List.of(), null, "token-2", admin, T0));
        evolve(new RoundClosed(ORG, "r-2", admin, T0.plus(Duration.ofDays(18))));

        completed("r-1", "t-sales", ALL_C, "sales-0", "sales-1", "sales-2");
        completed("r-1", "t-service", ALL_A, "service-0", "service-1", "service-2", "service-3", "service-4");
        completed("r-2", "t-sales", ALL_B, "sales-9");
        completed("r-2", "t-small", ALL_B, "small-0", "small-1");
        facts.apply(new ReportFacts.Changes(Map.of("sales-8", new ReportFacts.Started(
                new Participation(ORG, "r-1", "t-sales"), T0)), List.of()));

        release(1, FIRST_RELEASE, new Batch("r-1", "t-sales", List.of("sales-0", "sales-1", "sales-2")));
        release(2, SECOND_RELEASE, new Batch("r-1", "t-service",
                List.of("service-0", "service-1", "service-2", "service-3")));
        release(3, THIRD_RELEASE, new Batch("r-2", null, List.of("sales-9", "small-0", "small-1")));
    }

    // ----- the rows -----------------------------------------------------------------------------------

    @Test
    void one_row_per_released_completion_under_its_pseudonym_with_its_release_day_points_totals_and_band() {
        AssessmentRows rows = service.completedAssessments(ANALYST, ORG, null, null, null, null);

        assertThat(rows.rows()).extracting(Row::assessment).as("by round, team (pooled last) and assessment id")
                .containsExactly(names("sales-0", "sales-1", "sales-2", "service-0", "service-1", "service-2",
                        "service-3", "sales-9", "small-0", "small-1"));
        // all c: 5 + 1 + 3 + 1 + 5 + 5 = 20 (the score table), all in column c; released on the 6th in Amsterdam
        assertThat(rows.rows().get(0)).isEqualTo(new Row(name("sales-0"), "r-1", "Voorjaar", "t-sales", "Sales",
                LocalDate.parse("2026-03-06"), 1, ALL_C.answers(), new ColumnTotals(0, 0, 20), 20, Band.AVERAGE));
        // all a: 1 + 3 + 5 + 3 + 3 + 1 = 16, in column a
        assertThat(rows.rows().get(3)).isEqualTo(new Row(name("service-0"), "r-1", "Voorjaar", "t-service",
                "Service", LocalDate.parse("2026-03-12"), 1, ALL_A.answers(), new ColumnTotals(16, 0, 0), 16,
                ALL_A.band()));
        assertThat(rows.provenance()).isEqualTo(new Provenance(Instruments.current().version(),
                Optional.of(new Release(3, THIRD_RELEASE)), 3, null, null));
        assertThat(recorded).containsExactly(new RecordExportCommand(ORG, rows.exportId(), "assessments", "",
                10, "", true, ANALYST.actor(), NOW));
    }

    @Test
    void an_assessment_is_named_by_its_pseudonym_never_by_its_id() {
        List<Row> rows = service.completedAssessments(ADMIN, ORG, null, null, null, null).rows();

        assertThat(rows).allSatisfy(row -> assertThat(row.assessment()).matches("p-[0-9a-f]{32}")
                .doesNotContain("sales").doesNotContain("service").doesNotContain("small"));
        assertThat(rows.get(0).assessment()).isEqualTo(new Pseudonyms(new InMemoryPseudonymKey().key())
                .of(ORG, "sales-0")).isNotEqualTo(pseudonyms.of("other", "sales-0"));
    }

    @Test
    void nothing_that_was_not_released_is_in_it() {
        List<Row> rows = service.completedAssessments(ADMIN, ORG, null, null, null, null).rows();

        assertThat(rows).extracting(Row::assessment).as("service-4 waits for its batch; sales-8 is not done")
                .doesNotContain(name("service-4"), name("sales-8"));
    }

    @Test
    void before_the_first_release_there_are_no_rows_and_no_release_to_name() {
        InMemoryReportFacts unreleased = new InMemoryReportFacts();
        unreleased.apply(new ReportFacts.Changes(Map.of(), List.of(new ReportFacts.Filed(
                new Participation(ORG, "r-1", "t-sales"), new Completion("sales-0", "r-1", "t-sales", T0, 1,
                ALL_C.answers(), ALL_C.band())))));
        AssessmentExportService early = new AssessmentExportService(new ReportService(
                new ReleasedResults(unreleased, 10), views, CatchUps.caughtUp(), clock),
                new InMemoryPseudonymKey(), recorded::add, clock);

        AssessmentRows rows = early.completedAssessments(ADMIN, ORG, null, null, null, null);

        assertThat(rows.rows()).isEmpty();
        assertThat(rows.provenance().release()).isEmpty();
        assertThat(recorded).extracting(RecordExportCommand::records).containsExactly(0L);
    }

    @Test
    void a_row_released_in_a_pooled_batch_names_no_team_not_even_its_own() {
        List<Row> autumn = service.completedAssessments(ADMIN, ORG, "r-2", null, null, null).rows();

        assertThat(autumn).hasSize(3).allSatisfy(row -> {
            assertThat(row.teamId()).isNull();
            assertThat(row.teamName()).isEmpty();
            assertThat(row.roundName()).isEqualTo("Najaar");
            assertThat(row.releasedOn()).isEqualTo(LocalDate.parse("2026-03-20"));
        });
        assertThat(autumn.get(0)).isEqualTo(new Row(name("sales-9"), "r-2", "Najaar", null, "",
                LocalDate.parse("2026-03-20"), 1, ALL_B.answers(), ALL_B.columnTotals(), ALL_B.total(),
                ALL_B.band()));
    }

    @Test
    void a_raised_minimum_withdraws_the_smaller_batches_from_the_spreadsheet() {
        evolve(new MinimumGroupSizeChanged(ORG, 4, ADMIN.actor(), NOW.minusSeconds(60)));

        AssessmentRows rows = service.completedAssessments(ADMIN, ORG, null, null, null, null);

        assertThat(rows.rows()).extracting(Row::assessment).containsExactly(names("service-0", "service-1",
                "service-2", "service-3"));
        assertThat(rows.provenance().minimumGroupSize()).isEqualTo(4);
    }

    // ----- filters ------------------------------------------------------------------------------------

    @Test
    void filtered_by_round_and_by_a_teams_own_batches() {
        assertThat(service.completedAssessments(ADMIN, ORG, "r-2", null, null, null).rows())
                .extracting(Row::assessment).containsExactly(names("sales-9", "small-0", "small-1"));
        assertThat(service.completedAssessments(ADMIN, ORG, null, "t-sales", null, null).rows())
                .extracting(Row::assessment).as("not sales-9: it was released pooled")
                .containsExactly(names("sales-0", "sales-1", "sales-2"));
        assertThat(service.completedAssessments(ADMIN, ORG, "r-1", "t-service", null, null).rows())
                .extracting(Row::teamId).containsExactly("t-service", "t-service", "t-service", "t-service");
        assertThat(service.completedAssessments(ADMIN, ORG, "r-2", "t-sales", null, null).rows()).isEmpty();

        assertThat(recorded).extracting(RecordExportCommand::filter, RecordExportCommand::records).containsExactly(
                tuple("round=r-2", 3L),
                tuple("team=t-sales", 3L),
                tuple("round=r-1 team=t-service", 4L),
                tuple("round=r-2 team=t-sales", 0L));
    }

    @Test
    void filtered_by_the_day_of_release_in_amsterdam_both_ends_included() {
        assertThat(days(LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-12"))).as("sales, then service")
                .containsExactly(7L, "2026-03-06", "2026-03-12");
        assertThat(days(null, LocalDate.parse("2026-03-05"))).as("the first release was on the 5th in UTC only")
                .containsExactly(0L);
        assertThat(days(null, LocalDate.parse("2026-03-06"))).containsExactly(3L, "2026-03-06");
        assertThat(days(LocalDate.parse("2026-03-07"), null)).containsExactly(7L, "2026-03-12", "2026-03-20");
        assertThat(days(LocalDate.parse("2026-03-12"), LocalDate.parse("2026-03-12")))
                .containsExactly(4L, "2026-03-12");
        assertThat(days(LocalDate.parse("2026-03-21"), null)).containsExactly(0L);

        assertThat(recorded).extracting(RecordExportCommand::filter).containsExactly(
                "from=2026-03-06 to=2026-03-12", "to=2026-03-05", "to=2026-03-06", "from=2026-03-07",
                "from=2026-03-12 to=2026-03-12", "from=2026-03-21");
    }

    /** How many rows, then the distinct release days in order. */
    private List<Object> days(LocalDate from, LocalDate to) {
        List<Row> rows = service.completedAssessments(ADMIN, ORG, null, null, from, to).rows();
        List<Object> found = new ArrayList<>();
        found.add((long) rows.size());
        rows.stream().map(row -> row.releasedOn().toString()).distinct().forEach(found::add);
        return found;
    }

    // ----- who may, and what is refused ---------------------------------------------------------------

    @Test
    void admins_and_analysts_export_and_each_export_is_recorded_under_its_own_id() {
        AssessmentRows byAdmin = service.completedAssessments(ADMIN, ORG, null, null, null, null);
        AssessmentRows byAnalyst = service.completedAssessments(ANALYST, ORG, null, null, null, null);

        assertThat(byAdmin.exportId()).isNotEqualTo(byAnalyst.exportId());
        assertThat(byAdmin.rows()).isEqualTo(byAnalyst.rows());
        assertThat(recorded).containsExactly(
                new RecordExportCommand(ORG, byAdmin.exportId(), "assessments", "", 10, "", true, ADMIN.actor(), NOW),
                new RecordExportCommand(ORG, byAnalyst.exportId(), "assessments", "", 10, "", true,
                        ANALYST.actor(), NOW));
    }

    @Test
    void a_team_lead_and_the_operator_are_refused_a_stranger_learns_nothing_and_nothing_is_recorded() {
        assertThatThrownBy(() -> service.completedAssessments(LEAD, ORG, null, null, null, null))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.completedAssessments(LEAD, ORG, null, "t-sales", null, null))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.completedAssessments(OPERATOR, ORG, null, null, null, null))
                .isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.completedAssessments(STRANGER, ORG, null, null, null, null))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.completedAssessments(ADMIN, "nowhere", null, null, null, null))
                .isInstanceOf(NotFound.class);

        assertThat(recorded).isEmpty();
    }

    @Test
    void an_unknown_round_or_team_or_days_in_the_wrong_order_are_refused_and_nothing_is_recorded() {
        assertThatThrownBy(() -> service.completedAssessments(ADMIN, ORG, "r-nope", null, null, null))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.completedAssessments(ADMIN, ORG, null, "t-nope", null, null))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.completedAssessments(ADMIN, ORG, null, null, LocalDate.parse("2026-03-10"),
                LocalDate.parse("2026-03-03"))).isInstanceOf(InvalidRequest.class);

        assertThat(recorded).isEmpty();
    }

    // ----- helpers ------------------------------------------------------------------------------------

    private void evolve(OrganisationEvent event) {
        if (!(event instanceof OrganisationRegistered)) {
            acme = acme.evolve(event);
        }
        views.save(OrganisationView.of(acme));
    }

    /** Started and completed in a round for a team, every question answered alike: not yet released. */
    private void completed(String roundId, String teamId, Score score, String... ids) {
        Participation where = new Participation(ORG, roundId, teamId);
        Map<String, ReportFacts.Started> started = new LinkedHashMap<>();
        List<ReportFacts.Filed> filed = new ArrayList<>();
        for (String id : ids) {
            started.put(id, new ReportFacts.Started(where, T0.plusSeconds(60)));
            filed.add(new ReportFacts.Filed(where, new Completion(id, roundId, teamId, T0.plusSeconds(600), 1,
                    score.answers(), score.band())));
        }
        facts.apply(new ReportFacts.Changes(started, filed));
    }

    /** A release of one batch, of its completions and its starts alike. */
    private void release(long number, Instant at, Batch batch) {
        facts.released(new ResultsReleased(ORG, number, at.minusMillis(500), 3, List.of(batch), at));
    }

    private String name(String assessmentId) {
        return pseudonyms.of(ORG, assessmentId);
    }

    private String[] names(String... assessmentIds) {
        return Arrays.stream(assessmentIds).map(this::name).toArray(String[]::new);
    }

    private static Score score(Option option) {
        return Instruments.current().score(IntStream.rangeClosed(1, 6).boxed()
                .collect(Collectors.toMap(question -> question, question -> option)));
    }
}
