package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.AccessDenied;
import nl.klantspiegel.application.port.in.AnswerChangesQuery.AnswerChangeReport;
import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryAnswerChangeFacts;
import nl.klantspiegel.application.testing.InMemoryOrganisationViews;
import nl.klantspiegel.application.testing.InMemoryReportFacts;
import nl.klantspiegel.domain.assessment.AssessmentCompleted;
import nl.klantspiegel.domain.assessment.AssessmentStarted;
import nl.klantspiegel.domain.assessment.Participation;
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
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.AnswerChanges;
import nl.klantspiegel.domain.report.AnswerChanges.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import static nl.klantspiegel.domain.instrument.Option.A;
import static nl.klantspiegel.domain.instrument.Option.B;
import static nl.klantspiegel.domain.instrument.Option.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerChangeServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Caller ANALYST = new Caller("m-analyst", false);
    private static final Caller LEAD = new Caller("m-lead", false);
    private static final Caller STRANGER = new Caller("m-stranger", false);
    private static final Caller OPERATOR = new Caller("op", true);

    final InMemoryAnswerChangeFacts facts = new InMemoryAnswerChangeFacts();
    final InMemoryReportFacts reportFacts = new InMemoryReportFacts();
    final ReportProjection reports = new ReportProjection(reportFacts);
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final AnswerChangeService service = new AnswerChangeService(facts, new ReportService(
            new ReleasedResults(reportFacts, 10), views, CatchUps.caughtUp(),
            Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC)),
            CatchUps.onlyCaughtUp(Duration.ofSeconds(5), AnswerChangeProjection.PROCESSING_GROUP));
    private final List<String> released = new ArrayList<>();

    /**
     * Minimum 3. r-1: four AVERAGE (two changed 1 a→b) and one HIGH, released as one batch; r-2: three AVERAGE (one
     * changed 6 b→a) released, and one more AVERAGE that changed 3 c→a, not released.
     */
    @BeforeEach
    void anOrganisationWithTwoRounds() {
        Actor admin = Actor.member(ADMIN.accountId());
        Organisation acme = Organisation.registeredWith(new OrganisationRegistered("acme", "Acme", 3,
                Actor.operator("op"), T0));
        for (var event : List.of(
                new MemberAdded("acme", ADMIN.accountId(), Role.ADMIN, List.of(), Actor.operator("op"), T0),
                new TeamAdded("acme", "t-1", "Sales", admin, T0),
                new MemberAdded("acme", ANALYST.accountId(), Role.ANALYST, List.of(), admin, T0),
                new MemberAdded("acme", LEAD.accountId(), Role.TEAM_LEAD, List.of("t-1"), admin, T0),
                new RoundOpened("acme", "r-1", "Spring", List.of(), null, "token-1", admin, T0),
                new RoundOpened("acme", "r-2", "Autumn", List.of(), null, "token-2", admin, T0))) {
            acme = acme.evolve(event);
        }
        views.save(OrganisationView.of(acme));
        for (int i = 0; i < 4; i++) {
            complete("r-1", "avg-" + i, "bbbbbb", i < 2 ? List.of(new Change(1, A, B)) : List.of());
        }
        complete("r-1", "high-0", "cbabcc", List.of());
        release(1, "r-1");
        for (int i = 0; i < 3; i++) {
            complete("r-2", "late-" + i, "bbbbbb", i == 0 ? List.of(new Change(6, B, A)) : List.of());
        }
        release(2, "r-2");
        complete("r-2", "waiting", "bbbbbb", List.of(new Change(3, C, A)));
    }

    private void complete(String round, String id, String answers, List<Change> changes) {
        Participation where = new Participation("acme", round, "t-1");
        Map<Integer, Option> chosen = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            chosen.put(question, Option.fromKey(answers.substring(question - 1, question)));
        }
        Score score = Instruments.current().score(chosen);
        reports.on(new AssessmentStarted(id, 1, Language.NL, T0, where));
        reports.on(new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(), score.band(),
                T0.plusSeconds(60)));
        facts.complete(where, new AnswerChanges.Completed(id, round, score.band(), changes));
        released.add(id);
    }

    private void release(long number, String round) {
        Instant at = T0.plusSeconds(600L * number);
        reports.on(new ResultsReleased("acme", number, at, 3, List.of(new ResultsReleased.Batch(round, "t-1",
                List.copyOf(released))), at));
        released.clear();
    }

    @Test
    void the_organisation_and_its_rounds_count_released_batches_only() {
        ReportAnswer<AnswerChangeReport> answer = service.answerChanges(ANALYST, "acme", null);

        assertThat(answer.report().roundId()).isNull();
        assertThat(answer.report().groups()).extracting(AnswerChanges.Group::key)
                .containsExactly("organisation", "round:r-1", "round:r-2");
        assertThat(answer.report().groups()).extracting(AnswerChanges.Group::n).containsExactly(8, 5, 3);
        assertThat(answer.report().groups().get(0).changes()).as("not the waiting one's").isEqualTo(3);
        assertThat(answer.report().groups().get(0).assessmentIds()).doesNotContain("waiting");
        assertThat(answer.provenance().minimumGroupSize()).isEqualTo(3);
        assertThat(answer.provenance().release()).contains(new ReportsQuery.Release(2, T0.plusSeconds(1200)));
    }

    @Test
    void one_round_and_its_bands_split_within_each_batch() {
        ReportAnswer<AnswerChangeReport> answer = service.answerChanges(ADMIN, "acme", "r-1");

        List<AnswerChanges.Group> groups = answer.report().groups();
        assertThat(groups).extracting(AnswerChanges.Group::key)
                .containsExactly("round", "band:LOW", "band:AVERAGE", "band:HIGH");
        assertThat(groups.get(0).counts()).containsExactly(new AnswerChanges.Count(1, A, B, 2));
        // the batch: HIGH has one, left out; one is fewer than 3, so AVERAGE (4) is left out too; LOW is empty
        assertThat(groups.get(3).n()).isZero();
        assertThat(groups.get(3).leftOut()).isEqualTo(1);
        assertThat(groups.get(2).n()).isZero();
        assertThat(groups.get(2).leftOut()).isEqualTo(4);
        assertThat(service.answerChanges(ADMIN, "acme", "r-2").report().groups().get(2).n())
                .as("r-2's batch is all AVERAGE: counted whole").isEqualTo(3);
    }

    @Test
    void a_completion_the_answer_changes_do_not_know_yet_counts_without_changes() {
        reports.on(new AssessmentStarted("unknown", 1, Language.NL, T0, new Participation("acme", "r-2", "t-1")));
        Score score = Instruments.current().score(Map.of(1, Option.B, 2, Option.B, 3, Option.B, 4, Option.B, 5,
                Option.B, 6, Option.B));
        reports.on(new AssessmentCompleted("unknown", 1, score.answers(), score.columnTotals(), score.total(),
                score.band(), T0.plusSeconds(60)));
        released.add("unknown");
        complete("r-2", "extra", "bbbbbb", List.of());
        release(3, "r-2");

        AnswerChanges.Group round = service.answerChanges(ADMIN, "acme", "r-2").report().groups().get(0);

        assertThat(round.n()).as("three released before, and waiting, unknown and extra").isEqualTo(6);
        assertThat(round.changes()).as("late-0's and waiting's; unknown's are not known").isEqualTo(2);
    }

    @Test
    void who_may_ask() {
        assertThatThrownBy(() -> service.answerChanges(LEAD, "acme", null)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.answerChanges(OPERATOR, "acme", null)).isInstanceOf(AccessDenied.class);
        assertThatThrownBy(() -> service.answerChanges(STRANGER, "acme", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.answerChanges(ADMIN, "nowhere", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.answerChanges(ADMIN, "acme", "r-9")).isInstanceOf(NotFound.class);
    }
}
