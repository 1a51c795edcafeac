package nl.klantspiegel.application.export;

import nl.klantspiegel.application.organisation.RecordExportCommand;
import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase.AssessmentRows;
import nl.klantspiegel.application.port.in.ExportAssessmentsUseCase.Row;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.report.ReportService;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryEventLog;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
import nl.klantspiegel.domain.instrument.Band;
import nl.klantspiegel.domain.instrument.ColumnTotals;
import nl.klantspiegel.domain.instrument.Instruments;
import nl.klantspiegel.domain.instrument.Language;
import nl.klantspiegel.domain.instrument.Option;
import nl.klantspiegel.domain.instrument.Score;
import nl.klantspiegel.domain.organisation.Actor;
import nl.klantspiegel.domain.organisation.MemberAdded;
import nl.klantspiegel.domain.organisation.Organisation;
import nl.klantspiegel.domain.organisation.OrganisationRegistered;
import nl.klantspiegel.domain.organisation.Role;
import nl.klantspiegel.domain.organisation.RoundOpened;
import nl.klantspiegel.domain.organisation.TeamAdded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssessmentExportServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);

    final InMemoryReportFacts facts = new InMemoryReportFacts();
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final InMemoryEventLog log = new InMemoryEventLog();
    final List<RecordExportCommand> recorded = new ArrayList<>();
    final ReportService reports = new ReportService(facts, views, CatchUps.caughtUp(), Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(5), 10);
    final AssessmentExportService service = new AssessmentExportService(reports, log, recorded::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void aRoundWithTwoTeamsOfThree() {
        Actor admin = Actor.member(ADMIN.accountId());
        Organisation acme = Organisation.registeredWith(new OrganisationRegistered("acme", "Acme", 3,
                Actor.operator("op"), T0));
        for (var event : List.of(
                new MemberAdded("acme", ADMIN.accountId(), Role.ADMIN, List.of(), Actor.operator("op"), T0),
                new TeamAdded("acme", "t-sales", "Sales", admin, T0),
                new TeamAdded("acme", "t-service", "Service", admin, T0),
                new TeamAdded("acme", "t-small", "Small", admin, T0),
                new MemberAdded("acme", ANALYST.accountId(), Role.ANALYST, List.of(), admin, T0),
                new MemberAdded("acme", LEAD.accountId(), Role.TEAM_LEAD, List.of("t-sales"), admin, T0),
                new RoundOpened("acme", "r-1", "Voorjaar", List.of(), null, "token-1", admin, T0))) {
            acme = acme.evolve(event);
        }
        views.save(OrganisationView.of(acme));
        for (int i = 0; i < 3; i++) {
            complete("sales-" + i, "t-sales", Option.C, "2026-03-0" + (i + 2) + "T22:30:00Z");
            complete("service-" + i, "t-service", Option.A, "2026-03-1" + i + "T10:00:00Z");
        }
    }

    /** Started the evening before (the log says when), every question answered with {@code option}. */
    private void complete(String id, String team, Option option, String at) {
        Instant completedAt = Instant.parse(at);
        Participation where = new Participation("acme", "r-1", team);
        AssessmentStarted started = new AssessmentStarted(id, 1, Language.NL, completedAt.minus(Duration.ofHours(20)),
                where);
        facts.started(id, where);
        log.add(started);
        Map<Integer, Option> answers = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            answers.put(question, option);
        }
        Score score = Instruments.current().score(answers);
        facts.completed(where, new nl.klantspiegel.domain.report.Completion(id, "r-1", team, completedAt, 1,
                score.answers(), score.band()));
    }

    @Test
    void one_row_per_completed_assessment_with_days_points_totals_and_band() {
        AssessmentRows rows = service.completedAssessments(ANALYST, "acme", null, null, null, null);

        assertThat(rows.rows()).hasSize(6);
        assertThat(rows.rows()).extracting(Row::teamName).containsExactly("Sales", "Sales", "Sales", "Service",
                "Service", "Service");
        Row sales = rows.rows().get(0);
        // all c: 5 + 1 + 3 + 1 + 5 + 5 = 20 (the score table), all in column c
        assertThat(sales.total()).isEqualTo(20);
        assertThat(sales.columnTotals()).isEqualTo(new ColumnTotals(0, 0, 20));
        assertThat(sales.band()).isEqualTo(Band.AVERAGE);
        assertThat(sales.answers()).extracting(answer -> answer.option()).containsOnly(Option.C);
        assertThat(sales.roundName()).isEqualTo("Voorjaar");
        // completed 2026-03-02 22:30 UTC = 23:30 in Amsterdam; started 20 hours before: 03:30 the same day
        assertThat(sales.completedOn()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(sales.startedOn()).isEqualTo(LocalDate.parse("2026-03-02"));
        Row service = rows.rows().get(3);
        // all a: 1 + 3 + 5 + 3 + 3 + 1 = 16, in column a
        assertThat(service.total()).isEqualTo(16);
        assertThat(service.columnTotals()).isEqualTo(new ColumnTotals(16, 0, 0));
        assertThat(service.startedOn()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(rows.provenance().minimumGroupSize()).isEqualTo(3);
        assertThat(recorded).containsExactly(new RecordExportCommand("acme", rows.exportId(), "assessments", "",
                6, "", true, ANALYST.actor(), NOW));
    }

    @Test
    void filtered_like_the_reports() {
        assertThat(service.completedAssessments(ADMIN, "acme", "r-1", "t-service", null, null).rows())
                .extracting(Row::teamId).containsOnly("t-service").hasSize(3);
        assertThat(service.completedAssessments(ADMIN, "acme", null, null, LocalDate.parse("2026-03-03"),
                LocalDate.parse("2026-03-10")).rows()).extracting(Row::completedOn).containsExactly(
                LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-10"));
        assertThat(recorded.get(1).filter()).isEqualTo("from=2026-03-03 to=2026-03-10");
        assertThat(recorded.get(0).filter()).isEqualTo("round=r-1 team=t-service");
        assertThatThrownBy(() -> service.completedAssessments(ADMIN, "acme", null, null, LocalDate.parse("2026-03-10"),
                LocalDate.parse("2026-03-03"))).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void no_row_of_a_team_below_the_minimum_nor_of_what_would_give_it_away() {
        complete("small-0", "t-small", Option.B, "2026-03-20T10:00:00Z");

        List<Row> rows = service.completedAssessments(ADMIN, "acme", null, null, null, null).rows();

        assertThat(rows).noneMatch(row -> row.teamId().equals("t-small"));
        assertThat(rows).as("round minus the rows: the small team alone would be 1; the floor hides a second team")
                .hasSize(3);
    }

    @Test
    void only_admins_and_analysts() {
        assertThatThrownBy(() -> service.completedAssessments(LEAD, "acme", null, null, null, null))
                .isInstanceOf(AccessDenied.class);
        assertThat(recorded).isEmpty();
    }
}
