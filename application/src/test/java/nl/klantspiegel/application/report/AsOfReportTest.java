package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
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
import nl.klantspiegel.domain.release.ResultsReleased;
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.ReportBasis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A report asked as of a past moment is the releases made by then, under today's minimum group size: it equals the
 * report saved at that moment (when the minimum stayed), never shows what no release showed then, and a raised
 * minimum withdraws the smaller batches from history too.
 */
class AsOfReportTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant FIRST_RELEASE = Instant.parse("2026-01-12T10:00:00Z");
    private static final Instant MOMENT = Instant.parse("2026-02-01T00:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Actor BY = Actor.member("m-admin");

    final InMemoryReportFacts facts = new InMemoryReportFacts();
    final ReportProjection projection = new ReportProjection(facts);
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final MutableClock clock = new MutableClock(MOMENT);
    final ReportService service = new ReportService(new ReleasedResults(facts, 10), views, CatchUps.caughtUp(),
            clock);
    Organisation acme;
    int next;
    long releases;

    /** January: team A five, team B six, released on the 12th; one more of A done on the 20th, not released. */
    @BeforeEach
    void januaryAsItWas() {
        record(new OrganisationRegistered("acme", "Acme", 5, Actor.operator("op"), T0));
        record(new MemberAdded("acme", "m-admin", Role.ADMIN, List.of(), Actor.operator("op"), T0));
        record(new TeamAdded("acme", "t-a", "A", BY, T0));
        record(new TeamAdded("acme", "t-b", "B", BY, T0));
        record(new RoundOpened("acme", "r-1", "Winter", List.of(), null, "token-1", BY, T0));
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(complete("r-1", "t-a", Option.C, T0.plus(Duration.ofDays(1)).plusSeconds(i)));
        }
        for (int i = 0; i < 6; i++) {
            b.add(complete("r-1", "t-b", Option.A, T0.plus(Duration.ofDays(2)).plusSeconds(i)));
        }
        release(FIRST_RELEASE, 5, batch("r-1", "t-a", a), batch("r-1", "t-b", b));
        complete("r-1", "t-a", Option.B, Instant.parse("2026-01-20T09:00:00Z"));
    }

    private void record(OrganisationEvent event) {
        acme = event instanceof OrganisationRegistered registered ? Organisation.registeredWith(registered)
                : acme.evolve(event);
        views.save(OrganisationView.of(acme));
    }

    private String complete(String round, String team, Option option, Instant at) {
        String id = "a-" + next++;
        Map<Integer, Option> answers = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            answers.put(question, option);
        }
        Score score = Instruments.current().score(answers);
        projection.on(new AssessmentStarted(id, 1, Language.NL, at.minusSeconds(300),
                new Participation("acme", round, team)));
        projection.on(new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(), score.total(),
                score.band(), at));
        return id;
    }

    private static ResultsReleased.Batch batch(String round, String team, List<String> ids) {
        return new ResultsReleased.Batch(round, team, ids);
    }

    private void release(Instant at, int minimum, ResultsReleased.Batch... batches) {
        projection.on(new ResultsReleased("acme", ++releases, at, minimum, List.of(batches), at));
    }

    @Test
    void as_of_a_moment_the_reports_are_what_they_were_then() {
        ReportAnswer<ReportBasis.RoundReport> savedRound = service.round(ADMIN, "acme", "r-1");
        ReportAnswer<ReportBasis.Trend> savedTrend = service.trend(ADMIN, "acme", Granularity.MONTH, null, null, null);
        assertThat(savedRound.report().organisation().n()).isEqualTo(11);
        assertThat(savedRound.provenance().release()).contains(new ReportsQuery.Release(1, FIRST_RELEASE));

        // February: a second round, more answers released, the straggler of A released with four more of A
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        record(new RoundOpened("acme", "r-2", "Spring", List.of(), null, "token-2", BY,
                Instant.parse("2026-02-03T09:00:00Z")));
        List<String> more = new ArrayList<>(List.of("a-11"));
        for (int i = 0; i < 4; i++) {
            more.add(complete("r-1", "t-a", Option.B, Instant.parse("2026-02-04T09:00:00Z").plusSeconds(i)));
        }
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            spring.add(complete("r-2", "t-a", Option.B, Instant.parse("2026-02-10T09:00:00Z").plus(Duration.ofHours(i))));
        }
        release(Instant.parse("2026-02-11T10:00:00Z"), 5, batch("r-1", "t-a", more), batch("r-2", "t-a", spring));
        ReportAnswer<ReportBasis.RoundReport> now = service.round(ADMIN, "acme", "r-1");
        assertThat(now.report().organisation().n()).isEqualTo(16);

        ReportAnswer<ReportBasis.RoundReport> thenRound = service.round(ADMIN, "acme", "r-1", MOMENT);
        ReportAnswer<ReportBasis.Trend> thenTrend = service.trend(ADMIN, "acme", Granularity.MONTH, null,
                savedTrend.provenance().to(), null, MOMENT);

        assertThat(thenRound.report()).isEqualTo(savedRound.report());
        assertThat(thenRound.provenance().release()).contains(new ReportsQuery.Release(1, FIRST_RELEASE));
        assertThat(thenTrend.report()).isEqualTo(savedTrend.report());
        assertThatThrownBy(() -> service.round(ADMIN, "acme", "r-2", MOMENT)).as("not opened yet then")
                .isInstanceOf(NotFound.class);
        assertThat(service.heatmap(ADMIN, "acme", null, MOMENT).report().roundId()).isEqualTo("r-1");
        assertThat(service.comparison(ADMIN, "acme", "r-2", "r-1").report()).isNotNull();
    }

    @Test
    void as_of_any_moment_only_whole_releases_are_seen_never_a_single_completion() {
        Instant before = FIRST_RELEASE.minusMillis(1);
        Instant after = FIRST_RELEASE;
        assertThat(service.round(ADMIN, "acme", "r-1", before).report().organisation().n()).isZero();
        assertThat(service.round(ADMIN, "acme", "r-1", before).provenance().release()).isEmpty();
        assertThat(service.round(ADMIN, "acme", "r-1", after).report().organisation().n()).isEqualTo(11);
        Instant straggler = Instant.parse("2026-01-20T09:00:00Z");
        assertThat(service.round(ADMIN, "acme", "r-1", straggler.minusMillis(1)).report())
                .as("around a completion nobody released: the same")
                .isEqualTo(service.round(ADMIN, "acme", "r-1", straggler.plusMillis(1)).report());
    }

    @Test
    void a_raised_minimum_withdraws_the_smaller_batches_from_history_too() {
        record(new MinimumGroupSizeChanged("acme", 6, BY, Instant.parse("2026-01-25T09:00:00Z")));

        ReportAnswer<ReportBasis.RoundReport> then = service.round(ADMIN, "acme", "r-1", MOMENT);

        assertThat(then.report().organisation().n()).as("A's batch of five is withdrawn").isEqualTo(6);
        assertThat(then.report().teams().get(0).figures()).isEmpty();
        assertThat(then.provenance().minimumGroupSize()).isEqualTo(6);
    }

    @Test
    void a_moment_in_the_future_is_refused() {
        assertThatThrownBy(() -> service.round(ADMIN, "acme", "r-1", MOMENT.plusSeconds(1)))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("future");
        assertThat(service.round(ADMIN, "acme", "r-1", MOMENT).report()).isNotNull();
    }
}
