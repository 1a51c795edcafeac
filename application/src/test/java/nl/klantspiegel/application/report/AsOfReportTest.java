package nl.klantspiegel.application.report;

import nl.klantspiegel.application.port.in.Caller;
import nl.klantspiegel.application.port.in.InvalidRequest;
import nl.klantspiegel.application.port.in.NotFound;
import nl.klantspiegel.application.port.in.OrganisationView;
import nl.klantspiegel.application.port.in.ReportsQuery.ReportAnswer;
import nl.klantspiegel.application.testing.CatchUps;
import nl.klantspiegel.application.testing.InMemoryEventLog;
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
import nl.klantspiegel.domain.report.Granularity;
import nl.klantspiegel.domain.report.ReportBasis;
import nl.klantspiegel.domain.report.SuppressionReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A report asked as of a past moment equals the report saved at that moment. */
class AsOfReportTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant MOMENT = Instant.parse("2026-02-01T00:00:00Z");
    private static final Caller ADMIN = new Caller("m-admin", false);
    private static final Actor BY = Actor.member("m-admin");

    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryReportFacts facts = new InMemoryReportFacts();
    final ReportProjection projection = new ReportProjection(facts);
    final InMemoryOrganisationViews views = new InMemoryOrganisationViews();
    final MutableClock clock = new MutableClock(MOMENT);
    final ReportService service = new ReportService(facts, views, CatchUps.caughtUp(), clock, Duration.ofSeconds(5),
            10, null, log);
    Organisation acme;
    int next;

    @BeforeEach
    void januaryAsItWas() {
        record(new OrganisationRegistered("acme", "Acme", 5, Actor.operator("op"), T0));
        record(new MemberAdded("acme", "m-admin", Role.ADMIN, List.of(), Actor.operator("op"), T0));
        record(new TeamAdded("acme", "t-a", "A", BY, T0));
        record(new TeamAdded("acme", "t-b", "B", BY, T0));
        record(new RoundOpened("acme", "r-1", "Winter", List.of(), null, "token-1", BY, T0));
        for (int i = 0; i < 5; i++) {
            complete("r-1", "t-a", Option.C, T0.plus(Duration.ofDays(i + 1)));
            complete("r-1", "t-b", Option.A, T0.plus(Duration.ofDays(i + 2)));
        }
    }

    private void record(OrganisationEvent event) {
        log.add(event);
        acme = event instanceof OrganisationRegistered registered ? Organisation.registeredWith(registered)
                : acme.evolve(event);
        views.save(OrganisationView.of(acme));
    }

    private void complete(String round, String team, Option option, Instant at) {
        String id = "a-" + next++;
        AssessmentStarted started = new AssessmentStarted(id, 1, Language.NL, at.minusSeconds(300),
                new Participation("acme", round, team));
        Map<Integer, Option> answers = new HashMap<>();
        for (int question = 1; question <= 6; question++) {
            answers.put(question, option);
        }
        Score score = Instruments.current().score(answers);
        AssessmentCompleted completed = new AssessmentCompleted(id, 1, score.answers(), score.columnTotals(),
                score.total(), score.band(), at);
        log.add(started);
        log.add(completed);
        projection.on(started);
        projection.on(completed);
    }

    @Test
    void as_of_a_moment_the_reports_are_what_they_were_then() {
        ReportAnswer<ReportBasis.RoundReport> savedRound = service.round(ADMIN, "acme", "r-1");
        ReportAnswer<ReportBasis.Trend> savedTrend = service.trend(ADMIN, "acme", Granularity.MONTH, null, null, null);

        // February: the minimum raised to 6, a second round, more answers, a straggler in round 1
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        record(new MinimumGroupSizeChanged("acme", 6, BY, Instant.parse("2026-02-02T09:00:00Z")));
        record(new RoundOpened("acme", "r-2", "Spring", List.of(), null, "token-2", BY,
                Instant.parse("2026-02-03T09:00:00Z")));
        for (int i = 0; i < 6; i++) {
            complete("r-2", "t-a", Option.B, Instant.parse("2026-02-10T09:00:00Z").plus(Duration.ofHours(i)));
        }
        complete("r-1", "t-b", Option.B, Instant.parse("2026-02-04T09:00:00Z"));
        ReportAnswer<ReportBasis.RoundReport> now = service.round(ADMIN, "acme", "r-1");
        assertThat(now.report().organisation().n()).isEqualTo(OptionalInt.of(11));
        assertThat(now.provenance().minimumGroupSize()).isEqualTo(6);

        ReportAnswer<ReportBasis.RoundReport> thenRound = service.round(ADMIN, "acme", "r-1", MOMENT);
        ReportAnswer<ReportBasis.Trend> thenTrend = service.trend(ADMIN, "acme", Granularity.MONTH, null,
                savedTrend.provenance().to(), null, MOMENT);

        assertThat(thenRound.report()).isEqualTo(savedRound.report());
        assertThat(thenRound.provenance().minimumGroupSize()).isEqualTo(5);
        assertThat(thenRound.provenance().position()).hasValue(log.head());
        assertThat(thenTrend.report()).isEqualTo(savedTrend.report());
        assertThatThrownBy(() -> service.round(ADMIN, "acme", "r-2", MOMENT)).as("not opened yet then")
                .isInstanceOf(NotFound.class);
        assertThat(service.heatmap(ADMIN, "acme", null, MOMENT).report().roundId()).isEqualTo("r-1");
        assertThat(service.comparison(ADMIN, "acme", "r-2", "r-1").report()).isNotNull();
    }

    @Test
    void as_of_a_moment_the_anonymity_floor_of_that_moment_holds() {
        ReportAnswer<ReportBasis.RoundReport> early = service.round(ADMIN, "acme", "r-1",
                T0.plus(Duration.ofDays(3)).plusSeconds(1));
        // by then: A three (days 1-3), B two (days 2-3): both below five, so the round (5) is shown, the teams not
        assertThat(early.report().organisation().n()).isEqualTo(OptionalInt.of(5));
        assertThat(early.report().teams()).allSatisfy(team -> assertThat(team.suppression())
                .contains(SuppressionReason.BELOW_MINIMUM));
    }

    @Test
    void a_moment_before_the_organisation_or_in_the_future_or_without_a_log_is_refused() {
        assertThatThrownBy(() -> service.round(ADMIN, "acme", "r-1", T0.minusSeconds(1)))
                .isInstanceOf(NotFound.class).hasMessageContaining("did not exist yet");
        assertThatThrownBy(() -> service.round(ADMIN, "acme", "r-1", MOMENT.plusSeconds(1)))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("future");
        ReportService withoutLog = new ReportService(facts, views, CatchUps.caughtUp(), clock, Duration.ofSeconds(5),
                10);
        assertThatThrownBy(() -> withoutLog.round(ADMIN, "acme", "r-1", T0)).isInstanceOf(InvalidRequest.class);
    }
}
